// Timeouts kill the plugin's whole process group, grandchildren included.
#include <filesystem>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "process_helpers.hpp"

namespace yagura::exec {
namespace {

using namespace yagura::exec::testing;

// The plugins below print their process group ($$ of the top shell) first, which lands in
// long_output of a timed-out result.
pid_t group_of(const Result& result) {
    return static_cast<pid_t>(
        std::stol(result.long_output.substr(0, result.long_output.find('\n'))));
}

// Runs the runner's loop meanwhile: it reaps the leader once SIGKILL took effect.
void expect_group_gone_and_marker_never_written(Harness& harness, pid_t group,
                                                const std::string& marker) {
    EXPECT_TRUE(run_until(
        harness.io, [&] { return processes_in_group(group) == 0; }, 10.0))
        << processes_in_group(group) << " processes of group " << group << " survived";
    // Longer than the grandchild's sleep: had it survived, the marker would be there.
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    EXPECT_FALSE(std::filesystem::exists(marker));
    EXPECT_EQ(zombie_children(), 0U);
}

// A plugin that prints its group, starts a grandchild that writes `marker` half a second
// later, and hangs; `ignore_term` makes both shrug off SIGTERM.
std::string hanging_plugin(const std::string& marker, bool ignore_term = false) {
    std::string trap = ignore_term ? "trap '' TERM; " : "";
    return "echo $$; (" + trap + "sleep 0.5; touch " + marker + ") & " + trap + "sleep 30";
}

TEST(RunnerTimeout, KillsGrandchildrenToo) {
    TempDir dir;
    std::string marker = dir / "marker";
    Harness harness(Limits{.kill_grace = 0.2});
    auto result = harness.run(
        Command{.command_line = hanging_plugin(marker), .timeout = 0.3, .timeout_exit_status = 1});
    EXPECT_TRUE(result.timed_out);
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_EQ(result.output, "(Service Check Timed Out)");
    EXPECT_EQ(harness.runner.counters().timed_out, 1U);
    expect_group_gone_and_marker_never_written(harness, group_of(result), marker);
}

// A grandchild that ignores SIGTERM still dies: SIGKILL follows after the grace.
TEST(RunnerTimeout, SigkillFollowsWhenSigtermIsIgnored) {
    TempDir dir;
    std::string marker = dir / "marker";
    Harness harness(Limits{.kill_grace = 0.2});
    auto result = harness.run(Command{.command_line = hanging_plugin(marker, true),
                                      .timeout = 0.2,
                                      .kind = ActionKind::host_check});
    EXPECT_TRUE(result.timed_out);
    EXPECT_EQ(result.exit_status, 2);  // the default timeout_exit_status
    EXPECT_EQ(result.output, "(Host Check Timed Out)");
    expect_group_gone_and_marker_never_written(harness, group_of(result), marker);
}

TEST(RunnerTimeout, WithoutGraceSigkillComesAtOnce) {
    TempDir dir;
    std::string marker = dir / "marker";
    Harness harness(Limits{.kill_grace = 0});
    auto result = harness.run(Command{
        .command_line = hanging_plugin(marker), .timeout = 0.2, .kind = ActionKind::event_handler});
    EXPECT_TRUE(result.timed_out);
    EXPECT_EQ(result.output, "(Event Handler Timed Out)");
    expect_group_gone_and_marker_never_written(harness, group_of(result), marker);
}

// Nagios waits for the timeout when an event handler's background child keeps its stdout
// open; we report once the handler itself exited and a short grace passed.
TEST(RunnerTimeout, ABackgroundChildHoldingThePipesDoesNotDelayTheResult) {
    Harness harness(Limits{.output_drain_grace = 0.1});
    auto result = harness.run(Command{.command_line = "echo $$; echo restarted; sleep 30 &",
                                      .timeout = 60,
                                      .kind = ActionKind::event_handler},
                              10.0);
    EXPECT_FALSE(result.timed_out);
    EXPECT_EQ(result.exit_status, 0);
    EXPECT_EQ(result.long_output, "restarted");
    auto group = static_cast<pid_t>(std::stol(result.output));
    ::kill(-group, SIGKILL);  // the sleep we started, by its group
    EXPECT_TRUE(eventually([&] { return processes_in_group(group) == 0; }));
}

}  // namespace
}  // namespace yagura::exec
