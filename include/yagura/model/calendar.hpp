#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <yagura/model/timeperiod.hpp>

namespace yagura::model {

class StringPool;

// Evaluates the timeperiods of one configuration: is a time inside a period, when does it
// next begin or end. Local time is the process's (the C library's localtime with TZ), so
// daylight-saving changes are handled the way the wall clock shows them: "09:00-17:00" is
// 09:00 to 17:00 local time on a 23-hour or 25-hour day too.
//
// Semantics are Nagios 4's (check_time_against_period, get_next_valid_time), with these
// deliberate differences, all places where Nagios is wrong or surprising:
//   - ranges are half-open: 17:00:00 is outside 09:00-17:00 (Nagios counts that second in),
//     and next_invalid() is the exact end (Nagios answers end + 60 s);
//   - times are wall-clock times on DST days (Nagios adds seconds to midnight, so 09:00 is
//     10:00 on the day clocks go forward);
//   - a range over new year ("november 15 - february 5") also matches in January (Nagios
//     only looks at the range starting in the current year).
// Per-day results are cached, so the scheduler's repeated next_valid() calls cost a hash
// lookup; the cache assumes TZ does not change (call clear() if it does). Not thread safe.
class TimePeriodCalendar {
public:
    // `periods` (with exclude_links resolved, see resolve_exclusions) must outlive the
    // calendar and not change while it is used.
    explicit TimePeriodCalendar(std::span<const TimePeriod> periods);

    // kNoIndex (no period) is always valid.
    bool is_valid(Index period, std::time_t t);
    // The first valid second >= t; nullopt when none within about four years.
    std::optional<std::time_t> next_valid(Index period, std::time_t t);
    // The first invalid second >= t; nullopt when the period never ends (24x7).
    std::optional<std::time_t> next_invalid(Index period, std::time_t t);

    void clear();

    // Days searched ahead before giving up (leap days and yearly dates fit in it).
    static constexpr int kHorizonDays = 4 * 366 + 1;

private:
    struct Day {
        std::time_t start = 0;                        // local midnight
        std::time_t end = 0;                          // next local midnight
        int year = 0, month = 0, mday = 0, wday = 0;  // month 0-11, wday 0 = sunday
        std::int64_t number = 0;                      // days since 1970-01-01 (civil)
    };
    struct Segment {
        std::time_t start;
        std::time_t end;  // exclusive
    };
    using Segments = std::vector<Segment>;

    const Day& day_of(std::time_t t);
    const Day& day(std::int64_t number);
    const Segments& segments(Index period, std::int64_t day_number, int depth = 0);
    Segments compute(Index period, const Day& d, int depth);

    std::span<const TimePeriod> periods_;
    std::unordered_map<std::int64_t, Day> days_;
    std::unordered_map<std::uint64_t, Segments> segments_;
    const Day* last_day_ = nullptr;
};

// Resolves each period's `exclude` names into exclude_links. Returns one message per unknown
// name or exclusion loop ("timeperiod 'a': exclude loop a -> b -> a"); the links of a period
// in a loop are cleared so evaluation stays finite.
std::vector<std::string> resolve_exclusions(std::span<TimePeriod> periods, StringPool& pool);

}  // namespace yagura::model
