// The scheduler role in a real Daemon, served over real HTTP: a poller (the real satellite
// engine, in its own Daemon) runs real plugins against it; the wire's answers and refusals.
#include <future>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/model/json.hpp>
#include <yagura/satellite/role.hpp>

#include "scheduler_fixture.hpp"
#include "shard_builder.hpp"

namespace yagura::scheduler::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kPoll = "/get_checks?do_checks=1&worker_name=t&max_actions=100";

// One host and two services checked every 2 seconds by check_dummy: HTTP CRITICAL, DISK OK.
model::Config small_shard(std::string_view disk_interval = "2") {
    engine::test::ShardBuilder b;
    b.with_basics().global("interval_length", "1").global("max_service_check_spread", "1");
    b.host("web1", {{"check_command", "check_ok"}, {"check_interval", "2"}});
    b.service("web1", "HTTP",
              {{"check_command", "check_svc!2"}, {"check_interval", "2"}, {"retry_interval", "1"}});
    b.service("web1", "DISK",
              {{"check_command", "check_svc!0"},
               {"check_interval", disk_interval},
               {"retry_interval", "1"}});
    return b.build();
}

class SchedulerRoleTest : public ::testing::Test {
protected:
    SchedulerRoleTest() : scheduler_(dir_.path() / "scheduler") {}

    void start_with_part(model::Config shard = small_shard()) {
        scheduler_.run();
        scheduler_.run_part(std::move(shard), 3);
        ASSERT_TRUE(eventually([&] { return !scheduler_.stats()["part"].is_null(); }));
    }

    // Takes every check due now (no wait), returns them.
    json drain() { return scheduler_.get_json(kPoll)["actions"]; }

    // Takes checks until all three (one host, two services) are in flight: nothing is due
    // then until a result or a command asks for more.
    bool take_every_check() {
        return eventually([&] {
            for (const auto& a : drain()) {
                drain_in_flight_.push_back(a);
            }
            return scheduler_.stats()["engine"]["checks"]["in_flight"] == 3;
        });
    }

    json service(const std::string& name) {
        return scheduler_.get_json("/get_service?host=web1&service=" + name);
    }

    TempDir dir_;
    SchedulerProcess scheduler_;
    std::vector<json> drain_in_flight_;  // what take_every_check took
};

TEST_F(SchedulerRoleTest, ARealPollerRunsRealPluginsAndResultsChangeStates) {
    start_with_part();
    DaemonThread poller_daemon("poller", dir_.path() / "poller");
    satellite::SatelliteRole poller(poller_daemon.daemon(), satellite::Role::poller);
    satellite::SatelliteConfig config;
    config.schedulers.push_back({.part_id = 3,
                                 .flavor = "test",
                                 .name = "scheduler-test",
                                 .address = "127.0.0.1",
                                 .port = scheduler_.port()});
    config.link.max_workers = 1;
    config.link.processes_by_worker = 4;
    poller.apply_config(config);
    poller_daemon.run();

    ASSERT_TRUE(eventually([&] { return service("HTTP")["state"] == "CRITICAL"; }))
        << service("HTTP").dump();
    EXPECT_TRUE(eventually([&] { return service("DISK")["has_been_checked"] == true; }));
    EXPECT_EQ(service("DISK")["state"], "OK");
    EXPECT_THAT(service("HTTP")["output"].get<std::string>(), HasSubstr("10.0.0.1"));

    auto stats = scheduler_.stats();
    EXPECT_GE(stats["engine"]["results"]["total"].get<int>(), 3);
    EXPECT_EQ(stats["part"]["part_id"], 3);
    // The poller long-polls: its calls are counted, and it was handed checks.
    EXPECT_GE(stats["long_polls"]["get_checks"]["calls"].get<int>(), 1);
    poller_daemon.stop();
}

TEST_F(SchedulerRoleTest, ALongPollWaitingForWorkIsWokenWhenACheckBecomesDue) {
    start_with_part(small_shard("600"));  // DISK's next check is far away
    // Take everything due, so nothing is left for the long poll but what we force below.
    ASSERT_TRUE(take_every_check());
    json disk;
    for (const auto& a : drain_in_flight_) {
        if (a.value("service_description", "") == "DISK") {
            disk = a;
        }
    }
    ASSERT_FALSE(disk.is_null());
    auto done = scheduler_.post(
        "/put_results", json{{"results", {{{"id", disk["id"]}, {"exit_status", 0}}}}}.dump());
    ASSERT_EQ(done.json()["accepted"], 1);
    auto before = scheduler_.stats()["long_polls"]["get_checks"];

    auto poll = std::async(std::launch::async,
                           [&] { return scheduler_.get_json(std::string(kPoll) + "&wait=60"); });
    ASSERT_TRUE(eventually(
        [&] { return scheduler_.stats()["long_polls"]["get_checks"]["waiting"].get<int>() == 1; }));
    auto forced =
        scheduler_.post("/run_external_commands",
                        json{{"commands", {"[0] SCHEDULE_FORCED_SVC_CHECK;web1;DISK;0"}}}.dump());
    ASSERT_EQ(forced.status, 200) << forced.body;
    EXPECT_EQ(forced.json()["accepted"], 1) << forced.body;

    json answer = poll.get();
    ASSERT_EQ(answer["actions"].size(), 1u) << answer.dump();
    EXPECT_EQ(answer["actions"][0]["service_description"], "DISK");
    EXPECT_EQ(answer["actions"][0]["kind"], "check");
    EXPECT_EQ(answer["part_id"], 3);
    auto after = scheduler_.stats()["long_polls"]["get_checks"];
    EXPECT_EQ(after["woken"].get<int>(), before["woken"].get<int>() + 1);
    EXPECT_EQ(after["timed_out"], before["timed_out"]);
}

TEST_F(SchedulerRoleTest, ALongPollWithNothingDueTimesOutEmpty) {
    start_with_part();
    ASSERT_TRUE(take_every_check());
    // Everything is in flight and nothing is due for a while: the poll ends empty.
    auto answer = scheduler_.get_json(std::string(kPoll) + "&wait=0.3");
    EXPECT_TRUE(answer["actions"].empty());
    EXPECT_EQ(scheduler_.stats()["long_polls"]["get_checks"]["timed_out"], 1);
}

TEST_F(SchedulerRoleTest, ResultsAreConsumedAndUnknownIdsCounted) {
    start_with_part();
    json actions;
    ASSERT_TRUE(eventually([&] {
        actions = drain();
        return !actions.empty();
    }));
    json results = json::array();
    for (const auto& a : actions) {
        results.push_back({{"id", a["id"]},
                           {"exit_status", 1},
                           {"output", "WARNING - from the test"},
                           {"perf_data", "x=1"}});
    }
    results.push_back({{"id", "no-such-action"}, {"exit_status", 0}, {"output", "?"}});
    auto answer = scheduler_.post("/put_results", json{{"results", results}}.dump());
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["accepted"], actions.size());
    EXPECT_EQ(answer.json()["unknown"], 1);
    for (const auto& a : actions) {
        if (a.contains("service_description")) {
            auto state = service(a["service_description"].get<std::string>());
            EXPECT_EQ(state["state"], "WARNING") << state.dump();
        }
    }
}

TEST_F(SchedulerRoleTest, MalformedResultsGet400AndChangeNothing) {
    start_with_part();
    json actions;
    ASSERT_TRUE(eventually([&] {
        actions = drain();
        return !actions.empty();
    }));
    auto total = scheduler_.stats()["engine"]["results"]["total"];
    // One good result followed by a bad one: the whole batch is refused.
    json good = {{"id", actions[0]["id"]}, {"exit_status", 2}, {"output", "CRITICAL"}};
    for (const json& bad :
         {json{{"exit_status", 0}}, json{{"id", "x"}, {"exit_status", "zero"}},
          json{{"id", "x"}, {"exit_status", 0}, {"output", 12}},
          json{{"id", "x"}, {"exit_status", 0}, {"timed_out", "no"}}, json("not an object")}) {
        auto answer = scheduler_.post("/put_results", json{{"results", {good, bad}}}.dump());
        EXPECT_EQ(answer.status, 400) << bad.dump() << " -> " << answer.body;
        EXPECT_THAT(answer.body, HasSubstr("results[1]"));
    }
    for (const std::string body : {"", "{", "[]", "{\"results\": 3}"}) {
        auto answer = scheduler_.post("/put_results", body);
        EXPECT_EQ(answer.status, 400) << body << " -> " << answer.body;
    }
    EXPECT_EQ(scheduler_.stats()["engine"]["results"]["total"], total);
    // The action is still in flight: its real result is accepted.
    auto answer = scheduler_.post("/put_results", json{{"results", {good}}}.dump());
    EXPECT_EQ(answer.json()["accepted"], 1) << answer.body;
}

TEST_F(SchedulerRoleTest, BadQueriesGet400) {
    start_with_part();
    EXPECT_EQ(scheduler_.get("/get_checks?wait=soon").status, 400);
    EXPECT_EQ(scheduler_.get("/get_checks?wait=-1").status, 400);
    EXPECT_EQ(scheduler_.get("/get_checks?max_actions=many").status, 400);
    EXPECT_EQ(scheduler_.get("/get_checks?do_checks=maybe").status, 400);
    EXPECT_EQ(scheduler_.get("/get_broks").status, 400);
    EXPECT_EQ(scheduler_.get("/get_host").status, 400);
    EXPECT_EQ(scheduler_.get("/get_host?name=nope").status, 404);
    EXPECT_EQ(scheduler_.get("/get_service?host=web1&service=nope").status, 404);
    EXPECT_EQ(scheduler_.get("/get_host?name=web1").status, 200);
}

TEST_F(SchedulerRoleTest, ExternalCommandsAreAcceptedOrRejectedWithTheirError) {
    start_with_part();
    json body = {{"commands",
                  {"[0] DISABLE_SVC_NOTIFICATIONS;web1;HTTP", "[0] NO_SUCH_COMMAND;web1",
                   "[0] DISABLE_SVC_NOTIFICATIONS;web1;NOPE", 42}}};
    auto answer = scheduler_.post("/run_external_commands", body.dump());
    ASSERT_EQ(answer.status, 200) << answer.body;
    json out = answer.json();
    EXPECT_EQ(out["accepted"], 1);
    ASSERT_EQ(out["rejected"].size(), 3u) << out.dump();
    EXPECT_EQ(out["rejected"][0]["command"], "[0] NO_SUCH_COMMAND;web1");
    EXPECT_FALSE(out["rejected"][0]["error"].get<std::string>().empty());
    EXPECT_EQ(out["rejected"][2]["command"], "42");
    EXPECT_EQ(service("HTTP")["modified_attributes"].get<int>() & 1, 1);
    EXPECT_EQ(scheduler_.post("/run_external_commands", "{\"commands\": \"x\"}").status, 400);
    EXPECT_EQ(scheduler_.post("/run_external_commands", "nope").status, 400);
}

TEST_F(SchedulerRoleTest, ANewBrokerGetsTheInitialDumpThenDeltas) {
    start_with_part();
    json first = scheduler_.get_json("/get_broks?bname=broker-1");
    ASSERT_FALSE(first["broks"].empty());
    std::set<std::string> types;
    for (const auto& b : first["broks"]) {
        types.insert(b["type"].get<std::string>());
    }
    EXPECT_TRUE(types.count("initial_host_status")) << first.dump().substr(0, 500);
    EXPECT_TRUE(types.count("initial_service_status"));
    // A check result is a delta for the broker, which was waiting for it.
    auto poll = std::async(std::launch::async, [&] {
        return scheduler_.get_json("/get_broks?bname=broker-1&wait=60");
    });
    json actions;
    ASSERT_TRUE(eventually([&] {
        actions = drain();
        return !actions.empty();
    }));
    scheduler_.post("/put_results",
                    json{{"results", {{{"id", actions[0]["id"]}, {"exit_status", 0}}}}}.dump());
    json delta = poll.get();
    EXPECT_FALSE(delta["broks"].empty());
    EXPECT_EQ(scheduler_.post("/fill_initial_broks?bname=broker-1", "").status, 200);
}

TEST_F(SchedulerRoleTest, WithoutAPartNothingIsHandedOut) {
    scheduler_.run();
    auto answer = scheduler_.get_json(std::string(kPoll) + "&wait=0.2");
    EXPECT_TRUE(answer["actions"].empty());
    EXPECT_TRUE(answer["part_id"].is_null());
    EXPECT_FALSE(answer["running_id"].get<std::string>().empty());
    auto results = scheduler_.post("/put_results",
                                   json{{"results", {{{"id", "a"}, {"exit_status", 0}}}}}.dump());
    EXPECT_EQ(results.json()["unknown"], 1);
    EXPECT_EQ(scheduler_.post("/run_external_commands", "{\"commands\": []}").status, 503);
    EXPECT_EQ(scheduler_.get("/get_host?name=web1").status, 503);
}

TEST_F(SchedulerRoleTest, ANewPartReplacesTheOldOneAndDroppingItStopsHandingOutChecks) {
    start_with_part();
    scheduler_.run_part(small_shard(), 4);
    ASSERT_TRUE(eventually([&] { return scheduler_.stats()["part"]["part_id"] == 4; }));
    ASSERT_TRUE(eventually([&] { return !drain().empty(); }));

    scheduler_.drop_part();
    ASSERT_TRUE(eventually([&] { return scheduler_.stats()["part"].is_null(); }));
    auto answer = scheduler_.get_json(std::string(kPoll) + "&wait=0.2");
    EXPECT_TRUE(answer["actions"].empty());
    EXPECT_TRUE(answer["part_id"].is_null());
}

}  // namespace
}  // namespace yagura::scheduler::testing

namespace yagura::scheduler::testing {
namespace {

TEST_F(SchedulerRoleTest, APartGivenAsJsonIsLoadedOffTheLoopAndLeftIntact) {
    scheduler_.run();
    auto objects = std::make_shared<const json>(model::config_to_json(small_shard()));
    std::string text = objects->dump();
    scheduler_.run_part_json(objects, 5);
    ASSERT_TRUE(eventually([&] { return scheduler_.stats()["part"]["part_id"] == 5; }))
        << scheduler_.stats().dump();
    EXPECT_EQ(objects->dump(), text);
    EXPECT_EQ(scheduler_.get_json("/get_host?name=web1")["host_name"], "web1");
}

}  // namespace
}  // namespace yagura::scheduler::testing

#include "scheduler/part_loader.hpp"
namespace yagura::scheduler::testing {
namespace {
TEST(PartLoader, LeavesItsInputIntact) {
    const json objects = model::config_to_json(small_shard());
    std::string text = objects.dump();
    auto loaded = load_part(objects);
    EXPECT_TRUE(loaded.shard.has_value()) << loaded.describe_errors();
    EXPECT_EQ(objects.dump(), text);
}
}  // namespace
}  // namespace yagura::scheduler::testing
