// Returning results: batches, kept until acknowledged, resent after a blip, dropped when the
// scheduler restarted.
#include <map>

#include <gmock/gmock.h>

#include "satellite_fixture.hpp"

namespace yagura::satellite::testing {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::Le;

std::map<std::string, int> count_by_id(FakeScheduler& scheduler) {
    std::map<std::string, int> counts;
    for (const auto& r : scheduler.results()) {
        counts[r.result["id"].get<std::string>()] += 1;
    }
    return counts;
}

class ResultsTest : public SatelliteTest {
protected:
    // Runs `count` quick checks while the scheduler refuses every put_results, so that all
    // their results are owed at once; then lets put_results through if `release`.
    void pile_up(FakeScheduler& scheduler, int count, int results_batch, bool release = true) {
        scheduler.fail_next(1'000'000, 503, "/put_results");
        scheduler.add_checks(count, kCheckDummy + " 0 quick");
        make().apply_config(config_for({scheduler.entry()}, [&](WorkerSettings& link) {
            link.results_batch = results_batch;
        }));
        ASSERT_TRUE(run_until([&] {
            return satellite_->results_owed("scheduler-1") == static_cast<std::size_t>(count) &&
                   scheduler.put_calls() > 0;
        }));
        EXPECT_TRUE(scheduler.results().empty());
        if (release) {
            scheduler.fail_next(0);
        }
    }
};

TEST_F(ResultsTest, ReturnsAtMostResultsBatchPerCall) {
    FakeScheduler scheduler;
    pile_up(scheduler, 7, 3);
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 7; }));
    EXPECT_THAT(scheduler.batch_sizes(), ElementsAre(3, 3, 1));
}

TEST_F(ResultsTest, ReturnsEverythingOwedInOneCallByDefault) {
    FakeScheduler scheduler;
    pile_up(scheduler, 7, 0);
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 7; }));
    EXPECT_THAT(scheduler.batch_sizes(), ElementsAre(7));
}

TEST_F(ResultsTest, KeptUntilAcknowledgedThenResentAfterTheSchedulerCameBack) {
    FakeScheduler scheduler;
    scheduler.add_checks(4, "/bin/sleep 0.3");
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return satellite_->running() == 4; }));
    scheduler.go_down();  // a blip: the port closes while the plugins run
    ASSERT_TRUE(run_until([&] { return satellite_->counters().done == 4; }));
    ASSERT_TRUE(run_until([&] { return scheduler_stats("scheduler-1")["state"] != "connected"; }));
    run_for(std::chrono::milliseconds(300));  // several failed attempts meanwhile
    EXPECT_EQ(satellite_->results_owed("scheduler-1"), 4U);
    EXPECT_GT(scheduler_stats("scheduler-1")["attempts"].get<int>(), 0);

    scheduler.come_back();
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 4; }));
    run_for(std::chrono::milliseconds(200));
    EXPECT_EQ(count_by_id(scheduler),
              (std::map<std::string, int>{{"c1", 1}, {"c2", 1}, {"c3", 1}, {"c4", 1}}));
    for (const auto& r : scheduler.results()) {
        EXPECT_TRUE(r.known);
    }
    EXPECT_EQ(satellite_->results_owed("scheduler-1"), 0U);
    EXPECT_EQ(satellite_->counters().results_acknowledged, 4U);
    EXPECT_EQ(satellite_->counters().results_dropped, 0U);
    EXPECT_EQ(scheduler_stats("scheduler-1")["state"], "connected");
}

TEST_F(ResultsTest, ServerErrorsAreRetriedToo) {
    FakeScheduler scheduler;
    scheduler.fail_next(3, 500, "/put_results");
    scheduler.add_checks(2, kCheckDummy + " 1 warn");
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 2; }));
    EXPECT_GE(scheduler.put_calls(), 4U);
    EXPECT_EQ(count_by_id(scheduler), (std::map<std::string, int>{{"c1", 1}, {"c2", 1}}));
}

TEST_F(ResultsTest, ResultsOfAPreviousRunAreDroppedNotSent) {
    FakeScheduler scheduler("run-A");
    pile_up(scheduler, 3, 0, false);
    // The scheduler restarts while we owe it three results of its previous run; the
    // satellite learns the new running id before it tries again (put_results still fail, so
    // none of them can slip through meanwhile).
    scheduler.restart("run-B");
    ASSERT_TRUE(run_until([&] { return satellite_->counters().results_dropped == 3; }));
    scheduler.fail_next(0);
    EXPECT_EQ(satellite_->results_owed("scheduler-1"), 0U);
    EXPECT_EQ(scheduler_stats("scheduler-1")["results_dropped"]["restart"], 3);
    EXPECT_EQ(scheduler_stats("scheduler-1")["running_id"], "run-B");

    // The new run is served as any other.
    scheduler.add({.id = "after", .command = kCheckDummy + " 0 new run"});
    ASSERT_TRUE(run_until([&] { return !scheduler.results().empty(); }));
    run_for(std::chrono::milliseconds(200));
    ASSERT_EQ(scheduler.results().size(), 1U);
    EXPECT_EQ(scheduler.results()[0].result["id"], "after");
    EXPECT_TRUE(scheduler.results()[0].known);
}

TEST_F(ResultsTest, ActionsOfAPreviousRunAreDroppedWhenTheyEnd) {
    FakeScheduler scheduler("run-A");
    scheduler.add({.id = "slow", .command = "/bin/sleep 0.5"});
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return satellite_->running() == 1; }));
    scheduler.restart("run-B");
    scheduler.add({.id = "fresh", .command = kCheckDummy + " 0 fresh"});  // seen with run-B
    ASSERT_TRUE(run_until([&] { return satellite_->counters().done == 2; }));
    ASSERT_TRUE(run_until([&] { return !scheduler.results().empty(); }));
    run_for(std::chrono::milliseconds(200));
    ASSERT_EQ(scheduler.results().size(), 1U);
    EXPECT_EQ(scheduler.results()[0].result["id"], "fresh");
    EXPECT_EQ(scheduler_stats("scheduler-1")["results_dropped"]["restart"], 1);
}

TEST_F(ResultsTest, RefusedResultsAreDroppedAndTheRestFlows) {
    FakeScheduler scheduler;
    scheduler.fail_next(1, 400, "/put_results");
    scheduler.add({.id = "refused", .command = kCheckDummy + " 0 a"});
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return satellite_->counters().results_dropped == 1; }));
    scheduler.add({.id = "taken", .command = kCheckDummy + " 0 b"});
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 1; }));
    EXPECT_EQ(scheduler.results()[0].result["id"], "taken");
    EXPECT_EQ(scheduler_stats("scheduler-1")["results_dropped"]["refused"], 1);
}

TEST_F(ResultsTest, UnknownResultsAreCountedAsTheSchedulerSaid) {
    FakeScheduler scheduler("run-A");
    scheduler.add({.id = "x", .command = "/bin/sleep 0.3"});
    make().apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return satellite_->running() == 1; }));
    // Forgets the action without the satellite noticing a new running id (same id kept).
    scheduler.restart("run-A");
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 1; }));
    EXPECT_FALSE(scheduler.results()[0].known);
    ASSERT_TRUE(run_until([&] { return satellite_->counters().results_unknown == 1; }));
}

}  // namespace
}  // namespace yagura::satellite::testing
