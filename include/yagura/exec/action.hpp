#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/core/clock.hpp>

namespace yagura::exec {

// What a command is run for; it only chooses the timeout text users know from Shinken.
enum class ActionKind { service_check, host_check, notification, event_handler };

std::string_view to_string(ActionKind kind);

// One plugin run, as the poller or reactionner asks for it.
struct Command {
    // The fully expanded command line ($USER1$/check_disk -w 10% ...). Run directly when it
    // is a simple command, through /bin/sh -c when it needs a shell (see command_line.hpp).
    std::string command_line;
    // Hard limit in seconds from the start; then the plugin's whole process group is killed.
    double timeout = 60.0;
    // "NAME=value" entries added to the runner's base environment (they win over a base
    // entry of the same name), e.g. NAGIOS_HOSTNAME=web1 for environment macros.
    std::vector<std::string> env;
    ActionKind kind = ActionKind::service_check;
    // Bytes of stdout (and, separately, of stderr) kept; 0 means the runner's
    // Limits::max_plugins_output_length. The rest is read and thrown away.
    std::size_t max_output = 0;
    // The exit status reported for a timeout (Shinken's timeout_exit_status, default 2).
    int timeout_exit_status = 2;
    // Copy the captured (capped) stdout and stderr into Result::raw_stdout/raw_stderr.
    bool keep_raw_output = false;
};

// How a run ended, in the terms the scheduler wants.
struct Result {
    // 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; timeout_exit_status after a timeout.
    int exit_status = 3;
    std::string output;       // first line, or an explanation in parentheses (see outcome.hpp)
    std::string long_output;  // further lines
    std::string perf_data;    // raw perfdata text; parse_perf_data() splits it into metrics
    std::string raw_stdout;   // only with Command::keep_raw_output
    std::string raw_stderr;   // only with Command::keep_raw_output
    core::EpochSeconds start_time = 0;  // from the runner's core::Clock
    core::EpochSeconds end_time = 0;
    double execution_time = 0;  // seconds, measured on the monotonic clock
    bool timed_out = false;
    int exit_code = -1;       // what the process exited with, before mapping; -1 if it did not
    int signal = 0;           // the signal that ended the plugin, 0 if it exited by itself
    int spawn_error = 0;      // errno when the plugin could not be started at all
    bool used_shell = false;  // ran through /bin/sh -c
    bool output_truncated = false;  // stdout or stderr went over the cap
    bool aborted = false;           // the runner was stopped before the plugin finished
};

}  // namespace yagura::exec
