// Timeperiod evaluation: a table of instants with the expected validity, next valid and next
// invalid times, in two time zones, across daylight-saving changes and with exclusions.
// Instants are written with their UTC offset, so the expectations do not depend on the
// C library conversions under test.

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include <yagura/model/calendar.hpp>
#include <yagura/model/config.hpp>

namespace yagura::model {
namespace {

// "2024-03-31T03:00:00+02:00" (seconds optional) -> epoch; "never" -> nullopt.
std::optional<std::time_t> at(std::string_view text) {
    if (text == "never") {
        return std::nullopt;
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, oh = 0, om = 0;
    char sign = '+';
    std::string t(text);
    if (t.size() == 22) {  // no seconds
        t.insert(16, ":00");
    }
    if (std::sscanf(t.c_str(), "%d-%d-%dT%d:%d:%d%c%d:%d", &y, &mo, &d, &h, &mi, &s, &sign, &oh,
                    &om) != 9) {
        ADD_FAILURE() << "bad instant " << text;
        return 0;
    }
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    const std::time_t utc = timegm(&tm);
    const int offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
    return utc - offset;
}

std::string show(std::optional<std::time_t> t) {
    if (!t) {
        return "never";
    }
    char buffer[64];
    std::tm tm{};
    localtime_r(&*t, &tm);
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S%z", &tm);
    return buffer;
}

class TimeZone {
public:
    explicit TimeZone(const char* tz) {
        if (const char* old = std::getenv("TZ")) {
            saved_ = old;
        }
        setenv("TZ", tz, 1);
        tzset();
    }
    ~TimeZone() {
        if (saved_) {
            setenv("TZ", saved_->c_str(), 1);
        } else {
            unsetenv("TZ");
        }
        tzset();
    }

private:
    std::optional<std::string> saved_;
};

constexpr const char* kWeek[] = {"monday", "tuesday", "wednesday", "thursday", "friday"};
constexpr const char* kAllDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                    "thursday", "friday", "saturday"};

class Periods {
public:
    Periods() {
        for (const char* day : kWeek) {
            add("workhours", {{day, "09:00-17:00"}});
            add("workhours_but_holidays", {{day, "09:00-17:00"}});
            add("lunch", {{day, "12:00-13:00"}});
            add("office", {{day, "09:00-17:00"}});
        }
        for (const char* day : kAllDays) {
            add("24x7", {{day, "00:00-24:00"}});
            add("nights", {{day, "00:00-07:00,19:00-24:00"}});
            add("early_hours", {{day, "01:00-04:00"}});
            add("not_office", {{day, "00:00-24:00"}});
            add("gap", {{day, "02:30-03:30"}});
        }
        add("none", {{"alias", "No time is a good time"}});
        add("holidays", {{"december", "25 00:00-24:00"}, {"january", "1 00:00-24:00"}});
        add("workhours_but_holidays", {{"exclude", "holidays"}});
        add("last_day_of_month", {{"day", "-1 00:00-24:00"}});
        add("third_monday", {{"monday", "3 08:00-12:00"}});
        add("last_tuesday_of_november", {{"tuesday", "-1 november 00:00-24:00"}});
        add("every_third_day", {{"2024-01-01", "/ 3 08:00-09:00"}});
        add("mondays_but_xmas_week", {{"monday", "09:00-17:00"}, {"2024-12-23", "00:00-00:00"}});
        add("office", {{"exclude", "lunch"}});
        add("not_office", {{"exclude", "office"}});
        add("winter_holidays", {{"december", "20 - january 10 00:00-24:00"}});
        add("month_turn", {{"day", "25 - 5 00:00-24:00"}});
        add("skip_days", {{"day", "1 - 10 / 3 10:00-11:00"}});
        add("sundays", {{"sunday", "00:00-24:00"}});
        // Ranges written over midnight (accepted with a warning): the night goes on.
        add("friday_nights", {{"friday", "22:00-06:00"}});
        add("saturday_nights", {{"saturday", "22:00-04:00"}});
        add("christmas_eve_party", {{"december", "24 20:00-02:00"}});
        add("friday_nights_but_holidays", {{"friday", "22:00-06:00"}, {"exclude", "holidays"}});
        auto errors = resolve_exclusions(config.timeperiods.items(), config.pool);
        EXPECT_TRUE(errors.empty()) << errors.front();
    }

    Index index(std::string_view name) const { return config.timeperiods.find(name, config.pool); }

    Config config;

private:
    void add(std::string_view name,
             std::initializer_list<std::pair<const char*, const char*>> lines) {
        Index i = index(name);
        if (i == kNoIndex) {
            TimePeriod tp = config.make<TimePeriod>();
            EXPECT_TRUE(set_attribute(tp, "timeperiod_name", name, config.pool).ok());
            i = config.timeperiods.insert(std::move(tp)).index;
        }
        for (const auto& [key, value] : lines) {
            auto r = set_attribute(config.timeperiods[i], key, value, config.pool);
            EXPECT_TRUE(r.ok()) << r.message;
        }
    }
};

struct Case {
    const char* tz;
    const char* period;
    const char* instant;
    bool valid;
    const char* next_valid;
    const char* next_invalid;
};

constexpr const char* kParis = "Europe/Paris";
constexpr const char* kNewYork = "America/New_York";

constexpr Case kCases[] = {
    // Ranges over midnight: friday 22:00-06:00 is also saturday 00:00-06:00.
    {kParis, "friday_nights", "2024-03-15T23:00+01:00", true, "2024-03-15T23:00+01:00",
     "2024-03-16T06:00+01:00"},
    {kParis, "friday_nights", "2024-03-16T05:59:59+01:00", true, "2024-03-16T05:59:59+01:00",
     "2024-03-16T06:00+01:00"},
    {kParis, "friday_nights", "2024-03-16T07:00+01:00", false, "2024-03-22T22:00+01:00",
     "2024-03-16T07:00+01:00"},
    {kParis, "friday_nights", "2024-03-14T23:00+01:00", false, "2024-03-15T22:00+01:00",
     "2024-03-14T23:00+01:00"},
    // ... across the night clocks go forward (2024-03-31 02:00 -> 03:00 in Paris).
    {kParis, "saturday_nights", "2024-03-31T01:30+01:00", true, "2024-03-31T01:30+01:00",
     "2024-03-31T04:00+02:00"},
    // ... on a date: december 24 20:00-02:00 ends on the 25th at 02:00.
    {kParis, "christmas_eve_party", "2024-12-25T01:00+01:00", true, "2024-12-25T01:00+01:00",
     "2024-12-25T02:00+01:00"},
    {kParis, "christmas_eve_party", "2024-12-25T03:00+01:00", false, "2025-12-24T20:00+01:00",
     "2024-12-25T03:00+01:00"},
    // ... and what an exclusion removes on the next day stays removed (2027-12-24 is a
    // friday, its night runs into the holiday of the 25th).
    {kParis, "friday_nights_but_holidays", "2027-12-24T23:00+01:00", true, "2027-12-24T23:00+01:00",
     "2027-12-25T00:00+01:00"},
    // Weekly schedule.
    {kParis, "workhours", "2024-01-08T10:00+01:00", true, "2024-01-08T10:00+01:00",
     "2024-01-08T17:00+01:00"},
    {kParis, "workhours", "2024-01-08T08:59:59+01:00", false, "2024-01-08T09:00+01:00",
     "2024-01-08T08:59:59+01:00"},
    {kParis, "workhours", "2024-01-08T17:00+01:00", false, "2024-01-09T09:00+01:00",
     "2024-01-08T17:00+01:00"},
    {kParis, "workhours", "2024-01-12T18:00+01:00", false, "2024-01-15T09:00+01:00",
     "2024-01-12T18:00+01:00"},
    {kParis, "workhours", "2024-01-13T12:00+01:00", false, "2024-01-15T09:00+01:00",
     "2024-01-13T12:00+01:00"},
    {kParis, "workhours", "2024-04-01T09:30+02:00", true, "2024-04-01T09:30+02:00",
     "2024-04-01T17:00+02:00"},
    {kParis, "workhours", "2024-03-29T17:30+01:00", false, "2024-04-01T09:00+02:00",
     "2024-03-29T17:30+01:00"},
    {kParis, "24x7", "2024-03-31T03:30+02:00", true, "2024-03-31T03:30+02:00", "never"},
    {kParis, "none", "2024-03-31T03:30+02:00", false, "never", "2024-03-31T03:30+02:00"},
    {kParis, "nights", "2024-01-10T06:59:59+01:00", true, "2024-01-10T06:59:59+01:00",
     "2024-01-10T07:00+01:00"},
    {kParis, "nights", "2024-01-10T23:00+01:00", true, "2024-01-10T23:00+01:00",
     "2024-01-11T07:00+01:00"},
    {kParis, "nights", "2024-01-10T12:00+01:00", false, "2024-01-10T19:00+01:00",
     "2024-01-10T12:00+01:00"},
    // Exclusion of holidays.
    {kParis, "workhours_but_holidays", "2024-12-25T10:00+01:00", false, "2024-12-26T09:00+01:00",
     "2024-12-25T10:00+01:00"},
    {kParis, "workhours_but_holidays", "2024-12-24T16:00+01:00", true, "2024-12-24T16:00+01:00",
     "2024-12-24T17:00+01:00"},
    {kParis, "workhours_but_holidays", "2024-12-31T18:00+01:00", false, "2025-01-02T09:00+01:00",
     "2024-12-31T18:00+01:00"},
    // Days of month, weekdays of month, calendar skips.
    {kParis, "last_day_of_month", "2024-02-29T10:00+01:00", true, "2024-02-29T10:00+01:00",
     "2024-03-01T00:00+01:00"},
    {kParis, "last_day_of_month", "2024-02-28T10:00+01:00", false, "2024-02-29T00:00+01:00",
     "2024-02-28T10:00+01:00"},
    {kParis, "last_day_of_month", "2024-03-31T12:00+02:00", true, "2024-03-31T12:00+02:00",
     "2024-04-01T00:00+02:00"},
    {kParis, "third_monday", "2024-01-15T08:00+01:00", true, "2024-01-15T08:00+01:00",
     "2024-01-15T12:00+01:00"},
    {kParis, "third_monday", "2024-01-16T08:00+01:00", false, "2024-02-19T08:00+01:00",
     "2024-01-16T08:00+01:00"},
    {kParis, "third_monday", "2024-01-08T10:00+01:00", false, "2024-01-15T08:00+01:00",
     "2024-01-08T10:00+01:00"},
    {kParis, "last_tuesday_of_november", "2024-11-26T00:00+01:00", true, "2024-11-26T00:00+01:00",
     "2024-11-27T00:00+01:00"},
    {kParis, "last_tuesday_of_november", "2024-11-19T12:00+01:00", false, "2024-11-26T00:00+01:00",
     "2024-11-19T12:00+01:00"},
    {kParis, "last_tuesday_of_november", "2024-11-27T12:00+01:00", false, "2025-11-25T00:00+01:00",
     "2024-11-27T12:00+01:00"},
    {kParis, "every_third_day", "2024-01-04T08:30+01:00", true, "2024-01-04T08:30+01:00",
     "2024-01-04T09:00+01:00"},
    {kParis, "every_third_day", "2024-01-05T08:30+01:00", false, "2024-01-07T08:00+01:00",
     "2024-01-05T08:30+01:00"},
    {kParis, "every_third_day", "2023-12-31T12:00+01:00", false, "2024-01-01T08:00+01:00",
     "2023-12-31T12:00+01:00"},
    // Daylight saving time in Paris: 2024-03-31 has 23 hours, 2024-10-27 has 25.
    {kParis, "early_hours", "2024-03-31T01:30+01:00", true, "2024-03-31T01:30+01:00",
     "2024-03-31T04:00+02:00"},
    {kParis, "early_hours", "2024-10-27T01:30+02:00", true, "2024-10-27T01:30+02:00",
     "2024-10-27T04:00+01:00"},
    {kParis, "early_hours", "2024-10-27T04:00+01:00", false, "2024-10-28T01:00+01:00",
     "2024-10-27T04:00+01:00"},
    {kParis, "early_hours", "2024-03-30T12:00+01:00", false, "2024-03-31T01:00+01:00",
     "2024-03-30T12:00+01:00"},
    {kParis, "gap", "2024-03-31T03:10+02:00", true, "2024-03-31T03:10+02:00",
     "2024-03-31T03:30+02:00"},
    {kParis, "gap", "2024-03-31T01:59:59+01:00", false, "2024-03-31T03:00+02:00",
     "2024-03-31T01:59:59+01:00"},
    {kParis, "sundays", "2024-03-31T12:00+02:00", true, "2024-03-31T12:00+02:00",
     "2024-04-01T00:00+02:00"},
    {kParis, "sundays", "2024-10-27T12:00+01:00", true, "2024-10-27T12:00+01:00",
     "2024-10-28T00:00+01:00"},
    // An exception replaces the weekday schedule of its day.
    {kParis, "mondays_but_xmas_week", "2024-12-23T10:00+01:00", false, "2024-12-30T09:00+01:00",
     "2024-12-23T10:00+01:00"},
    {kParis, "mondays_but_xmas_week", "2024-12-16T10:00+01:00", true, "2024-12-16T10:00+01:00",
     "2024-12-16T17:00+01:00"},
    // Exclusions, nested: not_office = 24x7 minus (workhours minus lunch).
    {kParis, "office", "2024-01-09T12:30+01:00", false, "2024-01-09T13:00+01:00",
     "2024-01-09T12:30+01:00"},
    {kParis, "office", "2024-01-09T11:00+01:00", true, "2024-01-09T11:00+01:00",
     "2024-01-09T12:00+01:00"},
    {kParis, "not_office", "2024-01-09T12:30+01:00", true, "2024-01-09T12:30+01:00",
     "2024-01-09T13:00+01:00"},
    {kParis, "not_office", "2024-01-09T10:00+01:00", false, "2024-01-09T12:00+01:00",
     "2024-01-09T10:00+01:00"},
    {kParis, "not_office", "2024-01-13T10:00+01:00", true, "2024-01-13T10:00+01:00",
     "2024-01-15T09:00+01:00"},
    // Ranges over new year and over the end of a month; skips in a month.
    {kParis, "winter_holidays", "2024-01-05T12:00+01:00", true, "2024-01-05T12:00+01:00",
     "2024-01-11T00:00+01:00"},
    {kParis, "winter_holidays", "2024-12-19T12:00+01:00", false, "2024-12-20T00:00+01:00",
     "2024-12-19T12:00+01:00"},
    {kParis, "month_turn", "2024-02-03T12:00+01:00", true, "2024-02-03T12:00+01:00",
     "2024-02-06T00:00+01:00"},
    {kParis, "month_turn", "2024-02-10T12:00+01:00", false, "2024-02-25T00:00+01:00",
     "2024-02-10T12:00+01:00"},
    {kParis, "skip_days", "2024-01-04T10:30+01:00", true, "2024-01-04T10:30+01:00",
     "2024-01-04T11:00+01:00"},
    {kParis, "skip_days", "2024-01-05T10:30+01:00", false, "2024-01-07T10:00+01:00",
     "2024-01-05T10:30+01:00"},
    {kParis, "skip_days", "2024-01-10T11:00+01:00", false, "2024-02-01T10:00+01:00",
     "2024-01-10T11:00+01:00"},
    // New York: clocks change on 2024-03-10 and 2024-11-03 at 02:00.
    {kNewYork, "workhours", "2024-03-08T17:30-05:00", false, "2024-03-11T09:00-04:00",
     "2024-03-08T17:30-05:00"},
    {kNewYork, "early_hours", "2024-03-10T01:30-05:00", true, "2024-03-10T01:30-05:00",
     "2024-03-10T04:00-04:00"},
    {kNewYork, "early_hours", "2024-11-03T01:30-04:00", true, "2024-11-03T01:30-04:00",
     "2024-11-03T04:00-05:00"},
    {kNewYork, "early_hours", "2024-11-03T01:30-05:00", true, "2024-11-03T01:30-05:00",
     "2024-11-03T04:00-05:00"},
    {kNewYork, "workhours_but_holidays", "2024-12-25T10:00-05:00", false, "2024-12-26T09:00-05:00",
     "2024-12-25T10:00-05:00"},
    {kNewYork, "last_day_of_month", "2024-11-30T23:59:59-05:00", true, "2024-11-30T23:59:59-05:00",
     "2024-12-01T00:00-05:00"},
    {kNewYork, "gap", "2024-03-10T03:10-04:00", true, "2024-03-10T03:10-04:00",
     "2024-03-10T03:30-04:00"},
};

TEST(Calendar, TableOfInstants) {
    static_assert(std::size(kCases) >= 40);
    for (const Case& c : kCases) {
        TimeZone zone(c.tz);
        Periods periods;  // caches are per time zone
        TimePeriodCalendar calendar(periods.config.timeperiods.items());
        Index p = periods.index(c.period);
        ASSERT_NE(p, kNoIndex) << c.period;
        const std::time_t t = *at(c.instant);
        SCOPED_TRACE(std::string(c.tz) + " " + c.period + " at " + c.instant);
        EXPECT_EQ(calendar.is_valid(p, t), c.valid);
        EXPECT_EQ(show(calendar.next_valid(p, t)), show(at(c.next_valid)));
        EXPECT_EQ(show(calendar.next_invalid(p, t)), show(at(c.next_invalid)));
    }
}

TEST(Calendar, RepeatedCallsGiveTheSameAnswers) {
    TimeZone zone(kParis);
    Periods periods;
    TimePeriodCalendar calendar(periods.config.timeperiods.items());
    Index p = periods.index("workhours_but_holidays");
    std::time_t t = *at("2024-12-20T18:00+01:00");
    auto first = calendar.next_valid(p, t);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(calendar.next_valid(p, t), first);
    }
    EXPECT_EQ(show(first), show(at("2024-12-23T09:00+01:00")));
    calendar.clear();
    EXPECT_EQ(calendar.next_valid(p, t), first);
}

TEST(Calendar, NoPeriodMeansAlways) {
    TimePeriodCalendar calendar({});
    EXPECT_TRUE(calendar.is_valid(kNoIndex, 1000));
    EXPECT_EQ(calendar.next_valid(kNoIndex, 1000), 1000);
    EXPECT_EQ(calendar.next_invalid(kNoIndex, 1000), std::nullopt);
}

TEST(Calendar, ExclusionErrorsNameThePeriods) {
    Config config;
    for (auto [name, exclude] : {std::pair{"a", "b"}, {"b", "c"}, {"c", "a"}, {"d", "nowhere"}}) {
        TimePeriod tp = config.make<TimePeriod>();
        ASSERT_TRUE(set_attribute(tp, "timeperiod_name", name, config.pool).ok());
        ASSERT_TRUE(set_attribute(tp, "monday", "00:00-24:00", config.pool).ok());
        ASSERT_TRUE(set_attribute(tp, "exclude", exclude, config.pool).ok());
        config.timeperiods.insert(std::move(tp));
    }
    auto errors = resolve_exclusions(config.timeperiods.items(), config.pool);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0], "timeperiod 'd': exclude names unknown timeperiod 'nowhere'");
    EXPECT_EQ(errors[1], "timeperiod 'a': exclude loop a -> b -> c -> a");
    // The loop is broken, so evaluation stays finite.
    TimePeriodCalendar calendar(config.timeperiods.items());
    EXPECT_TRUE(calendar.is_valid(0, *at("2024-01-08T10:00+00:00")));
}

}  // namespace
}  // namespace yagura::model
