#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// Timeperiod rules: the lines of a `define timeperiod` other than its name, alias and
// exclude, parsed into weekday ranges and date-range exceptions with Nagios 4's semantics:
//   monday 09:00-17:00                    a weekday, every week
//   day 1 - 15 00:00-24:00, day -1 ...    days of every month (negative: from the end)
//   monday 3 00:00-24:00                  the 3rd monday of every month (-1: the last)
//   tuesday -1 november 00:00-24:00       the last tuesday of november
//   february 10 00:00-24:00               a day of a month; `april 10 - may 15` a range
//   2024-01-01 - 2024-02-01 / 3 ...       calendar dates; `/ N`: every Nth day of any range
//   times: HH:MM-HH:MM, several separated by commas, 24:00 ends the day; a range that ends
//          before it starts (22:00-02:00) goes on past midnight: 22:00-24:00 that day and
//          00:00-02:00 the next (accepted with a warning, as Nagios 4 and Shinken files have
//          them)
// On a given day the first matching exception (calendar dates first, then month dates, days
// of month, weekdays of a month, weekdays of every month; in each kind as written) replaces
// that day's weekday times; `00:00-00:00` thus makes a day empty. Time ranges are half-open
// ([start, end)): 17:00:00 is outside 09:00-17:00.
namespace yagura::model {

enum class DateRangeType : std::uint8_t {
    calendar_date,   // 2024-01-01 [- 2024-02-01]
    month_date,      // february 10 [- march 5]
    month_day,       // day 1 [- 15]
    month_week_day,  // tuesday -1 november [- monday 1 december]
    week_day,        // monday 3 [- friday 3]
};

// Minutes since local midnight, start inclusive, end exclusive; 1440 is the next midnight.
// An end beyond 1440 is a range written over midnight (22:00-02:00 is 1320 to 1560): it
// continues on the next day up to end - 1440.
struct TimeRange {
    std::uint16_t start = 0;
    std::uint16_t end = 0;
    friend bool operator==(const TimeRange&, const TimeRange&) = default;
};

struct DateRange {
    DateRangeType type = DateRangeType::calendar_date;
    std::int32_t syear = 0, eyear = 0;               // calendar dates only
    std::int8_t smon = 0, emon = 0;                  // 0 = january
    std::int8_t smday = 0, emday = 0;                // day of month, negative counts from the end
    std::int8_t swday = 0, ewday = 0;                // 0 = sunday
    std::int8_t swday_offset = 0, ewday_offset = 0;  // 3 = third, -1 = last
    std::int32_t skip_interval = 0;                  // `/ N`, 0 or 1: every day
    std::vector<TimeRange> times;
    friend bool operator==(const DateRange&, const DateRange&) = default;
};

struct TimePeriodRules {
    std::array<std::vector<TimeRange>, 7> weekdays;  // 0 = sunday
    std::vector<DateRange> exceptions;               // sorted by type, then as written

    bool empty() const;
    friend bool operator==(const TimePeriodRules&, const TimePeriodRules&) = default;
};

// Parses one rule line ("monday 09:00-17:00"; the configuration key and value joined by a
// space) into `rules`. Returns "" or an error naming the line and what is wrong; on error
// `rules` is unchanged. A weekday line replaces an earlier one for the same day. A line that
// is accepted but deserves a word (a range over midnight) sets `warning` if given.
std::string parse_timeperiod_line(std::string_view line, TimePeriodRules& rules,
                                  std::string* warning = nullptr);

// Whether a configuration key can start a rule line (a weekday, month, `day` or a date), so
// the config parser knows `monday` is a rule and `monday_typo` is not.
bool is_timeperiod_rule_key(std::string_view key);

}  // namespace yagura::model
