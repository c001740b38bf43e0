#pragma once

#include <string_view>

#include <yagura/exec/action.hpp>
#include <yagura/exec/command_line.hpp>

namespace yagura::exec {

// What happened to a process, before any interpretation. The runner fills it; keeping the
// mapping below a pure function lets every rule be tested without starting processes.
struct ProcessOutcome {
    ActionKind kind = ActionKind::service_check;
    int timeout_exit_status = 2;
    LineMode mode = LineMode::direct;
    std::string_view invalid_reason;  // when mode == invalid
    std::string_view program;         // the file exec'd (argv[0]), for messages
    int spawn_error = 0;              // errno from pipe / clone / execve
    bool timed_out = false;
    bool aborted = false;
    bool exited = false;  // exit_code is valid
    int exit_code = 0;
    int signal = 0;  // nonzero: killed by this signal
    std::string_view out;
    std::string_view err;
};

// Fills exit_status, output, long_output, perf_data and the outcome flags of `result`
// (times, raw output and truncation are the runner's). The texts follow what Nagios and
// Shinken users know:
//   timeout                 timeout_exit_status, "(Service Check Timed Out)" (Host Check,
//                           Notification, Event Handler); what the plugin printed so far
//                           goes to long_output
//   exit 0..3               kept; output from stdout, or from stderr when stdout is blank
//   exit 4..255             3, "(Return code of 4 is out of bounds) <plugin output>"
//   sh exit 126 / 127       3, "(Return code of 127 is out of bounds - plugin may be missing)"
//                           or "... - plugin may not be executable)", then sh's message
//   not found (direct)      3, "(Return code of 127 is out of bounds - plugin may be
//                           missing) /path/check_x: No such file or directory"
//   not executable          3, "(Return code of 126 is out of bounds - plugin may not be
//                           executable) /path/check_x: Permission denied"
//   other spawn errors      3, "(Could not start the plugin) /path/check_x: <strerror>"
//   killed by a signal      3, "(Plugin killed by signal 11 (SIGSEGV)) <plugin output>"
//   shell syntax error      3, "(Shell syntax error) sh: 1: Syntax error: ..."
//   invalid command line    3, "(Invalid command line: unterminated single quote)"
//   aborted                 3, "(Plugin run aborted: the runner was stopped)"
//   a check with no output  its status, "(No output returned from plugin)"
// Missing plugins are UNKNOWN (3) as in Nagios: Shinken says CRITICAL (2) when it execs
// directly but UNKNOWN (3) when it went through sh, and a broken check is not a broken host.
void interpret_outcome(const ProcessOutcome& outcome, Result& result);

}  // namespace yagura::exec
