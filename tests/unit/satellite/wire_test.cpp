#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/net/codec.hpp>
#include <yagura/satellite/outbox.hpp>
#include <yagura/satellite/wire.hpp>

namespace yagura::satellite {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::multimap<std::string, std::string> query_of(const std::string& target) {
    std::string path;
    net::Params params;
    net::split_target(target, path, params);
    EXPECT_EQ(path, "/get_checks");
    return {params.begin(), params.end()};
}

TEST(Wire, PollerQueryAsksForChecksWithItsTags) {
    auto params = query_of(checks_target({.role = Role::poller,
                                          .tags = {"None", "DMZ west"},
                                          .worker_name = "poller-1",
                                          .max_actions = 12,
                                          .wait = 10}));
    auto get = [&](const std::string& key) { return params.find(key)->second; };
    EXPECT_EQ(get("do_checks"), "1");
    EXPECT_EQ(get("do_actions"), "0");
    EXPECT_EQ(get("poller_tags"), "None,DMZ west");  // encoded, decoded back intact
    EXPECT_FALSE(params.contains("reactionner_tags"));
    EXPECT_EQ(get("worker_name"), "poller-1");
    EXPECT_EQ(get("module_types"), "fork");
    EXPECT_EQ(get("max_actions"), "12");
    EXPECT_EQ(get("wait"), "10");
}

TEST(Wire, ReactionnerQueryAsksForActions) {
    auto params = query_of(checks_target(
        {.role = Role::reactionner, .tags = {"mail"}, .max_actions = 1, .wait = 0.5}));
    EXPECT_EQ(params.find("do_checks")->second, "0");
    EXPECT_EQ(params.find("do_actions")->second, "1");
    EXPECT_EQ(params.find("reactionner_tags")->second, "mail");
    EXPECT_EQ(params.find("wait")->second, "0.5");
}

TEST(Wire, ReadsActionsAndSetsAsideMalformedOnes) {
    json answer = {
        {"running_id", "1700000000.42"},
        {"part_id", 2},
        {"actions",
         {{{"id", "a1"},
           {"kind", "check"},
           {"command", "/bin/true"},
           {"timeout", 30},
           {"host_name", "web1"},
           {"service_description", "HTTP"},
           {"t_to_go", 1700000001.5}},
          {{"id", "a2"}, {"kind", "check"}, {"command", "/bin/true"}, {"host_name", "web1"}},
          {{"id", "n1"},
           {"kind", "notification"},
           {"command", "/bin/echo $X"},
           {"env", {{"NAGIOS_HOSTNAME", "web1"}, {"NAGIOS_ATTEMPT", 3}}}},
          {{"id", "e1"}, {"kind", "eventhandler"}, {"command", "/bin/true"}},
          {{"id", "bad1"}, {"kind", "check"}},
          {{"id", "bad2"}, {"kind", "teleport"}, {"command", "/bin/true"}},
          {{"kind", "check"}, {"command", "/bin/true"}},
          "not an action"}}};
    auto parsed = parse_checks_answer(answer);
    EXPECT_EQ(parsed.running_id, "1700000000.42");
    EXPECT_EQ(parsed.part_id, 2);
    ASSERT_EQ(parsed.actions.size(), 4U);
    EXPECT_EQ(parsed.actions[0].kind, exec::ActionKind::service_check);
    EXPECT_EQ(parsed.actions[0].timeout, 30);
    EXPECT_EQ(parsed.actions[0].t_to_go, 1700000001.5);
    EXPECT_EQ(parsed.actions[1].kind, exec::ActionKind::host_check);  // no service
    EXPECT_EQ(parsed.actions[2].kind, exec::ActionKind::notification);
    EXPECT_THAT(parsed.actions[2].env, ElementsAre("NAGIOS_ATTEMPT=3", "NAGIOS_HOSTNAME=web1"));
    EXPECT_EQ(parsed.actions[3].kind, exec::ActionKind::event_handler);
    ASSERT_EQ(parsed.rejected.size(), 4U);
    EXPECT_EQ(parsed.rejected[0].id, "bad1");
    EXPECT_THAT(parsed.rejected[0].reason, HasSubstr("no command line"));
    EXPECT_EQ(parsed.rejected[1].id, "bad2");
    EXPECT_THAT(parsed.rejected[1].reason, HasSubstr("teleport"));
    EXPECT_EQ(parsed.rejected[2].id, "");
    EXPECT_EQ(parsed.rejected[3].id, "");
}

TEST(Wire, UnusableAnswersAreErrors) {
    EXPECT_THROW(parse_checks_answer(json::array()), core::Error);
    EXPECT_THROW(parse_checks_answer({{"actions", json::array()}}), core::Error);  // no run id
    EXPECT_THROW(parse_checks_answer({{"running_id", "x"}, {"actions", 3}}), core::Error);
    EXPECT_TRUE(parse_checks_answer({{"running_id", "x"}}).actions.empty());
}

TEST(Wire, CommandTakesTheOrderOrTheDefaults) {
    ActionOrder order{
        .id = "a", .kind = exec::ActionKind::notification, .command = "/bin/true", .env = {"A=1"}};
    RunDefaults defaults{.timeout = 30, .timeout_exit_status = 3, .max_output = 100};
    auto command = command_for(order, defaults);
    EXPECT_EQ(command.command_line, "/bin/true");
    EXPECT_EQ(command.timeout, 30);
    EXPECT_EQ(command.timeout_exit_status, 3);
    EXPECT_EQ(command.max_output, 100U);
    EXPECT_EQ(command.kind, exec::ActionKind::notification);
    EXPECT_THAT(command.env, ElementsAre("A=1"));
    order.timeout = 5;
    EXPECT_EQ(command_for(order, defaults).timeout, 5);
}

TEST(Wire, ResultEntriesSurviveAnyBytes) {
    exec::Result result;
    result.exit_status = 1;
    result.output = "WARNING - caf\xe9 latin-1";  // not UTF-8
    result.perf_data = "t=1";
    result.start_time = 1700000000.25;
    result.end_time = 1700000000.5;
    result.execution_time = 0.25;
    auto entry = json::parse(result_entry("x1", result));
    EXPECT_EQ(entry["id"], "x1");
    EXPECT_EQ(entry["exit_status"], 1);
    EXPECT_THAT(entry["output"].get<std::string>(), HasSubstr("WARNING - caf"));
    EXPECT_EQ(entry["perf_data"], "t=1");
    EXPECT_EQ(entry["start_time"], 1700000000.25);
    EXPECT_EQ(entry["timed_out"], false);

    auto rejected = json::parse(rejected_entry({"bad1", "no command"}, 5.0));
    EXPECT_EQ(rejected["exit_status"], 3);
    EXPECT_THAT(rejected["output"].get<std::string>(), HasSubstr("no command"));

    std::string a = R"({"id":"1"})";
    std::string b = R"({"id":"2"})";
    auto body = json::parse(put_results_body({&a, &b}));
    EXPECT_EQ(body["results"].size(), 2U);
    EXPECT_EQ(body["results"][1]["id"], "2");
    EXPECT_EQ(json::parse(put_results_body({}))["results"].size(), 0U);
}

TEST(Wire, PutResultsAnswer) {
    auto answer = parse_put_results_answer({{"accepted", 3}, {"unknown", 1}});
    EXPECT_EQ(answer.accepted, 3U);
    EXPECT_EQ(answer.unknown, 1U);
    EXPECT_EQ(parse_put_results_answer(json::object()).unknown, 0U);
    EXPECT_THROW(parse_put_results_answer("ok"), core::Error);
}

std::vector<std::string> entries(const std::vector<PendingResult>& batch) {
    std::vector<std::string> out;
    for (const auto& r : batch) {
        out.push_back(r.entry);
    }
    return out;
}

TEST(Outbox, BatchGivenBackKeepsItsPlaceAndOrder) {
    ResultOutbox outbox;
    for (const char* e : {"a", "b", "c", "d", "e"}) {
        outbox.push({1, e});
    }
    auto batch = outbox.take(3);
    EXPECT_THAT(entries(batch), ElementsAre("a", "b", "c"));
    EXPECT_EQ(outbox.size(), 2U);
    outbox.push({1, "f"});
    EXPECT_EQ(outbox.give_back(std::move(batch), 1), 0U);
    EXPECT_THAT(entries(outbox.take(0)), ElementsAre("a", "b", "c", "d", "e", "f"));
    EXPECT_TRUE(outbox.empty());
}

TEST(Outbox, ResultsOfAnOlderRunAreNotGivenBack) {
    ResultOutbox outbox;
    outbox.push({1, "old1"});
    outbox.push({2, "new1"});
    outbox.push({1, "old2"});
    outbox.push({2, "new2"});
    auto batch = outbox.take(0);
    EXPECT_EQ(outbox.give_back(std::move(batch), 2), 2U);
    EXPECT_THAT(entries(outbox.take(0)), ElementsAre("new1", "new2"));
    outbox.push({2, "x"});
    EXPECT_EQ(outbox.clear(), 1U);
}

}  // namespace
}  // namespace yagura::satellite
