#pragma once

// The Nagios monitoring log format, as Nagios 4 writes nagios.log and its archives:
//
//   [1700000000] SERVICE ALERT: web1;HTTP;CRITICAL;HARD;3;Connection refused
//   [1700006400] LOG ROTATION: DAILY
//   [1700006400] LOG VERSION: 2.0
//   [1700006400] CURRENT HOST STATE: web1;UP;HARD;1;PING OK - rta 0.1 ms
//   [1700006400] CURRENT SERVICE STATE: web1;HTTP;OK;HARD;1;HTTP OK
//
// Archives are named <prefix>-MM-DD-YYYY-HH.log after the (local) time of the rotation that
// closed them, so the archive of November 21 is <prefix>-11-22-2023-00.log, as with Nagios.

#include <ctime>
#include <string>
#include <string_view>

namespace yagura::modules::logfile {

// What a CURRENT ... STATE line says about a host (description empty) or a service.
struct ElementState {
    std::string host_name;
    std::string description;
    int state = 0;     // 0..2 hosts (UP, DOWN, UNREACHABLE), 0..3 services (OK..UNKNOWN)
    bool hard = true;  // state type
    int attempt = 1;
    std::string output;  // the first line of the plugin output
    bool is_host() const { return description.empty(); }
};

// UP, DOWN, UNREACHABLE for hosts; OK, WARNING, CRITICAL, UNKNOWN for services. A pending
// element (never checked) is UP or OK, as Nagios logs it.
std::string_view state_name(bool host, int state);

// "CURRENT HOST STATE: h;UP;HARD;1;output" or "CURRENT SERVICE STATE: h;s;OK;HARD;1;output".
std::string current_state_message(const ElementState& element);

// One log line: "[<epoch>] <message>\n". Trailing newlines of the message are dropped and
// the ones inside become "\n" (two characters), so one event is always one line.
std::string log_line(std::time_t time, std::string_view message);

// "<prefix>-MM-DD-YYYY-HH.log" for a rotation at `rotation_time` (local time).
std::string archive_name(std::string_view prefix, std::time_t rotation_time);

// The first local midnight strictly after `time`, and the last one at or before it.
std::time_t next_midnight(std::time_t time);
std::time_t last_midnight(std::time_t time);

}  // namespace yagura::modules::logfile
