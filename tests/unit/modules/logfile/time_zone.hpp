#pragma once

// Runs a test in a given local time zone (TZ), restoring the previous one afterwards.

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace yagura::modules::logfile::testing {

class TimeZone {
public:
    explicit TimeZone(const char* zone) {
        if (const char* old = std::getenv("TZ")) {
            previous_ = old;
        }
        ::setenv("TZ", zone, 1);
        ::tzset();
    }
    ~TimeZone() {
        if (previous_) {
            ::setenv("TZ", previous_->c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }

private:
    std::optional<std::string> previous_;
};

// The epoch of a local date and time in the current zone.
inline std::time_t local_time(int year, int month, int day, int hour, int minute = 0,
                              int second = 0) {
    std::tm t{};
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = day;
    t.tm_hour = hour;
    t.tm_min = minute;
    t.tm_sec = second;
    t.tm_isdst = -1;
    return std::mktime(&t);
}

}  // namespace yagura::modules::logfile::testing
