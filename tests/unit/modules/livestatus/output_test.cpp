// Output formats, response headers, column headers, separators, limit, localtime.
#include <gtest/gtest.h>

#include "sample_site.hpp"

namespace yagura::test {
namespace {

class OutputTest : public ::testing::Test {
protected:
    SampleSite site;
};

TEST_F(OutputTest, CsvIsTheDefault) {
    EXPECT_EQ(site.body("GET hosts\nColumns: name state\nFilter: name ~ ^web"), "web1;0\nweb2;1\n");
    EXPECT_EQ(site.body("GET hosts\nColumns: name groups\nFilter: name = web1"),
              "web1;web,linux\n");
    EXPECT_EQ(site.body("GET hosts\nColumns: custom_variables\nFilter: name = web1"),
              "OS|linux,RACK|r1\n");
    EXPECT_EQ(site.body("GET hosts\nColumns: services_with_state\nFilter: name = web1"),
              "HTTP|0|1,Disk|1|1\n");
}

TEST_F(OutputTest, JsonAndPython) {
    std::string query =
        "GET hosts\nColumns: name groups custom_variables latency\nFilter: name = web1\n";
    auto json_text = site.body(query + "OutputFormat: json");
    EXPECT_EQ(json_text, R"([["web1",["web","linux"],{"OS":"linux","RACK":"r1"},0]])"
                         "\n");
    EXPECT_EQ(site.body(query + "OutputFormat: python"), json_text);
    EXPECT_EQ(site.body(query + "OutputFormat: python3"), json_text);
    EXPECT_EQ(site.ask(query + "OutputFormat: xml").status, 400);
}

TEST_F(OutputTest, JsonEscapesStrings) {
    site.state.apply(service_brok("web1", "HTTP", {{"output", "say \"hi\"\\\n\x01"}}, 0,
                                  "service_check_result"));
    auto body = site.body(
        "GET services\nColumns: plugin_output\nFilter: description = HTTP\nFilter: host_name = "
        "web1\nOutputFormat: json");
    EXPECT_EQ(body, "[[\"say \\\"hi\\\"\\\\\\n\\u0001\"]]\n");
    EXPECT_EQ(json::parse(body)[0][0], "say \"hi\"\\\n\x01");
}

TEST_F(OutputTest, ColumnHeaders) {
    // Without Columns: every column, with a header row.
    auto all = site.rows("GET commands");
    EXPECT_EQ(all[0], json::parse(R"(["name","line"])"));
    EXPECT_EQ(all[1], json::parse(R"(["check_ping","$USER1$/check_ping"])"));
    auto on = site.rows("GET commands\nColumns: name\nColumnHeaders: on");
    EXPECT_EQ(on, json::parse(R"([["name"],["check_ping"]])"));
    auto off = site.rows("GET commands\nColumnHeaders: off");
    EXPECT_EQ(off.size(), 1u);
}

TEST_F(OutputTest, Separators) {
    EXPECT_EQ(site.body("GET hosts\nColumns: name groups services_with_state\n"
                        "Filter: name = web1\nSeparators: 10 9 58 47"),
              "web1\tweb:linux\tHTTP/0/1:Disk/1/1\n");
    EXPECT_EQ(site.body("GET hosts\nColumns: name\nFilter: name ~ web\nSeparators: 124"),
              "web1|web2|");
    EXPECT_EQ(site.ask("GET hosts\nSeparators: 10 x").status, 400);
}

TEST_F(OutputTest, Fixed16Header) {
    auto response =
        site.ask("GET hosts\nColumns: name\nFilter: name = web1\nResponseHeader: fixed16");
    EXPECT_EQ(response.wire(), "200           5\nweb1\n");
    auto error = site.ask("GET nosuchtable\nResponseHeader: fixed16");
    auto wire = error.wire();
    ASSERT_GE(wire.size(), 16u);
    EXPECT_EQ(wire.substr(0, 4), "404 ");
    EXPECT_EQ(std::stoul(wire.substr(4, 11)), wire.size() - 16);
    EXPECT_NE(wire.find("no such table 'nosuchtable'"), std::string::npos);
    // An error in an earlier header still honours a later ResponseHeader.
    EXPECT_EQ(site.ask("GET hosts\nFilter: name\nResponseHeader: fixed16").wire().substr(0, 4),
              "400 ");
    // Without fixed16, the error is the message alone.
    EXPECT_EQ(site.ask("GET nosuchtable").wire(),
              "Invalid GET request, no such table 'nosuchtable'\n");
}

TEST_F(OutputTest, Limit) {
    EXPECT_EQ(site.body("GET services\nColumns: description\nLimit: 2"), "HTTP\nDisk\n");
    EXPECT_EQ(site.body("GET services\nColumns: description\nLimit: 0"), "");
    EXPECT_EQ(site.ask("GET services\nLimit: -1").status, 400);
}

TEST_F(OutputTest, LocaltimeShiftsOutputTimes) {
    // The client's clock is 2 hours (and a few seconds) ahead of ours: zone difference 7200 s.
    auto body = site.body(
        "GET services\nColumns: last_check\nFilter: description = MySQL\n"
        "Localtime: 1700007210");
    EXPECT_EQ(body, "1700007250\n");
    EXPECT_EQ(site.ask("GET hosts\nLocaltime: 1800000000").status, 400);
}

TEST_F(OutputTest, ResponseSizeLimit) {
    ls::Livestatus small(site.state, nullptr, site.clock, ls::LivestatusSettings{64});
    auto response = small.answer("GET columns");
    EXPECT_EQ(response.status, 413);
    EXPECT_NE(response.body.find("Maximum response size"), std::string::npos);
}

}  // namespace
}  // namespace yagura::test
