#include <cerrno>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include <yagura/core/strings.hpp>
#include <yagura/exec/outcome.hpp>
#include <yagura/exec/plugin_output.hpp>

namespace yagura::exec {

namespace {

constexpr int kUnknown = 3;

std::string_view timeout_text(ActionKind kind) {
    switch (kind) {
        case ActionKind::service_check:
            return "(Service Check Timed Out)";
        case ActionKind::host_check:
            return "(Host Check Timed Out)";
        case ActionKind::notification:
            return "(Notification Timed Out)";
        case ActionKind::event_handler:
            return "(Event Handler Timed Out)";
    }
    return "(Timed Out)";
}

bool is_check(ActionKind kind) {
    return kind == ActionKind::service_check || kind == ActionKind::host_check;
}

// The plugin's own words: stdout, or stderr when stdout has nothing but blanks.
PluginOutput plugin_text(const ProcessOutcome& outcome) {
    bool stdout_blank = core::trim(outcome.out).empty();
    return parse_plugin_output(stdout_blank ? outcome.err : outcome.out);
}

void set_text(Result& result, PluginOutput text) {
    result.output = std::move(text.output);
    result.long_output = std::move(text.long_output);
    result.perf_data = std::move(text.perf_data);
}

// "(explanation) plugin output": the explanation first, so it shows in every UI column.
void prefix_output(Result& result, std::string_view explanation) {
    if (result.output.empty()) {
        result.output = std::string(explanation);
    } else {
        result.output = fmt::format("{} {}", explanation, result.output);
    }
}

std::string signal_name(int signal) {
    const char* abbreviation = sigabbrev_np(signal);
    return abbreviation != nullptr ? fmt::format("SIG{}", abbreviation) : "unknown";
}

std::string missing_or_not_executable(int code) {
    return code == 127 ? "(Return code of 127 is out of bounds - plugin may be missing)"
                       : "(Return code of 126 is out of bounds - plugin may not be executable)";
}

void spawn_failed(const ProcessOutcome& outcome, Result& result) {
    result.exit_status = kUnknown;
    result.spawn_error = outcome.spawn_error;
    std::string detail = fmt::format("{}: {}", outcome.program, std::strerror(outcome.spawn_error));
    switch (outcome.spawn_error) {
        case ENOENT:
        case ENOTDIR:
            result.output = missing_or_not_executable(127) + " " + detail;
            break;
        case EACCES:
        case EPERM:
        case ENOEXEC:
            result.output = missing_or_not_executable(126) + " " + detail;
            break;
        default:
            result.output = "(Could not start the plugin) " + detail;
            break;
    }
}

bool is_shell_syntax_error(const ProcessOutcome& outcome) {
    // dash: "sh: 1: Syntax error: Unterminated quoted string"; bash: "sh: -c: line 1:
    // syntax error near unexpected token". Both exit 2, which is also a plain CRITICAL.
    return outcome.mode == LineMode::shell && outcome.exit_code == 2 &&
           (outcome.err.find("Syntax error") != std::string_view::npos ||
            outcome.err.find("syntax error") != std::string_view::npos);
}

void exited(const ProcessOutcome& outcome, Result& result) {
    result.exit_code = outcome.exit_code;
    set_text(result, plugin_text(outcome));
    int code = outcome.exit_code;
    if (is_shell_syntax_error(outcome)) {
        result.exit_status = kUnknown;
        prefix_output(result, "(Shell syntax error)");
    } else if (code >= 0 && code <= 3) {
        result.exit_status = code;
        if (result.output.empty() && is_check(outcome.kind)) {
            result.output = "(No output returned from plugin)";
        }
    } else {
        result.exit_status = kUnknown;
        bool shell_says_missing = outcome.mode == LineMode::shell && (code == 126 || code == 127);
        prefix_output(result, shell_says_missing
                                  ? missing_or_not_executable(code)
                                  : fmt::format("(Return code of {} is out of bounds)", code));
    }
}

void timed_out(const ProcessOutcome& outcome, Result& result) {
    result.exit_status = outcome.timeout_exit_status;
    auto partial = plugin_text(outcome);
    result.output = std::string(timeout_text(outcome.kind));
    result.long_output = std::move(partial.output);
    if (!partial.long_output.empty()) {
        result.long_output += result.long_output.empty() ? "" : "\n";
        result.long_output += partial.long_output;
    }
}

}  // namespace

std::string_view to_string(ActionKind kind) {
    switch (kind) {
        case ActionKind::service_check:
            return "service_check";
        case ActionKind::host_check:
            return "host_check";
        case ActionKind::notification:
            return "notification";
        case ActionKind::event_handler:
            return "event_handler";
    }
    return "unknown";
}

void interpret_outcome(const ProcessOutcome& outcome, Result& result) {
    result.used_shell = outcome.mode == LineMode::shell;
    result.timed_out = outcome.timed_out;
    result.aborted = outcome.aborted;
    result.signal = outcome.signal;
    if (outcome.aborted) {
        result.exit_status = kUnknown;
        result.output = "(Plugin run aborted: the runner was stopped)";
    } else if (outcome.mode == LineMode::invalid) {
        result.exit_status = kUnknown;
        result.output = fmt::format("(Invalid command line: {})", outcome.invalid_reason);
    } else if (outcome.spawn_error != 0) {
        spawn_failed(outcome, result);
    } else if (outcome.timed_out) {
        timed_out(outcome, result);
    } else if (outcome.signal != 0) {
        result.exit_status = kUnknown;
        set_text(result, plugin_text(outcome));
        prefix_output(result, fmt::format("(Plugin killed by signal {} ({}))", outcome.signal,
                                          signal_name(outcome.signal)));
    } else {
        exited(outcome, result);
    }
}

}  // namespace yagura::exec
