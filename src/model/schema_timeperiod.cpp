#include <yagura/model/schema.hpp>

#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;
using P = TimePeriod;

constexpr auto timeperiod_fields() {
    return std::array{
        field<P, &P::timeperiod_name>({.name = "timeperiod_name",
                                       .flags = kConfig | kRequired | kKey,
                                       .doc = "Unique name."}),
        field<P, &P::alias>({.name = "alias", .flags = kConfig, .doc = "Longer name."}),
        field<P, &P::exclude>({.name = "exclude",
                               .flags = kConfig | kReference,
                               .doc = "Timeperiods whose times are removed from this one."}),
        field<P, &P::dateranges>(
            {.name = "dateranges",
             .flags = kConfig | kNoInherit,
             .doc = "The rule lines as written (`monday 09:00-17:00`, `day -1 00:00-24:00`, "
                    "`2024-01-01 - 2024-02-01 / 3 00:00-24:00`); in a define block each is its "
                    "own line. Templates add the weekdays the object lacks and their "
                    "exceptions."}),
    };
}

constexpr auto kTimePeriodFields = detail::concat(detail::header_fields<P>(), timeperiod_fields());

}  // namespace

template <>
const TypeInfo<TimePeriod>& type_info<TimePeriod>() {
    static const TypeInfo<TimePeriod> info{
        .name = "timeperiod",
        .plural = "timeperiods",
        .doc = "When checks run and notifications go out (see the timeperiod rules above).",
        .fields = kTimePeriodFields,
    };
    return info;
}

}  // namespace yagura::model
