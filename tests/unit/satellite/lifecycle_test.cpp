// A new scheduler list (failover, reload, wait_new_conf) and the graceful stop.
#include <csignal>
#include <fstream>

#include <gmock/gmock.h>

#include "satellite_fixture.hpp"

namespace yagura::satellite::testing {
namespace {

bool has_result(FakeScheduler& scheduler, const std::string& id) {
    for (const auto& r : scheduler.results()) {
        if (r.result["id"] == id) {
            return true;
        }
    }
    return false;
}

TEST_F(SatelliteTest, FollowsANewSchedulerListAtOnce) {
    FakeScheduler master("master-run");
    FakeScheduler spare("spare-run");
    make(Role::poller, [](SatelliteOptions& o) {
        o.long_poll_wait = std::chrono::seconds(60);  // only a cancelled call ends sooner
    }).apply_config(config_for({master.entry("master")}));
    master.add({.id = "m1", .command = kCheckDummy + " 0 m"});
    ASSERT_TRUE(run_until([&] { return has_result(master, "m1"); }));
    ASSERT_TRUE(run_until([&] { return master.checks_started() >= 2; }));  // waiting again

    // Failover: the arbiter gives the part to the spare.
    satellite_->apply_config(config_for({spare.entry("spare")}));
    spare.add({.id = "s1", .command = kCheckDummy + " 0 s"});
    ASSERT_TRUE(run_until([&] { return has_result(spare, "s1"); }));
    EXPECT_EQ(satellite_->stats()["configuration"]["schedulers"], 1);
    // The long poll that was waiting at the master was cancelled, not left to run out its
    // 30 s: the master's link is gone from the stats well before.
    EXPECT_TRUE(
        run_until([&] { return scheduler_stats("master").is_null(); }, std::chrono::seconds(15)));
    auto calls_to_master = master.checks_started();
    master.add({.id = "m2", .command = kCheckDummy + " 0 too late"});
    run_for(std::chrono::milliseconds(500));
    EXPECT_EQ(master.checks_started(), calls_to_master);  // never asked again
    EXPECT_EQ(satellite_->counters().received, 2U);       // m1 and s1
}

TEST_F(SatelliteTest, ARemovedSchedulerStillGetsWhatItIsOwed) {
    FakeScheduler first;
    FakeScheduler second("second-run", 2);
    make().apply_config(config_for({first.entry("first")}));
    first.add({.id = "slow", .command = "/bin/sleep 0.5"});
    ASSERT_TRUE(run_until([&] { return satellite_->running() == 1; }));

    satellite_->apply_config(config_for({second.entry("second")}));
    EXPECT_EQ(scheduler_stats("first")["state"], "removed");
    ASSERT_TRUE(run_until([&] { return has_result(first, "slow"); }));
    EXPECT_TRUE(first.results()[0].known);  // it still runs that part: the result counts
    // Nothing more is owed to it: it disappears from the stats.
    ASSERT_TRUE(run_until([&] { return scheduler_stats("first").is_null(); }));
}

TEST_F(SatelliteTest, ResultsOwedToARemovedSchedulerThatIsGoneAreDropped) {
    FakeScheduler gone;
    make(Role::poller, [](SatelliteOptions& o) {
        o.removed_scheduler_attempts = 2;
    }).apply_config(config_for({gone.entry("gone")}));
    gone.add({.id = "slow", .command = "/bin/sleep 0.3"});
    ASSERT_TRUE(run_until([&] { return satellite_->running() == 1; }));
    gone.go_down();
    satellite_->apply_config(config_for({}));  // wait_new_conf
    ASSERT_TRUE(run_until([&] { return satellite_->counters().results_dropped == 1; }));
    ASSERT_TRUE(run_until([&] { return scheduler_stats("gone").is_null(); }));
    EXPECT_EQ(satellite_->stats()["configuration"]["schedulers"], 0);
}

TEST_F(SatelliteTest, ANewPartOnTheSameSchedulerKeepsWhatIsOwed) {
    FakeScheduler scheduler("run", 1);
    make().apply_config(config_for({scheduler.entry()}));
    scheduler.add({.id = "slow", .command = "/bin/sleep 0.3"});
    ASSERT_TRUE(run_until([&] { return satellite_->running() == 1; }));
    auto moved = scheduler.entry();
    moved.part_id = 7;
    moved.flavor = "new";
    satellite_->apply_config(config_for({moved}));
    ASSERT_TRUE(run_until([&] { return has_result(scheduler, "slow"); }));
    EXPECT_EQ(scheduler_stats("scheduler-1")["part_id"], 7);
    EXPECT_EQ(scheduler_stats("scheduler-1")["state"], "connected");
    EXPECT_EQ(satellite_->counters().results_dropped, 0U);
}

TEST_F(SatelliteTest, ServesSeveralSchedulersAtOnce) {
    FakeScheduler a("a-run", 1);
    FakeScheduler b("b-run", 2);
    a.add_checks(3, kCheckDummy + " 0 a", "None", "a");
    b.add_checks(3, kCheckDummy + " 1 b", "None", "b");
    make().apply_config(config_for({a.entry("a"), b.entry("b")}));
    ASSERT_TRUE(run_until([&] { return a.results().size() == 3 && b.results().size() == 3; }));
    for (const auto& r : b.results()) {
        EXPECT_EQ(r.result["exit_status"], 1);
    }
}

pid_t read_pid(const std::filesystem::path& file) {
    std::ifstream in(file);
    pid_t pid = 0;
    in >> pid;
    return pid;
}

TEST_F(SatelliteTest, StopKillsPluginsAndDeliversWhatIsOwed) {
    FakeScheduler scheduler;
    auto pid_file = dir_ / "long.pid";
    auto long_plugin =
        write_script("long.sh", "#!/bin/sh\necho $$ > " + pid_file.string() + "\nexec sleep 60\n");
    scheduler.fail_next(1'000'000, 503, "/put_results");
    scheduler.add({.id = "quick", .command = kCheckDummy + " 0 quick"});
    scheduler.add({.id = "long", .command = long_plugin});
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until(
        [&] { return satellite_->results_owed("scheduler-1") == 1 && read_pid(pid_file) > 0; }));
    auto plugin_pid = read_pid(pid_file);
    ASSERT_EQ(::kill(plugin_pid, 0), 0);

    scheduler.fail_next(0);
    stop(std::chrono::seconds(5));
    EXPECT_NE(::kill(plugin_pid, 0), 0);  // killed and reaped
    ASSERT_EQ(scheduler.results().size(), 1U);
    EXPECT_EQ(scheduler.results()[0].result["id"], "quick");  // the killed one is not sent
    EXPECT_EQ(satellite_->running(), 0U);
}

TEST_F(SatelliteTest, StopGivesUpOnAnUnreachableSchedulerInTime) {
    FakeScheduler scheduler;
    scheduler.fail_next(1'000'000, 503, "/put_results");
    scheduler.add({.id = "quick", .command = kCheckDummy + " 0 quick"});
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return satellite_->results_owed("scheduler-1") == 1; }));
    stop(std::chrono::milliseconds(300));
    EXPECT_EQ(satellite_->counters().results_dropped, 1U);
    EXPECT_EQ(scheduler_stats("scheduler-1")["results_dropped"]["stop"], 1);
}

TEST_F(SatelliteTest, StatsAndMetricsDescribeTheWork) {
    FakeScheduler scheduler;
    scheduler.add_checks(2, kCheckDummy + " 0 x");
    make().apply_config(config_for({scheduler.entry()}, [](WorkerSettings& link) {
        link.max_workers = 2;
        link.processes_by_worker = 3;
    }));
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 2; }));
    ASSERT_TRUE(run_until([&] { return satellite_->counters().results_acknowledged == 2; }));
    auto stats = satellite_->stats();
    EXPECT_EQ(stats["capacity"]["running_limit"], 6);
    EXPECT_EQ(stats["actions"]["done"], 2);
    EXPECT_EQ(stats["results"]["acknowledged"], 2);
    auto link = scheduler_stats("scheduler-1");
    EXPECT_EQ(link["state"], "connected");
    EXPECT_EQ(link["running_id"], "1700000000.1");
    EXPECT_EQ(link["answered_part_id"], 1);
    EXPECT_EQ(link["results_pending"], 0);

    net::MetricsWriter writer;
    satellite_->write_metrics(writer, {{"role", "poller"}, {"name", "p"}});
    auto text = writer.render();
    EXPECT_THAT(text, ::testing::HasSubstr(
                          "yagura_satellite_actions_done_total{role=\"poller\",name=\"p\"} 2"));
    EXPECT_THAT(text, ::testing::HasSubstr("yagura_satellite_scheduler_up{role=\"poller\",name="
                                           "\"p\",scheduler=\"scheduler-1\"} 1"));
    EXPECT_THAT(text, ::testing::HasSubstr("yagura_satellite_results_pending{role=\"poller\","
                                           "name=\"p\",scheduler=\"scheduler-1\"} 0"));
    EXPECT_THAT(text, ::testing::HasSubstr("yagura_satellite_action_slots{role=\"poller\",name="
                                           "\"p\"} 6"));
}

}  // namespace
}  // namespace yagura::satellite::testing
