#include <fmt/format.h>

#include <yagura/modules/logfile/nagios_log.hpp>

namespace yagura::modules::logfile {

std::string_view state_name(bool host, int state) {
    if (host) {
        switch (state) {
            case 1:
                return "DOWN";
            case 2:
                return "UNREACHABLE";
            default:
                return "UP";
        }
    }
    switch (state) {
        case 1:
            return "WARNING";
        case 2:
            return "CRITICAL";
        case 3:
            return "UNKNOWN";
        default:
            return "OK";
    }
}

std::string current_state_message(const ElementState& e) {
    auto type = e.hard ? "HARD" : "SOFT";
    if (e.is_host()) {
        return fmt::format("CURRENT HOST STATE: {};{};{};{};{}", e.host_name,
                           state_name(true, e.state), type, e.attempt, e.output);
    }
    return fmt::format("CURRENT SERVICE STATE: {};{};{};{};{};{}", e.host_name, e.description,
                       state_name(false, e.state), type, e.attempt, e.output);
}

std::string log_line(std::time_t time, std::string_view message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) {
        message.remove_suffix(1);
    }
    std::string line = fmt::format("[{}] ", static_cast<long long>(time));
    line.reserve(line.size() + message.size() + 1);
    for (char c : message) {
        if (c == '\n') {
            line += "\\n";
        } else if (c != '\r') {
            line += c;
        }
    }
    line += '\n';
    return line;
}

std::string archive_name(std::string_view prefix, std::time_t rotation_time) {
    std::tm t{};
    localtime_r(&rotation_time, &t);
    return fmt::format("{}-{:02}-{:02}-{}-{:02}.log", prefix, t.tm_mon + 1, t.tm_mday,
                       t.tm_year + 1900, t.tm_hour);
}

std::time_t last_midnight(std::time_t time) {
    std::tm t{};
    localtime_r(&time, &t);
    t.tm_hour = 0;
    t.tm_min = 0;
    t.tm_sec = 0;
    t.tm_isdst = -1;  // whatever applies at that midnight
    return std::mktime(&t);
}

std::time_t next_midnight(std::time_t time) {
    std::tm t{};
    localtime_r(&time, &t);
    t.tm_mday += 1;  // mktime carries it into the next month or year
    t.tm_hour = 0;
    t.tm_min = 0;
    t.tm_sec = 0;
    t.tm_isdst = -1;
    return std::mktime(&t);
}

}  // namespace yagura::modules::logfile
