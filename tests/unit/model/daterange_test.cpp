#include <gtest/gtest.h>

#include <yagura/model/daterange.hpp>

namespace yagura::model {
namespace {

DateRange only_exception(std::string_view line) {
    TimePeriodRules rules;
    std::string error = parse_timeperiod_line(line, rules);
    EXPECT_EQ(error, "") << line;
    EXPECT_EQ(rules.exceptions.size(), 1u) << line;
    return rules.exceptions.empty() ? DateRange{} : rules.exceptions.front();
}

std::string error_of(std::string_view line) {
    TimePeriodRules rules;
    TimePeriodRules before = rules;
    std::string error = parse_timeperiod_line(line, rules);
    EXPECT_EQ(rules, before) << "a failed line must change nothing";
    return error;
}

TEST(DateRange, WeekdayLinesSetTheWeeklySchedule) {
    TimePeriodRules rules;
    ASSERT_EQ(parse_timeperiod_line("monday 00:00-09:00,17:00-24:00", rules), "");
    ASSERT_EQ(parse_timeperiod_line("Friday   09:00 - 17:30", rules), "");
    EXPECT_TRUE(rules.exceptions.empty());
    EXPECT_EQ(rules.weekdays[1], (std::vector<TimeRange>{{0, 540}, {1020, 1440}}));
    EXPECT_EQ(rules.weekdays[5], (std::vector<TimeRange>{{540, 1050}}));
    ASSERT_EQ(parse_timeperiod_line("monday 10:00-11:00", rules), "");
    EXPECT_EQ(rules.weekdays[1], (std::vector<TimeRange>{{600, 660}}));  // replaced
}

TEST(DateRange, EveryNagiosForm) {
    DateRange r = only_exception("2024-01-01 - 2024-02-01 / 3 00:00-24:00");
    EXPECT_EQ(r.type, DateRangeType::calendar_date);
    EXPECT_EQ(r.syear, 2024);
    EXPECT_EQ(r.emon, 1);
    EXPECT_EQ(r.emday, 1);
    EXPECT_EQ(r.skip_interval, 3);

    r = only_exception("2024-12-25 00:00-00:00");
    EXPECT_EQ(r.type, DateRangeType::calendar_date);
    EXPECT_EQ(r.times, (std::vector<TimeRange>{{0, 0}}));

    r = only_exception("2024-01-01 / 7 08:00-09:00");
    EXPECT_EQ(r.skip_interval, 7);
    EXPECT_EQ(r.eyear, 2024);

    r = only_exception("day 1 - 15 00:00-24:00");
    EXPECT_EQ(r.type, DateRangeType::month_day);
    EXPECT_EQ(r.smday, 1);
    EXPECT_EQ(r.emday, 15);

    r = only_exception("day -1 00:00-24:00");
    EXPECT_EQ(r.smday, -1);
    EXPECT_EQ(r.emday, -1);

    r = only_exception("day 1-15 00:00-24:00");
    EXPECT_EQ(r.emday, 15);

    r = only_exception("day 5 - day 10 / 2 00:00-24:00");
    EXPECT_EQ(r.smday, 5);
    EXPECT_EQ(r.emday, 10);
    EXPECT_EQ(r.skip_interval, 2);

    r = only_exception("monday 3 00:00-24:00");
    EXPECT_EQ(r.type, DateRangeType::week_day);
    EXPECT_EQ(r.swday, 1);
    EXPECT_EQ(r.swday_offset, 3);
    EXPECT_EQ(r.ewday_offset, 3);

    r = only_exception("monday 1 - thursday 3 / 2 00:00-24:00");
    EXPECT_EQ(r.swday, 1);
    EXPECT_EQ(r.ewday, 4);
    EXPECT_EQ(r.ewday_offset, 3);

    r = only_exception("thursday 2 - 4 00:00-24:00");
    EXPECT_EQ(r.ewday, 4);
    EXPECT_EQ(r.ewday_offset, 4);

    r = only_exception("tuesday -1 november 00:00-24:00");
    EXPECT_EQ(r.type, DateRangeType::month_week_day);
    EXPECT_EQ(r.swday, 2);
    EXPECT_EQ(r.swday_offset, -1);
    EXPECT_EQ(r.smon, 10);

    r = only_exception("wednesday 1 january - thursday 2 july 00:00-24:00");
    EXPECT_EQ(r.smon, 0);
    EXPECT_EQ(r.emon, 6);
    EXPECT_EQ(r.ewday, 4);

    r = only_exception("february 10 00:00-24:00");
    EXPECT_EQ(r.type, DateRangeType::month_date);
    EXPECT_EQ(r.smon, 1);
    EXPECT_EQ(r.smday, 10);

    r = only_exception("april 10 - may 15 / 2 00:00-24:00");
    EXPECT_EQ(r.smon, 3);
    EXPECT_EQ(r.emon, 4);
    EXPECT_EQ(r.skip_interval, 2);

    r = only_exception("february 1 - 15 00:00-24:00");
    EXPECT_EQ(r.emon, 1);
    EXPECT_EQ(r.emday, 15);

    r = only_exception("february -1 00:00-24:00");
    EXPECT_EQ(r.smday, -1);
}

TEST(DateRange, ExceptionsAreOrderedByKindThenAsWritten) {
    TimePeriodRules rules;
    for (const char* line : {"monday 3 00:00-01:00", "day 2 00:00-01:00", "2024-05-01 00:00-01:00",
                             "day 1 00:00-01:00", "may 3 00:00-01:00"}) {
        ASSERT_EQ(parse_timeperiod_line(line, rules), "") << line;
    }
    ASSERT_EQ(rules.exceptions.size(), 5u);
    EXPECT_EQ(rules.exceptions[0].type, DateRangeType::calendar_date);
    EXPECT_EQ(rules.exceptions[1].type, DateRangeType::month_date);
    EXPECT_EQ(rules.exceptions[2].type, DateRangeType::month_day);
    EXPECT_EQ(rules.exceptions[2].smday, 2);  // as written within a kind
    EXPECT_EQ(rules.exceptions[3].smday, 1);
    EXPECT_EQ(rules.exceptions[4].type, DateRangeType::week_day);
}

TEST(DateRange, ARangeOverMidnightGoesOnTheNextDayWithAWarning) {
    TimePeriodRules rules;
    std::string warning;
    ASSERT_EQ(parse_timeperiod_line("monday 08:00-09:00,22:00-02:00", rules, &warning), "");
    EXPECT_EQ(warning,
              "timeperiod line 'monday 08:00-09:00,22:00-02:00': time range 22:00-02:00 ends "
              "before it starts: read as 22:00-24:00 and 00:00-02:00 the next day");
    ASSERT_EQ(rules.weekdays[1].size(), 2u);
    EXPECT_EQ(rules.weekdays[1][1], (TimeRange{22 * 60, 26 * 60}));
    warning.clear();
    ASSERT_EQ(parse_timeperiod_line("tuesday 09:00-17:00", rules, &warning), "");
    EXPECT_EQ(warning, "");
}

TEST(DateRange, ErrorsQuoteTheLineAndSayWhatIsWrong) {
    EXPECT_EQ(error_of("monday"), "bad timeperiod line 'monday': no time ranges (HH:MM-HH:MM)");
    EXPECT_EQ(error_of("monday 9-17"),
              "bad timeperiod line 'monday 9-17': no time ranges (HH:MM-HH:MM)");
    EXPECT_EQ(error_of("monday 24:30-24:40"),
              "bad timeperiod line 'monday 24:30-24:40': time '24:30' is out of range (00:00 to "
              "24:00)");
    EXPECT_EQ(error_of("monday 09:00"),
              "bad timeperiod line 'monday 09:00': '09:00' is not a time range (HH:MM-HH:MM)");
    EXPECT_EQ(error_of("funday 09:00-10:00"),
              "bad timeperiod line 'funday 09:00-10:00': 'funday' is not a date, weekday, month "
              "day or `day N`");
    EXPECT_EQ(error_of("day 0 09:00-10:00"),
              "bad timeperiod line 'day 0 09:00-10:00': day 0 does not exist (1 to 31, or -1 for "
              "the last day)");
    EXPECT_EQ(error_of("monday 6 09:00-10:00"),
              "bad timeperiod line 'monday 6 09:00-10:00': week offset 6 out of range (1 to 5, or "
              "-1 for the last)");
    EXPECT_EQ(error_of("2024-02-30 09:00-10:00"),
              "bad timeperiod line '2024-02-30 09:00-10:00': date 2024-02-30 does not exist");
    EXPECT_EQ(error_of("2024-03-01 - 2024-02-01 09:00-10:00"),
              "bad timeperiod line '2024-03-01 - 2024-02-01 09:00-10:00': date range ends before "
              "it starts");
    EXPECT_EQ(error_of("day 1 - monday 2 09:00-10:00"),
              "bad timeperiod line 'day 1 - monday 2 09:00-10:00': both ends of a date range must "
              "be the same kind of date");
    EXPECT_EQ(error_of("monday / 2 09:00-10:00"),
              "bad timeperiod line 'monday / 2 09:00-10:00': a weekday line takes no `/ N`; write "
              "`monday 1 - 5 / 2` for a range");
    EXPECT_EQ(error_of("day 1 - 5 / 0 09:00-10:00"),
              "bad timeperiod line 'day 1 - 5 / 0 09:00-10:00': `/ N` needs a positive number of "
              "days");
    EXPECT_EQ(error_of("tuesday -1 novembre 00:00-24:00"),
              "bad timeperiod line 'tuesday -1 novembre 00:00-24:00': 'novembre' is not a month");
    EXPECT_EQ(error_of("day 1 # 5 00:00-24:00"),
              "bad timeperiod line 'day 1 # 5 00:00-24:00': unexpected character '#'");
}

TEST(DateRange, RuleKeys) {
    EXPECT_TRUE(is_timeperiod_rule_key("monday"));
    EXPECT_TRUE(is_timeperiod_rule_key("December"));
    EXPECT_TRUE(is_timeperiod_rule_key("day"));
    EXPECT_TRUE(is_timeperiod_rule_key("2024-01-01"));
    EXPECT_FALSE(is_timeperiod_rule_key("alias"));
    EXPECT_FALSE(is_timeperiod_rule_key("mondays"));
}

}  // namespace
}  // namespace yagura::model
