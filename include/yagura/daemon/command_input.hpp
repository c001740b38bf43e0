#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yagura::net {
struct Request;
}

// What arrives at the doors of the receiver and the arbiter, turned into Nagios external
// command lines ("[ts] NAME;arg;..."), the one form the command router and the schedulers take.
namespace yagura::daemon {

// A passive check result as pushed by a sender (Shinken's ws_arbiter fields).
struct PassiveResult {
    std::string host_name;
    std::string service_description;  // empty: a host check result
    int return_code = 0;
    std::string output;
    double time_stamp = 0;  // 0: now
};

// "[ts] PROCESS_SERVICE_CHECK_RESULT;host;service;rc;output" (or PROCESS_HOST_CHECK_RESULT).
// Newlines in the output become the two characters "\n", as Nagios expects long output in a
// command line. Throws core::Error(invalid_input) for an empty host name, a ';' or a newline
// in a name, or a return code outside 0..3 (host results: 0..2).
std::string passive_result_command(const PassiveResult& result, double now);

// The body of POST /push_check_result as command lines: JSON {"host_name", "service_description",
// "return_code", "output", "time_stamp"} or an array of them, or the form fields of ws_arbiter
// (time_stamp, host_name, service_description, return_code, output; each may be repeated, all
// repeated the same number of times, for several results in one post). Throws
// core::Error(invalid_input) naming the result at fault; nothing is returned then.
std::vector<std::string> check_result_commands(const net::Request& request, double now);

// The body of POST /run_external_commands as lines: JSON {"commands": ["...", ...]}, a JSON
// array of strings, a JSON string, a form field `command` (repeatable), or a text body with one
// command per line (blank lines skipped). Throws core::Error(invalid_input) for a malformed body.
std::vector<std::string> external_command_lines(const net::Request& request);

// Splits text into lines (LF or CRLF), skipping blank ones.
std::vector<std::string> split_command_lines(std::string_view text);

}  // namespace yagura::daemon
