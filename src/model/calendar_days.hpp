#pragma once

// Calendar arithmetic for timeperiod evaluation (calendar_days.cpp). Private to the model.

#include <cstdint>
#include <ctime>

#include <yagura/model/daterange.hpp>

namespace yagura::model::detail {

// Days since 1970-01-01 of a civil date (month 1-12), and back; independent of time zones.
std::int64_t days_from_civil(std::int64_t y, int m1, int d);
void civil_from_days(std::int64_t z, int& y, int& m1, int& d);
int weekday_of(std::int64_t day_number);  // 0 = sunday

// Whether the exception covers day `n` (in `year`, `month0` of the local calendar).
bool matches(const DateRange& r, std::int64_t n, int year, int month0);

// The first instant the local wall clock shows `minutes` (0 to 1440) on that day.
std::time_t local_time(int year, int month0, int mday, int minutes);

}  // namespace yagura::model::detail
