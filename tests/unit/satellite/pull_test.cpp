// Getting actions: the get_checks parameters, the long poll, tags, the capacity.
#include <fstream>
#include <set>

#include <gmock/gmock.h>

#include "satellite_fixture.hpp"

namespace yagura::satellite::testing {
namespace {

using ::testing::HasSubstr;

std::set<std::string> result_ids(FakeScheduler& scheduler) {
    std::set<std::string> ids;
    for (const auto& r : scheduler.results()) {
        ids.insert(r.result["id"].get<std::string>());
    }
    return ids;
}

TEST_F(SatelliteTest, PollerRunsChecksAndReturnsTheirResults) {
    FakeScheduler scheduler;
    scheduler.add({.id = "ok", .command = kCheckDummy + " 0 fine"});
    scheduler.add({.id = "crit", .command = kCheckDummy + " 2 'disk full'"});
    scheduler.add({.id = "odd", .command = kCheckDummy + " 7 x"});  // outside 0-3
    make().apply_config(config_for({scheduler.entry()}));

    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 3; }));
    std::map<std::string, nlohmann::json> by_id;
    for (const auto& r : scheduler.results()) {
        EXPECT_TRUE(r.known);
        by_id[r.result["id"]] = r.result;
    }
    EXPECT_EQ(by_id["ok"]["exit_status"], 0);
    EXPECT_EQ(by_id["ok"]["output"], "OK: fine");
    EXPECT_EQ(by_id["crit"]["exit_status"], 2);
    EXPECT_EQ(by_id["crit"]["output"], "CRITICAL: disk full");
    EXPECT_EQ(by_id["odd"]["exit_status"], 3);
    EXPECT_GT(by_id["ok"]["end_time"].get<double>(), 1.6e9);
    EXPECT_EQ(satellite_->counters().done, 3U);
    EXPECT_EQ(scheduler_stats("scheduler-1")["state"], "connected");
}

TEST_F(SatelliteTest, SendsItsNameTagsAndFreeSlots) {
    FakeScheduler scheduler;
    make().apply_config(config_for({scheduler.entry()}, [](WorkerSettings& link) {
        link.name = "poller-dmz";
        link.tags = {"None", "DMZ"};
        link.max_workers = 3;
        link.processes_by_worker = 5;
    }));
    ASSERT_TRUE(run_until([&] { return !scheduler.checks_calls().empty(); }));
    auto params = scheduler.checks_calls().front().params;
    EXPECT_EQ(params["do_checks"], "1");
    EXPECT_EQ(params["do_actions"], "0");
    EXPECT_EQ(params["poller_tags"], "None,DMZ");
    EXPECT_EQ(params["worker_name"], "poller-dmz");
    EXPECT_EQ(params["module_types"], "fork");
    EXPECT_EQ(params["max_actions"], "15");  // 3 workers x 5 processes, all free
    EXPECT_EQ(params["wait"], "2");          // the long poll
}

TEST_F(SatelliteTest, TaggedChecksGoOnlyToTheTaggedPoller) {
    FakeScheduler scheduler;  // matches tags exactly, as the real scheduler does
    scheduler.add({.id = "plain", .tag = "None", .command = kCheckDummy + " 0 a"});
    scheduler.add({.id = "dmz", .tag = "DMZ", .command = kCheckDummy + " 0 b"});
    scheduler.add({.id = "dmz2", .tag = "DMZ2", .command = kCheckDummy + " 0 c"});
    make().apply_config(
        config_for({scheduler.entry()}, [](WorkerSettings& link) { link.tags = {"DMZ"}; }));
    ASSERT_TRUE(run_until([&] { return !scheduler.results().empty(); }));
    run_for(std::chrono::milliseconds(300));
    EXPECT_EQ(result_ids(scheduler), std::set<std::string>{"dmz"});
    EXPECT_EQ(scheduler.due_actions(), 2U);
}

TEST_F(SatelliteTest, ReactionnerAsksForActionsWithItsTagsAndEnvironment) {
    FakeScheduler scheduler;
    auto out = (dir_ / "notified").string();
    scheduler.add({.id = "check", .kind = "check", .command = kCheckDummy + " 0 x"});
    scheduler.add(
        {.id = "n1",
         .kind = "notification",
         .tag = "mail",
         .command = "/bin/sh -c 'echo \"$NAGIOS_NOTIFICATIONTYPE $NAGIOS_HOSTNAME\" > " + out + "'",
         .extra = {{"env", {{"NAGIOS_NOTIFICATIONTYPE", "PROBLEM"}, {"NAGIOS_HOSTNAME", "web1"}}},
                   {"host_name", "web1"}}});
    make(Role::reactionner).apply_config(config_for({scheduler.entry()}, [](WorkerSettings& link) {
        link.tags = {"mail"};
    }));
    ASSERT_TRUE(run_until([&] { return !scheduler.results().empty(); }));
    auto params = scheduler.checks_calls().front().params;
    EXPECT_EQ(params["do_checks"], "0");
    EXPECT_EQ(params["do_actions"], "1");
    EXPECT_EQ(params["reactionner_tags"], "mail");
    EXPECT_EQ(result_ids(scheduler), std::set<std::string>{"n1"});
    std::ifstream written(out);
    std::string line;
    std::getline(written, line);
    EXPECT_EQ(line, "PROBLEM web1");
    EXPECT_EQ(scheduler.due_actions(), 1U);  // the check is a poller's
}

TEST_F(SatelliteTest, LongPollHearsOfNewWorkWithoutAskingAgain) {
    FakeScheduler scheduler;
    make(Role::poller, [](SatelliteOptions& o) {
        o.long_poll_wait = std::chrono::seconds(25);  // beyond the test's own bound
    }).apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return scheduler.checks_started() == 1; }));
    run_for(std::chrono::milliseconds(100));
    scheduler.add({.id = "late", .command = kCheckDummy + " 0 late"});
    ASSERT_TRUE(
        run_until([&] { return scheduler.results().size() == 1; }, std::chrono::seconds(20)));
    // The call that was waiting when the check became due is the one that carried it.
    auto calls = scheduler.checks_calls();
    ASSERT_FALSE(calls.empty());
    EXPECT_EQ(calls.front().handed_out, 1U);
    EXPECT_EQ(calls.front().params["wait"], "25");
}

// Each plugin appends "s" when it starts and "e" before it ends: the file tells how many
// ran at once, whatever the satellite believes.
std::size_t most_at_once(const std::filesystem::path& log) {
    std::ifstream in(log);
    std::size_t now = 0;
    std::size_t most = 0;
    for (std::string line; std::getline(in, line);) {
        now = line == "s" ? now + 1 : now - 1;
        most = std::max(most, now);
    }
    return most;
}

TEST_F(SatelliteTest, NeverRunsMoreThanWorkersTimesProcessesAndAsksForNoMore) {
    auto log = dir_ / "concurrency.log";
    auto plugin =
        write_script("slow.sh", "#!/bin/sh\necho s >> " + log.string() + "\nsleep 0.2\necho e >> " +
                                    log.string() + "\necho OK\n");
    FakeScheduler scheduler;
    scheduler.add_checks(9, plugin);
    make().apply_config(config_for({scheduler.entry()}, [](WorkerSettings& link) {
        link.max_workers = 1;
        link.processes_by_worker = 3;
    }));
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 9; }));
    EXPECT_EQ(most_at_once(log), 3U);
    EXPECT_EQ(satellite_->counters().peak_running, 3U);
    for (const auto& call : scheduler.checks_calls()) {
        auto asked = std::stoul(call.params.at("max_actions"));
        EXPECT_GE(asked, 1U);
        EXPECT_LE(asked, 3U);
        EXPECT_LE(call.handed_out, asked);
    }
}

TEST_F(SatelliteTest, QueueLimitLetsItHoldMoreThanItRuns) {
    auto log = dir_ / "concurrency.log";
    auto plugin = write_script("slow.sh", "#!/bin/sh\necho s >> " + log.string() +
                                              "\nsleep 0.2\necho e >> " + log.string() + "\n");
    FakeScheduler scheduler;
    scheduler.add_checks(6, plugin);
    make().apply_config(config_for({scheduler.entry()}, [](WorkerSettings& link) {
        link.max_workers = 1;
        link.processes_by_worker = 2;
        link.max_q_size = 4;
    }));
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 6; }));
    EXPECT_EQ(scheduler.checks_calls().front().params["max_actions"], "6");  // 2 running + 4
    EXPECT_EQ(scheduler.checks_calls().front().handed_out, 6U);
    EXPECT_EQ(most_at_once(log), 2U);
}

TEST_F(SatelliteTest, MalformedActionsAreAnsweredNotRun) {
    FakeScheduler scheduler;
    scheduler.add({.id = "no-command", .command = ""});
    scheduler.add({.id = "good", .command = kCheckDummy + " 0 ok"});
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 2; }));
    for (const auto& r : scheduler.results()) {
        if (r.result["id"] == "no-command") {
            EXPECT_EQ(r.result["exit_status"], 3);
            EXPECT_THAT(r.result["output"].get<std::string>(), HasSubstr("no command line"));
        }
    }
    EXPECT_EQ(satellite_->counters().rejected, 1U);
    EXPECT_EQ(satellite_->counters().started, 1U);
}

TEST_F(SatelliteTest, AnActionAlreadyHereIsNotRunTwice) {
    auto log = dir_ / "runs.log";
    auto plugin =
        write_script("once.sh", "#!/bin/sh\necho run >> " + log.string() + "\nsleep 0.3\n");
    FakeScheduler scheduler;
    scheduler.add({.id = "same", .command = plugin});
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return satellite_->running() == 1; }));
    scheduler.add({.id = "same", .command = plugin});  // handed out again while it runs
    ASSERT_TRUE(run_until([&] { return satellite_->counters().duplicates == 1; }));
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 1; }));
    run_for(std::chrono::milliseconds(200));
    std::ifstream in(log);
    std::string all((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(all, "run\n");
}

TEST_F(SatelliteTest, ConfigurationBeforeStartIsAppliedAtStart) {
    FakeScheduler scheduler;
    scheduler.add({.id = "early", .command = kCheckDummy + " 0 early"});
    satellite_ = std::make_unique<Satellite>(io_, SatelliteOptions{.name = "p"});
    satellite_->apply_config(config_for({scheduler.entry()}));
    run_for(std::chrono::milliseconds(100));
    EXPECT_EQ(scheduler.checks_started(), 0U);  // nothing runs before start()
    EXPECT_TRUE(satellite_->has_config());
    satellite_->start();
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 1; }));
}

}  // namespace
}  // namespace yagura::satellite::testing

namespace yagura::satellite::testing {
namespace {

TEST_F(SatelliteTest, MeasuresHowLateActionsStart) {
    FakeScheduler scheduler;
    scheduler.add({.id = "late", .command = kCheckDummy + " 0 a", .extra = {{"t_to_go", 1990.0}}});
    scheduler.add(
        {.id = "ontime", .command = kCheckDummy + " 0 b", .extra = {{"t_to_go", 1999.5}}});
    scheduler.add({.id = "undated", .command = kCheckDummy + " 0 c"});
    make(Role::poller, [&](SatelliteOptions& o) {
        o.clock = &clock_;  // now: 2000
    }).apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return satellite_->counters().done == 3; }));
    auto latency = satellite_->stats()["latency"];
    EXPECT_EQ(latency["samples"], 2);  // an action without t_to_go says nothing
    EXPECT_EQ(latency["p50"], 0.5);
    EXPECT_EQ(latency["max"], 10.0);
}

}  // namespace
}  // namespace yagura::satellite::testing
