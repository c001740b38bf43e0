// The runner end to end with real processes: exit codes, output, shell use, environment,
// output caps and timeouts.
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "process_helpers.hpp"

namespace yagura::exec {
namespace {

using namespace yagura::exec::testing;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TEST(Runner, ExitCodesZeroToThreeAreKeptWithOutputAndPerfdata) {
    Harness harness;
    for (int code = 0; code <= 3; ++code) {
        auto result = harness.run(kTinyPlugin + " " + std::to_string(code));
        EXPECT_EQ(result.exit_status, code);
        EXPECT_EQ(result.exit_code, code);
        EXPECT_EQ(result.output, "OK - tiny");
        EXPECT_EQ(result.perf_data, "t=1;2;3;0;10");
        EXPECT_FALSE(result.used_shell);
        EXPECT_FALSE(result.timed_out);
        EXPECT_GT(result.start_time, 0);
        EXPECT_GE(result.end_time, result.start_time);
        EXPECT_GE(result.execution_time, 0);
    }
}

TEST(Runner, OutOfBoundsExitCodesAreUnknownWithTheCodeShown) {
    Harness harness;
    for (int code : {4, 255}) {
        auto result = harness.run(kTinyPlugin + " " + std::to_string(code));
        EXPECT_EQ(result.exit_status, 3);
        EXPECT_EQ(result.exit_code, code);
        EXPECT_EQ(result.output,
                  "(Return code of " + std::to_string(code) + " is out of bounds) OK - tiny");
    }
}

TEST(Runner, RunsRealNagiosPlugins) {
    Harness harness;
    auto warning = harness.run(kPluginDir + "/check_dummy 1 'disk almost full'");
    EXPECT_EQ(warning.exit_status, 1);
    EXPECT_EQ(warning.output, "WARNING: disk almost full");
    auto critical = harness.run(kPluginDir + "/check_dummy 2");
    EXPECT_EQ(critical.exit_status, 2);
    EXPECT_EQ(critical.output, "CRITICAL");
}

TEST(Runner, KilledBySignalSaysWhich) {
    Harness harness;
    auto result = harness.run("/bin/sh -c 'echo before; kill -SEGV $$'");
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.signal, SIGSEGV);
    EXPECT_EQ(result.output, "(Plugin killed by signal 11 (SIGSEGV)) before");
}

TEST(Runner, MissingPluginIsUnknownWithAClearMessage) {
    Harness harness;
    auto result = harness.run("/nonexistent/check_nothing -H x");
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.spawn_error, ENOENT);
    EXPECT_EQ(result.output,
              "(Return code of 127 is out of bounds - plugin may be missing) "
              "/nonexistent/check_nothing: No such file or directory");
    auto bare = harness.run("yagura_no_such_plugin_anywhere");
    EXPECT_EQ(bare.spawn_error, ENOENT);
    EXPECT_EQ(harness.runner.counters().spawn_failed, 2U);
}

TEST(Runner, MissingPluginBehindAShellGetsTheSameText) {
    Harness harness;
    auto result = harness.run("/nonexistent/check_nothing 2>&1");
    EXPECT_TRUE(result.used_shell);
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_THAT(result.output,
                StartsWith("(Return code of 127 is out of bounds - plugin may be missing) "));
    EXPECT_THAT(result.output, HasSubstr("/nonexistent/check_nothing"));
}

TEST(Runner, NotExecutablePluginIsUnknown) {
    TempDir dir;
    std::string plugin = dir / "check_not_executable";
    std::ofstream(plugin) << "#!/bin/sh\necho OK\n";
    ::chmod(plugin.c_str(), 0644);
    Harness harness;
    auto result = harness.run(plugin);
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.spawn_error, EACCES);
    EXPECT_THAT(result.output,
                StartsWith("(Return code of 126 is out of bounds - plugin may not be executable)"));
}

TEST(Runner, ScriptWithoutShebangRunsThroughTheShell) {
    TempDir dir;
    std::string plugin = dir / "check_old_style";
    std::ofstream(plugin) << "echo \"WARNING - old style script\"\nexit 1\n";
    ::chmod(plugin.c_str(), 0755);
    Harness harness;
    auto result = harness.run(plugin);
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_EQ(result.output, "WARNING - old style script");
    EXPECT_TRUE(result.used_shell);
}

TEST(Runner, ShellSyntaxErrorIsUnknown) {
    Harness harness;
    auto result = harness.run("echo ( broken");
    EXPECT_TRUE(result.used_shell);
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_THAT(result.output, StartsWith("(Shell syntax error) "));
    EXPECT_THAT(result.output, HasSubstr("Syntax error"));
}

TEST(Runner, InvalidCommandLineIsUnknownWithoutStartingAnything) {
    Harness harness;
    auto result = harness.run(kTinyPlugin + " 'unterminated");
    EXPECT_EQ(result.exit_status, 3);
    EXPECT_EQ(result.output, "(Invalid command line: unterminated single quote)");
    EXPECT_EQ(harness.runner.counters().started, 0U);
}

TEST(Runner, EmptyStdoutFallsBackToStderr) {
    Harness harness;
    auto result = harness.run("/bin/sh -c 'echo \"CRITICAL - only on stderr\" >&2; exit 2'");
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_EQ(result.output, "CRITICAL - only on stderr");
}

// Without a shell the plugin is our own child; through one it is the shell's.
TEST(Runner, UsesAShellOnlyWhenTheLineNeedsOne) {
    Harness harness;
    auto direct =
        harness.run(Command{.command_line = "/bin/cat /proc/self/stat", .keep_raw_output = true});
    EXPECT_FALSE(direct.used_shell);
    auto direct_info = std::istringstream(direct.raw_stdout);
    std::string pid, name, state, parent;
    direct_info >> pid >> name >> state >> parent;
    EXPECT_EQ(name, "(cat)");
    EXPECT_EQ(parent, std::to_string(::getpid()));

    auto piped = harness.run(
        Command{.command_line = "/bin/cat /proc/self/stat | /bin/cat", .keep_raw_output = true});
    EXPECT_TRUE(piped.used_shell);
    auto piped_info = std::istringstream(piped.raw_stdout);
    piped_info >> pid >> name >> state >> parent;
    EXPECT_EQ(name, "(cat)");
    EXPECT_NE(parent, std::to_string(::getpid()));

    EXPECT_EQ(harness.run("/bin/echo $0").output, "/bin/sh");
    EXPECT_EQ(harness.run("/bin/echo '$0'  'a  b'").output, "$0 a  b");
}

// A descriptor some library opened without O_CLOEXEC must not reach the plugin either.
TEST(Runner, PluginsInheritNoDescriptorOfTheDaemon) {
    int opened = ::open("/dev/null", O_RDONLY);
    int leaky = ::fcntl(opened, F_DUPFD, 100);  // without O_CLOEXEC, above what ls opens
    ::close(opened);
    ASSERT_GE(leaky, 100);
    Harness harness;
    auto result =
        harness.run(Command{.command_line = "/bin/ls /proc/self/fd", .keep_raw_output = true});
    ::close(leaky);
    // 0, 1 and 2, plus the descriptor ls itself opened to read the directory.
    std::istringstream listed(result.raw_stdout);
    std::vector<int> descriptors;
    for (int fd; listed >> fd;) {
        descriptors.push_back(fd);
    }
    EXPECT_EQ(descriptors.size(), 4U) << result.raw_stdout;
    EXPECT_THAT(descriptors, ::testing::IsSupersetOf({0, 1, 2}));
    EXPECT_THAT(descriptors, Not(::testing::Contains(leaky)));
}

TEST(Runner, EnvironmentIsCleanPlusWhatTheCallerGives) {
    ::setenv("YAGURA_DAEMON_SECRET", "do-not-leak", 1);
    Harness harness;
    auto result = harness.run(Command{.command_line = "/usr/bin/env",
                                      .env = {"NAGIOS_HOSTNAME=web1", "NAGIOS_SERVICESTATE=OK"},
                                      .keep_raw_output = true});
    ::unsetenv("YAGURA_DAEMON_SECRET");
    EXPECT_THAT(result.raw_stdout, HasSubstr("NAGIOS_HOSTNAME=web1\n"));
    EXPECT_THAT(result.raw_stdout, HasSubstr("NAGIOS_SERVICESTATE=OK\n"));
    EXPECT_THAT(result.raw_stdout, HasSubstr("PATH=/usr/local/sbin:"));
    EXPECT_THAT(result.raw_stdout, Not(HasSubstr("YAGURA_DAEMON_SECRET")));

    auto overridden = harness.run(Command{
        .command_line = "/usr/bin/env", .env = {"PATH=/opt/plugins"}, .keep_raw_output = true});
    EXPECT_EQ(overridden.raw_stdout, "PATH=/opt/plugins\n");
}

TEST(Runner, BareCommandNamesAreFoundOnThePluginsPath) {
    TempDir dir;
    std::string plugin = dir / "check_on_path";
    std::ofstream(plugin) << "#!/bin/sh\necho \"OK - found on PATH\"\n";
    ::chmod(plugin.c_str(), 0755);
    Harness harness;
    auto result = harness.run(Command{.command_line = "check_on_path",
                                      .env = {"PATH=/nonexistent:" + dir.path().string()}});
    EXPECT_EQ(result.exit_status, 0);
    EXPECT_EQ(result.output, "OK - found on PATH");
}

TEST(Runner, HugeOutputIsCappedAndThePluginStillCompletes) {
    Harness harness;
    // 10 MiB on stdout; the pipe must keep being read or `head` would block forever.
    auto result = harness.run(
        Command{.command_line = "/usr/bin/head -c 10485760 /dev/zero | /usr/bin/tr '\\0' x",
                .timeout = 60,
                .keep_raw_output = true});
    EXPECT_FALSE(result.timed_out);
    EXPECT_EQ(result.exit_status, 0);
    EXPECT_TRUE(result.output_truncated);
    EXPECT_EQ(result.raw_stdout.size(), 8192U);
    EXPECT_EQ(result.output, std::string(8192, 'x'));

    auto small_cap = harness.run(
        Command{.command_line = "/usr/bin/seq 1000", .max_output = 10, .keep_raw_output = true});
    EXPECT_EQ(small_cap.raw_stdout, "1\n2\n3\n4\n5\n");
    EXPECT_EQ(small_cap.long_output, "2\n3\n4\n5");
}

TEST(Runner, ACapNeverCutsAUtf8CharacterInHalf) {
    Harness harness;
    // "é" is two bytes: a cap of 4 would end in the middle of the second one.
    auto result = harness.run(
        Command{.command_line = "/usr/bin/printf 'a\\303\\251\\303\\251'", .max_output = 4});
    EXPECT_EQ(result.output, "a\xC3\xA9");
}

}  // namespace
}  // namespace yagura::exec
