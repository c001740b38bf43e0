#pragma once

#include <vector>

#include <yagura/model/daterange.hpp>
#include <yagura/model/object.hpp>

namespace yagura::model {

// `define timeperiod`: when checks run and notifications go out. Its rule lines
// ("monday 09:00-17:00", see daterange.hpp) are kept as written in `dateranges` (the JSON and
// configuration form) and compiled into `rules`; set_attribute() (schema.hpp) does both for
// every line that is not a declared attribute. `exclude` names periods whose times are
// removed. Evaluate with TimePeriodCalendar (calendar.hpp).
struct TimePeriod : ObjectHeader {
    Symbol timeperiod_name;
    Symbol alias;
    SymbolList exclude;
    SymbolList dateranges;

    TimePeriodRules rules;
    std::vector<Index> exclude_links;  // resolved `exclude` (resolve_exclusions, calendar.hpp)
};

}  // namespace yagura::model
