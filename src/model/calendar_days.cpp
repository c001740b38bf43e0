// Civil calendar arithmetic and the day matching of timeperiod exceptions (Nagios 4's
// _get_matching_timerange, with dates as day numbers so daylight saving cannot skew them).

#include "calendar_days.hpp"

#include <ctime>
#include <optional>
#include <utility>

namespace yagura::model::detail {

namespace {

// Civil calendar arithmetic (proleptic Gregorian), independent of the time zone.
int days_in_month(int year, int month0) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month0 == 1 && leap ? 29 : kDays[month0];
}

using OptDay = std::optional<std::int64_t>;

// The `mday`-th day of a month (negative: from the end), or nullopt if the month is shorter.
OptDay day_of_month(int year, int month0, int mday) {
    int dim = days_in_month(year, month0);
    int d = mday > 0 ? mday : dim + mday + 1;
    if (d < 1 || d > dim) {
        return std::nullopt;
    }
    return days_from_civil(year, month0 + 1, d);
}

// The `offset`-th `wday` of a month (3 = third, -1 = last), or nullopt.
OptDay weekday_of_month(int year, int month0, int wday, int offset) {
    int dim = days_in_month(year, month0);
    std::int64_t first = days_from_civil(year, month0 + 1, 1);
    int d = 0;
    if (offset > 0) {
        d = 1 + (wday - weekday_of(first) + 7) % 7 + (offset - 1) * 7;
    } else {
        int last_wday = weekday_of(first + dim - 1);
        d = dim - (last_wday - wday + 7) % 7 + (offset + 1) * 7;
    }
    if (d < 1 || d > dim) {
        return std::nullopt;
    }
    return first + d - 1;
}

// The end of a range whose end date does not exist this time: a positive day or weekday
// past the month's end stops at the month's last day (Nagios' rule); a negative one drops
// the range.
OptDay clamp_end(OptDay end, int year, int month0, int offset) {
    if (end || offset < 0) {
        return end;
    }
    return day_of_month(year, month0, -1);
}

bool in_range(std::int64_t n, std::int64_t start, std::int64_t end, int skip) {
    if (n < start || n > end) {
        return false;
    }
    return skip <= 1 || (n - start) % skip == 0;
}

// A range within one month that may wrap past its end ("day 25 - day 5").
bool in_month_range(std::int64_t n, std::int64_t start, std::int64_t end, int skip) {
    if (start <= end) {
        return in_range(n, start, end, skip);
    }
    if (skip > 1) {  // Nagios counts skips from the start only
        return n >= start && (n - start) % skip == 0;
    }
    return n >= start || n <= end;
}

// A yearly range: the one starting this year, or the one that started last year and runs
// past new year.
template <class EndpointFn>
bool in_yearly_range(std::int64_t n, int year, int skip, EndpointFn&& endpoints) {
    for (int y : {year - 1, year}) {
        auto [start, end] = endpoints(y);
        if (start && end && in_range(n, *start, *end, skip)) {
            return true;
        }
    }
    return false;
}

std::time_t mktime_local(int year, int month0, int mday, int minutes) {
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month0;
    tm.tm_mday = mday;
    tm.tm_hour = minutes / 60;
    tm.tm_min = minutes % 60;
    tm.tm_isdst = -1;
    return std::mktime(&tm);
}

// The local wall-clock time of t as one comparable number: YYYYMMDDhhmm.
std::int64_t wall_number(std::int64_t year, int month1, int mday, int hour, int minute) {
    return (((year * 100 + month1) * 100 + mday) * 100 + hour) * 100 + minute;
}

std::int64_t wall(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return wall_number(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

}  // namespace

std::int64_t days_from_civil(std::int64_t y, int m1, int d) {
    y -= m1 <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m1 + (m1 > 2 ? -3 : 9)) + 2) / 5 +
                         static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m1, int& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m1 = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m1 <= 2));
}

int weekday_of(std::int64_t day_number) {  // 1970-01-01 was a thursday
    return static_cast<int>(((day_number % 7) + 7 + 4) % 7);
}

bool matches(const DateRange& r, std::int64_t n, int year, int month0) {
    const int skip = r.skip_interval;
    switch (r.type) {
        case DateRangeType::calendar_date: {
            std::int64_t start = days_from_civil(r.syear, r.smon + 1, r.smday);
            std::int64_t end = days_from_civil(r.eyear, r.emon + 1, r.emday);
            if (skip > 1 && start == end) {  // "2024-01-01 / 3": every 3rd day from then on
                return n >= start && (n - start) % skip == 0;
            }
            return in_range(n, start, end, skip);
        }
        case DateRangeType::month_date:
            return in_yearly_range(n, year, skip, [&](int y) {
                OptDay start = day_of_month(y, r.smon, r.smday);
                OptDay end = clamp_end(day_of_month(y, r.emon, r.emday), y, r.emon, r.emday);
                if (start && end && *end < *start) {
                    end = clamp_end(day_of_month(y + 1, r.emon, r.emday), y + 1, r.emon, r.emday);
                }
                return std::pair{start, end};
            });
        case DateRangeType::month_week_day:
            return in_yearly_range(n, year, skip, [&](int y) {
                OptDay start = weekday_of_month(y, r.smon, r.swday, r.swday_offset);
                auto end_in = [&](int ey) {
                    return clamp_end(weekday_of_month(ey, r.emon, r.ewday, r.ewday_offset), ey,
                                     r.emon, r.ewday_offset);
                };
                OptDay end = end_in(y);
                if (start && end && *end < *start) {
                    end = end_in(y + 1);
                }
                return std::pair{start, end};
            });
        case DateRangeType::month_day: {
            OptDay start = day_of_month(year, month0, r.smday);
            OptDay end = clamp_end(day_of_month(year, month0, r.emday), year, month0, r.emday);
            return start && end && in_month_range(n, *start, *end, skip);
        }
        case DateRangeType::week_day: {
            OptDay start = weekday_of_month(year, month0, r.swday, r.swday_offset);
            OptDay end = clamp_end(weekday_of_month(year, month0, r.ewday, r.ewday_offset), year,
                                   month0, r.ewday_offset);
            return start && end && in_month_range(n, *start, *end, skip);
        }
    }
    return false;
}

// The first instant the wall clock shows `minutes` on that day. A time that does not exist
// (in the hour skipped when clocks go forward) is the moment the clock jumps past it; mktime
// alone would answer an hour off in both cases.
std::time_t local_time(int year, int month0, int mday, int minutes) {
    std::time_t t = mktime_local(year, month0, mday, minutes);
    if (minutes >= 1440) {
        return t;
    }
    const std::int64_t target = wall_number(year, month0 + 1, mday, minutes / 60, minutes % 60);
    if (wall(t) == target) {
        // A time shown twice (the hour repeated when clocks go back) starts at its first
        // occurrence; mktime may have picked the second.
        for (std::time_t shift : {3600, 1800}) {
            if (wall(t - shift) == target) {
                return t - shift;
            }
        }
        return t;
    }
    // Smallest instant whose wall time is at or after the target, searched within the hours
    // around the transition, where the wall clock only moves forward.
    std::time_t lo = t - 3 * 3600;
    std::time_t hi = t + 3 * 3600;
    while (lo < hi) {
        std::time_t mid = lo + (hi - lo) / 2;
        if (wall(mid) >= target) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return lo;
}

}  // namespace yagura::model::detail
