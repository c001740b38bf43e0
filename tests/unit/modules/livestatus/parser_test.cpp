// The request language: first lines, every header, and bad input.
#include <gtest/gtest.h>

#include "sample_site.hpp"

namespace yagura::test {
namespace {

class ParserTest : public ::testing::Test {
protected:
    SampleSite site;
};

TEST_F(ParserTest, FirstLine) {
    EXPECT_EQ(site.ask("GET hosts").status, 200);
    EXPECT_EQ(site.ask("GET hosts\r\nColumns: name\r\n").status, 200);
    EXPECT_EQ(site.ask("GET nosuch").status, 404);
    EXPECT_EQ(site.ask("PUT hosts").status, 452);
    EXPECT_EQ(site.ask("").status, 452);
    EXPECT_EQ(site.ask("get hosts").status, 452);
}

TEST_F(ParserTest, UnknownHeaderAndColumn) {
    auto header = site.ask("GET hosts\nFrobnicate: yes");
    EXPECT_EQ(header.status, 400);
    EXPECT_NE(header.body.find("Frobnicate"), std::string::npos);
    auto column = site.ask("GET hosts\nColumns: name nosuch");
    EXPECT_EQ(column.status, 404);
    EXPECT_EQ(column.body, "Table 'hosts' has no column 'nosuch'\n");
    EXPECT_EQ(site.ask("GET hosts\nno colon here").status, 400);
}

TEST_F(ParserTest, OnOffHeaders) {
    EXPECT_TRUE(site.livestatus.parse("GET hosts\nKeepAlive: on").keep_alive());
    EXPECT_FALSE(site.livestatus.parse("GET hosts\nKeepAlive: off").keep_alive());
    EXPECT_EQ(site.ask("GET hosts\nKeepAlive: maybe").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nColumnHeaders: yes").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nResponseHeader: fixed32").status, 400);
    // KeepAlive is still read after an error, so the connection survives a bad query.
    auto bad = site.livestatus.parse("GET nosuch\nKeepAlive: on");
    EXPECT_TRUE(bad.keep_alive());
    EXPECT_EQ(site.livestatus.execute(bad).status, 404);
}

TEST_F(ParserTest, WaitHeaders) {
    auto request = site.livestatus.parse(
        "GET services\nWaitObject: web1;HTTP\nWaitCondition: state = 2\nWaitTrigger: check\n"
        "WaitTimeout: 1500");
    EXPECT_TRUE(request.waits());
    EXPECT_EQ(request.wait_trigger(), ls::Trigger::check);
    EXPECT_EQ(request.wait_timeout().count(), 1500);
    EXPECT_FALSE(site.livestatus.wait_condition_met(request));
    auto met =
        site.livestatus.parse("GET services\nWaitObject: web2 HTTP\nWaitCondition: state = 2");
    EXPECT_TRUE(site.livestatus.wait_condition_met(met));
    auto either = site.livestatus.parse(
        "GET hosts\nWaitObject: web1\nWaitCondition: state = 1\nWaitCondition: state = 0\n"
        "WaitConditionOr: 2");
    EXPECT_TRUE(site.livestatus.wait_condition_met(either));
    auto negated = site.livestatus.parse(
        "GET hosts\nWaitObject: web1\nWaitCondition: state = 0\nWaitConditionNegate:");
    EXPECT_FALSE(site.livestatus.wait_condition_met(negated));
    auto both = site.livestatus.parse(
        "GET hosts\nWaitObject: web1\nWaitCondition: state = 0\nWaitCondition: name = web1\n"
        "WaitConditionAnd: 2");
    EXPECT_TRUE(site.livestatus.wait_condition_met(both));
    EXPECT_EQ(site.ask("GET hosts\nWaitTrigger: sometimes").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nWaitTimeout: soon").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nWaitObject: nosuchhost\nWaitCondition: state = 0").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nWaitConditionNegate:").status, 400);
    EXPECT_FALSE(site.livestatus.parse("GET hosts").waits());
}

TEST_F(ParserTest, CommandLine) {
    auto request = site.livestatus.parse(
        "COMMAND [1700000000] ACKNOWLEDGE_SVC_PROBLEM;web2;HTTP;2;1;0;bob;on it");
    EXPECT_TRUE(request.is_command());
    auto response = site.livestatus.execute(request);
    EXPECT_TRUE(response.silent);
    EXPECT_EQ(response.wire(), "");
    ASSERT_EQ(site.sink.received.size(), 1u);
    const auto& command = site.sink.received[0];
    EXPECT_EQ(command.name, "ACKNOWLEDGE_SVC_PROBLEM");
    EXPECT_EQ(command.arguments, "web2;HTTP;2;1;0;bob;on it");
    EXPECT_EQ(command.timestamp, 1700000000);
    EXPECT_EQ(command.line(), "[1700000000] ACKNOWLEDGE_SVC_PROBLEM;web2;HTTP;2;1;0;bob;on it");
    // Without a timestamp the arrival time is used.
    site.ask("COMMAND DISABLE_NOTIFICATIONS");
    ASSERT_EQ(site.sink.received.size(), 2u);
    EXPECT_EQ(site.sink.received[1].timestamp, site.clock.now());
    EXPECT_EQ(site.sink.received[1].arguments, "");
}

TEST_F(ParserTest, BadCommandsAreRejectedAndNotForwarded) {
    EXPECT_EQ(site.ask("COMMAND [abc] FOO").status, 400);
    EXPECT_EQ(site.ask("COMMAND [1] lower_case;x").status, 400);
    EXPECT_EQ(site.ask("COMMAND").status, 452);
    EXPECT_EQ(site.ask("COMMAND [1] FOO\nColumns: name").status, 400);
    EXPECT_TRUE(site.sink.received.empty());
    ls::Livestatus no_sink(site.state, nullptr, site.clock);
    EXPECT_EQ(no_sink.answer("COMMAND [1] FOO").status, 403);
    // With fixed16 an accepted command still answers, so the client knows it was taken.
    EXPECT_EQ(site.ask("COMMAND [1] FOO\nResponseHeader: fixed16").wire(), "200           0\n");
}

TEST_F(ParserTest, GarbageNeverCrashes) {
    const char* inputs[] = {"GET",
                            "GET \n\n\n",
                            "GET hosts\n:",
                            "GET hosts\nStats:",
                            "GET hosts\nStats: sum",
                            "GET hosts\nColumns:",
                            "GET hosts\nLimit:",
                            "GET hosts\nSeparators:",
                            "GET log\nFilter: time >= 99999999999999999999",
                            "GET hosts\nFilter: name ~ \\",
                            "\x00\x01\x02",
                            "GET hosts\nOr: 99999999999"};
    for (const char* input : inputs) {
        auto response = site.ask(input);
        EXPECT_TRUE(response.status == 200 || response.status >= 400) << input;
    }
}

}  // namespace
}  // namespace yagura::test
