#pragma once

// Keeps a TimePeriod's rule lines (`dateranges`, the text form) and its compiled rules in
// step. Private to the model library; set_attribute and inherit_from use it.

#include <string_view>

#include <yagura/model/schema.hpp>

namespace yagura::model::detail {

bool is_rule_key(std::string_view key);

// Parses `key value` as a rule line; on success appends it to dateranges and rules.
SetResult add_timeperiod_line(TimePeriod& period, std::string_view key, std::string_view value,
                              StringPool& pool);

// Rebuilds `rules` from `dateranges` (after a JSON load or a reset); returns the first error.
std::string compile_timeperiod(TimePeriod& period, const StringPool& pool);

// Nagios' timeperiod inheritance: the template's weekday lines for days the object does not
// define, and the template's exception lines the object does not have.
void inherit_timeperiod_lines(TimePeriod& period, const TimePeriod& tpl, StringPool& pool);

}  // namespace yagura::model::detail
