#pragma once

#include <string>

namespace yagura::modules::livestatus {

// Livestatus status codes (as Nagios' mk-livestatus and Checkmk answer them).
enum class Status : int {
    ok = 200,
    bad_request = 400,        // a malformed header or value
    forbidden = 403,          // AuthUser may not do this
    not_found = 404,          // no such table or column
    payload_too_large = 413,  // request or response over its limit
    incomplete = 451,         // the request ended before its blank line
    invalid_request = 452,    // the first line is neither GET nor COMMAND
};

// Thrown inside the query parser and caught at the library's API: never escapes it.
struct QueryError {
    Status status;
    std::string message;
};

}  // namespace yagura::modules::livestatus
