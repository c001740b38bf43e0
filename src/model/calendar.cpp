#include <algorithm>
#include <functional>
#include <unordered_map>

#include <yagura/model/calendar.hpp>
#include <yagura/model/string_pool.hpp>

namespace yagura::model {

namespace {

// Civil calendar arithmetic (proleptic Gregorian), independent of the time zone.
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
std::int64_t wall(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return ((((tm.tm_year + 1900LL) * 100 + tm.tm_mon + 1) * 100 + tm.tm_mday) * 100 + tm.tm_hour) *
               100 +
           tm.tm_min;
}

// The first instant the wall clock shows `minutes` on that day. A time that does not exist
// (in the hour skipped when clocks go forward) is the moment the clock jumps past it; mktime
// alone would answer an hour off in both cases.
std::time_t local_time(int year, int month0, int mday, int minutes) {
    std::time_t t = mktime_local(year, month0, mday, minutes);
    if (minutes >= 1440) {
        return t;
    }
    const std::int64_t target =
        ((((static_cast<std::int64_t>(year)) * 100 + month0 + 1) * 100 + mday) * 100 +
         minutes / 60) *
            100 +
        minutes % 60;
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

// a minus b, both sorted and disjoint.
std::vector<std::pair<std::time_t, std::time_t>> subtract(
    const std::vector<std::pair<std::time_t, std::time_t>>& a,
    const std::vector<std::pair<std::time_t, std::time_t>>& b) {
    std::vector<std::pair<std::time_t, std::time_t>> out;
    for (auto [start, end] : a) {
        for (auto [bs, be] : b) {
            if (be <= start || bs >= end) {
                continue;
            }
            if (bs > start) {
                out.emplace_back(start, bs);
            }
            start = std::max(start, be);
            if (start >= end) {
                break;
            }
        }
        if (start < end) {
            out.emplace_back(start, end);
        }
    }
    return out;
}

constexpr int kMaxExclusionDepth = 16;
constexpr std::size_t kMaxCachedEntries = 200'000;

bool always_valid(const TimePeriod& p) {
    return p.rules.exceptions.empty() && p.exclude_links.empty() &&
           std::all_of(p.rules.weekdays.begin(), p.rules.weekdays.end(), [](const auto& ranges) {
               return std::any_of(ranges.begin(), ranges.end(),
                                  [](const TimeRange& r) { return r.start == 0 && r.end == 1440; });
           });
}

}  // namespace

TimePeriodCalendar::TimePeriodCalendar(std::span<const TimePeriod> periods) : periods_(periods) {}

void TimePeriodCalendar::clear() {
    days_.clear();
    segments_.clear();
    last_day_ = nullptr;
}

const TimePeriodCalendar::Day& TimePeriodCalendar::day(std::int64_t number) {
    auto it = days_.find(number);
    if (it != days_.end()) {
        return it->second;
    }
    if (days_.size() > kMaxCachedEntries) {
        clear();
    }
    Day d;
    int month1 = 0;
    civil_from_days(number, d.year, month1, d.mday);
    d.month = month1 - 1;
    d.wday = weekday_of(number);
    d.number = number;
    d.start = local_time(d.year, d.month, d.mday, 0);
    d.end = local_time(d.year, d.month, d.mday, 1440);
    return days_.emplace(number, d).first->second;
}

const TimePeriodCalendar::Day& TimePeriodCalendar::day_of(std::time_t t) {
    if (last_day_ != nullptr && t >= last_day_->start && t < last_day_->end) {
        return *last_day_;
    }
    std::tm tm{};
    localtime_r(&t, &tm);
    const Day& d = day(days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday));
    last_day_ = &d;
    return d;
}

TimePeriodCalendar::Segments TimePeriodCalendar::compute(Index period, const Day& d, int depth) {
    const TimePeriod& p = periods_[period];
    const std::vector<TimeRange>* ranges = &p.rules.weekdays[static_cast<std::size_t>(d.wday)];
    for (const DateRange& r : p.rules.exceptions) {
        if (matches(r, d.number, d.year, d.month)) {
            ranges = &r.times;
            break;
        }
    }
    std::vector<std::pair<std::time_t, std::time_t>> own;
    for (const TimeRange& r : *ranges) {
        if (r.start >= r.end) {
            continue;
        }
        std::time_t start = r.start == 0 ? d.start : local_time(d.year, d.month, d.mday, r.start);
        std::time_t end = r.end == 1440 ? d.end : local_time(d.year, d.month, d.mday, r.end);
        if (start < end) {
            own.emplace_back(start, end);
        }
    }
    std::sort(own.begin(), own.end());
    std::vector<std::pair<std::time_t, std::time_t>> merged;
    for (const auto& r : own) {
        if (!merged.empty() && r.first <= merged.back().second) {
            merged.back().second = std::max(merged.back().second, r.second);
        } else {
            merged.push_back(r);
        }
    }
    // Exclusions are evaluated on the same local day; a chain deeper than any sane
    // configuration (or a loop resolve_exclusions missed) stops excluding.
    if (depth < kMaxExclusionDepth) {
        for (Index excluded : p.exclude_links) {
            if (excluded >= periods_.size()) {
                continue;
            }
            const Segments& minus = segments(excluded, d.number, depth + 1);
            std::vector<std::pair<std::time_t, std::time_t>> b;
            b.reserve(minus.size());
            for (const Segment& s : minus) {
                b.emplace_back(s.start, s.end);
            }
            merged = subtract(merged, b);
        }
    }
    Segments out;
    out.reserve(merged.size());
    for (const auto& [start, end] : merged) {
        out.push_back({start, end});
    }
    return out;
}

const TimePeriodCalendar::Segments& TimePeriodCalendar::segments(Index period,
                                                                 std::int64_t day_number,
                                                                 int depth) {
    const std::uint64_t key = (static_cast<std::uint64_t>(period) << 32) |
                              static_cast<std::uint32_t>(static_cast<std::int32_t>(day_number));
    auto it = segments_.find(key);
    if (it != segments_.end()) {
        return it->second;
    }
    if (segments_.size() > kMaxCachedEntries) {
        segments_.clear();
    }
    Segments computed = compute(period, day(day_number), depth);
    return segments_.emplace(key, std::move(computed)).first->second;
}

bool TimePeriodCalendar::is_valid(Index period, std::time_t t) {
    if (period == kNoIndex || period >= periods_.size()) {
        return true;
    }
    for (const Segment& s : segments(period, day_of(t).number)) {
        if (s.start <= t && t < s.end) {
            return true;
        }
    }
    return false;
}

std::optional<std::time_t> TimePeriodCalendar::next_valid(Index period, std::time_t t) {
    if (period == kNoIndex || period >= periods_.size()) {
        return t;
    }
    if (periods_[period].rules.empty()) {
        return std::nullopt;
    }
    const std::int64_t first = day_of(t).number;
    for (std::int64_t n = first; n <= first + kHorizonDays; ++n) {
        for (const Segment& s : segments(period, n)) {
            if (s.end > t) {
                return std::max(s.start, t);
            }
        }
    }
    return std::nullopt;
}

std::optional<std::time_t> TimePeriodCalendar::next_invalid(Index period, std::time_t t) {
    if (period == kNoIndex || period >= periods_.size() || always_valid(periods_[period])) {
        return std::nullopt;
    }
    std::time_t cursor = t;
    const std::int64_t first = day_of(t).number;
    for (std::int64_t n = first; n <= first + kHorizonDays; ++n) {
        bool covered = false;
        for (const Segment& s : segments(period, n)) {
            if (s.start <= cursor && cursor < s.end) {
                cursor = s.end;
                covered = true;
                break;
            }
        }
        // Segments of a day are merged, so the cursor is now outside them unless it reached
        // midnight and the next day starts valid.
        if (!covered || cursor < day(n).end) {
            return cursor;
        }
    }
    return std::nullopt;
}

std::vector<std::string> resolve_exclusions(std::span<TimePeriod> periods, StringPool& pool) {
    std::vector<std::string> errors;
    std::unordered_map<std::string_view, Index> by_name;
    for (std::size_t i = 0; i < periods.size(); ++i) {
        if (!periods[i].timeperiod_name.empty()) {
            by_name.emplace(pool.str(periods[i].timeperiod_name), static_cast<Index>(i));
        }
    }
    for (TimePeriod& p : periods) {
        p.exclude_links.clear();
        for (Symbol name : pool.symbols(p.exclude.list)) {
            auto it = by_name.find(pool.str(name));
            if (it == by_name.end()) {
                errors.push_back("timeperiod '" + std::string(pool.str(p.timeperiod_name)) +
                                 "': exclude names unknown timeperiod '" +
                                 std::string(pool.str(name)) + "'");
                continue;
            }
            p.exclude_links.push_back(it->second);
        }
    }
    // Depth-first search for loops; every period on a loop loses its exclusions.
    enum class Mark { none, active, done };
    std::vector<Mark> marks(periods.size(), Mark::none);
    std::vector<Index> path;
    std::vector<Index> looping;
    std::function<void(Index)> visit = [&](Index i) {
        marks[i] = Mark::active;
        path.push_back(i);
        for (Index next : periods[i].exclude_links) {
            if (marks[next] == Mark::active) {
                std::string chain;
                auto from = std::find(path.begin(), path.end(), next);
                for (auto it = from; it != path.end(); ++it) {
                    chain += std::string(pool.str(periods[*it].timeperiod_name)) + " -> ";
                    looping.push_back(*it);
                }
                chain += pool.str(periods[next].timeperiod_name);
                errors.push_back("timeperiod '" +
                                 std::string(pool.str(periods[next].timeperiod_name)) +
                                 "': exclude loop " + chain);
            } else if (marks[next] == Mark::none) {
                visit(next);
            }
        }
        path.pop_back();
        marks[i] = Mark::done;
    };
    for (std::size_t i = 0; i < periods.size(); ++i) {
        if (marks[i] == Mark::none) {
            visit(static_cast<Index>(i));
        }
    }
    for (Index i : looping) {
        periods[i].exclude_links.clear();
    }
    return errors;
}

}  // namespace yagura::model
