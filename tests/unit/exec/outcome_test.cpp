// The mapping from what a process did to what the scheduler is told, without processes.
// runner_test.cpp checks the same cases end to end with real ones.
#include <cerrno>
#include <signal.h>

#include <gtest/gtest.h>

#include <yagura/exec/outcome.hpp>

namespace yagura::exec {
namespace {

Result interpret(ProcessOutcome outcome) {
    Result result;
    interpret_outcome(outcome, result);
    return result;
}

ProcessOutcome exited_with(int code, std::string_view out, std::string_view err = "") {
    return ProcessOutcome{.exited = true, .exit_code = code, .out = out, .err = err};
}

TEST(Outcome, ValidExitCodesAreKept) {
    for (int code = 0; code <= 3; ++code) {
        auto result = interpret(exited_with(code, "TEXT | a=1\nlong"));
        EXPECT_EQ(result.exit_status, code);
        EXPECT_EQ(result.exit_code, code);
        EXPECT_EQ(result.output, "TEXT");
        EXPECT_EQ(result.long_output, "long");
        EXPECT_EQ(result.perf_data, "a=1");
    }
}

TEST(Outcome, OutOfBoundsCodesBecomeUnknownAndSaySo) {
    auto result = interpret(exited_with(4, "weird | a=1"));
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.exit_code, 4);
    EXPECT_EQ(result.output, "(Return code of 4 is out of bounds) weird");
    EXPECT_EQ(result.perf_data, "a=1");
    EXPECT_EQ(interpret(exited_with(255, "")).output, "(Return code of 255 is out of bounds)");
}

TEST(Outcome, EmptyStdoutFallsBackToStderr) {
    auto result = interpret(exited_with(2, " \n", "CRITICAL - from stderr\n"));
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_EQ(result.output, "CRITICAL - from stderr");
    EXPECT_EQ(interpret(exited_with(1, "from stdout", "ignored")).output, "from stdout");
}

TEST(Outcome, ChecksWithoutAnyOutputSaySo) {
    EXPECT_EQ(interpret(exited_with(0, "", "")).output, "(No output returned from plugin)");
    auto notification = exited_with(0, "", "");
    notification.kind = ActionKind::notification;
    EXPECT_EQ(interpret(notification).output, "");
}

TEST(Outcome, TimeoutsUseTheConfiguredStatusAndShinkensTexts) {
    const std::pair<ActionKind, const char*> cases[] = {
        {ActionKind::service_check, "(Service Check Timed Out)"},
        {ActionKind::host_check, "(Host Check Timed Out)"},
        {ActionKind::notification, "(Notification Timed Out)"},
        {ActionKind::event_handler, "(Event Handler Timed Out)"},
    };
    for (auto [kind, text] : cases) {
        auto result = interpret(ProcessOutcome{
            .kind = kind, .timeout_exit_status = 1, .timed_out = true, .out = "partial\nmore"});
        EXPECT_EQ(result.exit_status, 1);
        EXPECT_TRUE(result.timed_out);
        EXPECT_EQ(result.output, text);
        EXPECT_EQ(result.long_output, "partial\nmore");
    }
}

TEST(Outcome, KilledBySignalIsUnknownAndNamesTheSignal) {
    auto result = interpret(ProcessOutcome{.signal = SIGSEGV, .out = "half a line"});
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.signal, SIGSEGV);
    EXPECT_EQ(result.output, "(Plugin killed by signal 11 (SIGSEGV)) half a line");
}

TEST(Outcome, MissingPluginIsUnknownWithTheTextUsersKnow) {
    auto result = interpret(ProcessOutcome{.program = "/nope/check_x", .spawn_error = ENOENT});
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.spawn_error, ENOENT);
    EXPECT_EQ(result.output,
              "(Return code of 127 is out of bounds - plugin may be missing) /nope/check_x: No "
              "such file or directory");
}

TEST(Outcome, NotExecutablePluginIsUnknown) {
    auto result = interpret(ProcessOutcome{.program = "/tmp/x", .spawn_error = EACCES});
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.output,
              "(Return code of 126 is out of bounds - plugin may not be executable) /tmp/x: "
              "Permission denied");
}

TEST(Outcome, OtherSpawnErrorsAreUnknown) {
    auto result = interpret(ProcessOutcome{.program = "/bin/x", .spawn_error = EMFILE});
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.output, "(Could not start the plugin) /bin/x: Too many open files");
}

TEST(Outcome, ShellReportsOfMissingPluginsGetTheSameText) {
    auto outcome = exited_with(127, "", "sh: 1: /nope/check_x: not found\n");
    outcome.mode = LineMode::shell;
    auto result = interpret(outcome);
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.output,
              "(Return code of 127 is out of bounds - plugin may be missing) sh: 1: "
              "/nope/check_x: not found");
    EXPECT_TRUE(result.used_shell);
}

TEST(Outcome, ShellSyntaxErrorsAreUnknown) {
    auto outcome = exited_with(2, "", "sh: 1: Syntax error: \"(\" unexpected\n");
    outcome.mode = LineMode::shell;
    auto result = interpret(outcome);
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.output, "(Shell syntax error) sh: 1: Syntax error: \"(\" unexpected");
    // The same exit code and text from a directly run plugin is a plain CRITICAL.
    outcome.mode = LineMode::direct;
    EXPECT_EQ(interpret(outcome).exit_status, 2);
}

TEST(Outcome, InvalidCommandLinesAreUnknown) {
    auto result = interpret(
        ProcessOutcome{.mode = LineMode::invalid, .invalid_reason = "unterminated single quote"});
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.output, "(Invalid command line: unterminated single quote)");
}

TEST(Outcome, AbortedRunsAreUnknown) {
    auto result = interpret(ProcessOutcome{.aborted = true, .exited = true, .exit_code = 0});
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_TRUE(result.aborted);
    EXPECT_EQ(result.output, "(Plugin run aborted: the runner was stopped)");
}

}  // namespace
}  // namespace yagura::exec
