// Resources over many runs, the concurrency limit and its queue, stopping, coroutines.
#include <algorithm>
#include <memory>
#include <set>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "process_helpers.hpp"

namespace yagura::exec {
namespace {

using namespace yagura::exec::testing;
namespace asio = boost::asio;

TEST(RunnerLifecycle, TenThousandRunsLeakNoDescriptorAndLeaveNoZombie) {
    std::size_t descriptors_before = open_descriptor_count();
    {
        Harness harness(Limits{.max_running = 32});
        constexpr int kRuns = 10000;
        int done = 0;
        int ok = 0;
        for (int i = 0; i < kRuns; ++i) {
            harness.runner.start(Command{.command_line = kTinyPlugin}, [&](Result result) {
                ++done;
                ok += result.exit_status == 0 && result.output == "OK - tiny" ? 1 : 0;
            });
        }
        ASSERT_TRUE(run_until(
            harness.io, [&] { return done == kRuns; }, 120.0));
        EXPECT_EQ(ok, kRuns);
        auto counters = harness.runner.counters();
        EXPECT_EQ(counters.started, static_cast<std::uint64_t>(kRuns));
        EXPECT_EQ(counters.finished, static_cast<std::uint64_t>(kRuns));
        EXPECT_EQ(counters.running, 0U);
        EXPECT_EQ(counters.queued, 0U);
        EXPECT_EQ(zombie_children(), 0U);
        EXPECT_TRUE(children_of_this_process().empty());
    }
    EXPECT_EQ(open_descriptor_count(), descriptors_before);
}

TEST(RunnerLifecycle, QueuedRunsStartInOrderUnderTheLimit) {
    Harness harness(Limits{.max_running = 1});
    std::vector<int> order;
    std::size_t most_running = 0;
    for (int i = 0; i < 6; ++i) {
        harness.runner.start(
            Command{.command_line = "/bin/echo " + std::to_string(i)}, [&](Result result) {
                order.push_back(std::stoi(result.output));
                most_running = std::max(most_running, harness.runner.counters().running);
            });
    }
    EXPECT_EQ(harness.runner.counters().running, 1U);
    EXPECT_EQ(harness.runner.counters().queued, 5U);
    ASSERT_TRUE(run_until(harness.io, [&] { return order.size() == 6; }));
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    EXPECT_LE(most_running, 1U);
}

// Each plugin counts the plugins alive with it through files in a shared directory.
TEST(RunnerLifecycle, NeverMoreProcessesAliveThanTheLimit) {
    TempDir dir;
    Harness harness(Limits{.max_running = 2});
    std::string body = "touch " + dir.path().string() + "/$$; ls " + dir.path().string() +
                       " | wc -l; sleep 0.05; rm " + dir.path().string() + "/$$";
    std::vector<int> seen;
    for (int i = 0; i < 8; ++i) {
        harness.runner.start(Command{.command_line = body},
                             [&](Result result) { seen.push_back(std::stoi(result.output)); });
    }
    ASSERT_TRUE(run_until(harness.io, [&] { return seen.size() == 8; }));
    EXPECT_LE(*std::max_element(seen.begin(), seen.end()), 2);
}

TEST(RunnerLifecycle, ACompletionMayStartTheNextRun) {
    Harness harness;
    int chained = 0;
    std::function<void(Result)> next = [&](Result) {
        if (++chained < 20) {
            harness.runner.start(Command{.command_line = kTinyPlugin}, next);
        }
    };
    harness.runner.start(Command{.command_line = kTinyPlugin}, next);
    ASSERT_TRUE(run_until(harness.io, [&] { return chained == 20; }));
}

TEST(RunnerLifecycle, AwaitableVariant) {
    Harness harness;
    std::vector<int> statuses;
    asio::co_spawn(
        harness.io,
        [&]() -> asio::awaitable<void> {
            for (int code : {0, 2, 1}) {
                // Built before the co_await: g++ 12 destroys temporaries of a full
                // expression holding a co_await twice.
                Command command{.command_line = kTinyPlugin + " " + std::to_string(code)};
                auto result =
                    co_await harness.runner.async_run(std::move(command), asio::use_awaitable);
                statuses.push_back(result.exit_status);
            }
        },
        asio::detached);
    ASSERT_TRUE(run_until(harness.io, [&] { return statuses.size() == 3; }));
    EXPECT_EQ(statuses, (std::vector<int>{0, 2, 1}));
}

std::set<pid_t> sleeping_children() {
    std::set<pid_t> pids;
    for (const auto& child : children_of_this_process()) {
        pids.insert(child.pid);
    }
    return pids;
}

TEST(RunnerLifecycle, StopKillsEverythingRunningAndAbortsTheRest) {
    Harness harness(Limits{.max_running = 3});
    std::vector<Result> results;
    for (int i = 0; i < 4; ++i) {
        // The inner shell's background sleep is a grandchild in the plugin's group.
        harness.runner.start(Command{.command_line = "/bin/sh -c 'sleep 30 & sleep 30'"},
                             [&](Result result) { results.push_back(std::move(result)); });
    }
    auto groups = sleeping_children();
    ASSERT_EQ(groups.size(), 3U);
    harness.runner.stop();
    for (pid_t group : groups) {
        EXPECT_FALSE(process_info(group).has_value()) << "leader " << group << " not reaped";
        // The grandchildren, orphaned by then, are reaped by init in its own time.
        EXPECT_TRUE(eventually([&] { return processes_in_group(group) == 0; }))
            << "group " << group << " survived stop()";
    }
    EXPECT_TRUE(results.empty()) << "completions must be posted, not called inside stop()";
    ASSERT_TRUE(run_until(harness.io, [&] { return results.size() == 4; }));
    for (const auto& result : results) {
        EXPECT_TRUE(result.aborted);
        EXPECT_EQ(result.exit_status, 3);
    }
    EXPECT_EQ(harness.runner.counters().aborted, 4U);
    EXPECT_EQ(harness.runner.counters().running, 0U);

    std::optional<Result> late;
    harness.runner.start(Command{.command_line = kTinyPlugin}, [&](Result r) { late = r; });
    ASSERT_TRUE(run_until(harness.io, [&] { return late.has_value(); }));
    EXPECT_TRUE(late->aborted);
}

TEST(RunnerLifecycle, DestroyingTheRunnerKillsEverythingWithoutCallingCompletions) {
    asio::io_context io;
    core::SystemClock clock;
    int called = 0;
    std::set<pid_t> groups;
    {
        Runner runner(io, clock);
        for (int i = 0; i < 3; ++i) {
            runner.start(Command{.command_line = "/bin/sh -c 'sleep 30 & sleep 30'"},
                         [&](Result) { ++called; });
        }
        groups = sleeping_children();
    }
    ASSERT_EQ(groups.size(), 3U);
    for (pid_t group : groups) {
        EXPECT_FALSE(process_info(group).has_value()) << "leader " << group << " not reaped";
        EXPECT_TRUE(eventually([&] { return processes_in_group(group) == 0; }));
    }
    io.run_for(std::chrono::milliseconds(100));
    EXPECT_EQ(called, 0);
    EXPECT_EQ(zombie_children(), 0U);
}

TEST(RunnerLifecycle, NoZombiesAfterEveryKindOfEnding) {
    Harness harness(Limits{.kill_grace = 0.05});
    harness.run(kTinyPlugin);
    harness.run("/bin/sh -c 'kill -KILL $$'");
    harness.run("/nonexistent/plugin");
    harness.run(Command{.command_line = "sleep 5", .timeout = 0.1});
    harness.run(Command{.command_line = "/bin/sh -c 'trap \"\" TERM; sleep 5'", .timeout = 0.1});
    // Timed-out plugins are reaped on the runner's loop once SIGKILL took effect.
    EXPECT_TRUE(run_until(harness.io, [&] { return harness.runner.counters().running == 0; }));
    EXPECT_TRUE(children_of_this_process().empty());
    EXPECT_EQ(zombie_children(), 0U);
}

}  // namespace
}  // namespace yagura::exec
