#include <algorithm>
#include <functional>
#include <unordered_map>

#include <yagura/model/calendar.hpp>
#include <yagura/model/string_pool.hpp>

#include "calendar_days.hpp"

namespace yagura::model {

using detail::civil_from_days;
using detail::days_from_civil;
using detail::local_time;
using detail::matches;
using detail::weekday_of;

namespace {

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

// The time ranges that apply on a day: the first matching exception's, else the weekday's.
static const std::vector<TimeRange>& ranges_of(const TimePeriod& p, int wday, std::int64_t number,
                                               int year, int month) {
    for (const DateRange& r : p.rules.exceptions) {
        if (matches(r, number, year, month)) {
            return r.times;
        }
    }
    return p.rules.weekdays[static_cast<std::size_t>(wday)];
}

TimePeriodCalendar::Segments TimePeriodCalendar::compute(Index period, const Day& day_ref,
                                                         int depth) {
    const Day d = day_ref;  // day() below may empty the cache day_ref lives in
    const TimePeriod& p = periods_[period];
    std::vector<std::pair<std::time_t, std::time_t>> own;
    for (const TimeRange& r : ranges_of(p, d.wday, d.number, d.year, d.month)) {
        const int end_today = std::min<int>(r.end, 1440);
        if (r.start >= end_today) {
            continue;
        }
        std::time_t start = r.start == 0 ? d.start : local_time(d.year, d.month, d.mday, r.start);
        std::time_t end =
            end_today == 1440 ? d.end : local_time(d.year, d.month, d.mday, end_today);
        if (start < end) {
            own.emplace_back(start, end);
        }
    }
    // Ranges of the day before written over midnight (22:00-02:00) end on this day.
    const Day before = day(d.number - 1);
    for (const TimeRange& r : ranges_of(p, before.wday, before.number, before.year, before.month)) {
        if (r.end > 1440) {
            std::time_t end = local_time(d.year, d.month, d.mday, r.end - 1440);
            if (d.start < end) {
                own.emplace_back(d.start, end);
            }
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
