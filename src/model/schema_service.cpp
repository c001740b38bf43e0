#include <yagura/model/schema.hpp>

#include "schema_checkable.hpp"

namespace yagura::model {

namespace {

using detail::field;

constexpr auto service_identity_fields() {
    return std::array{
        field<Service, &Service::host_name>(
            {.name = "host_name",
             .flags = kConfig | kRequired | kKey | kReference,
             .doc = "Host(s) the service runs on: a name, a list, `*`, `!name` to exclude.",
             .aliases = "host,hosts"}),
        field<Service, &Service::hostgroup_name>(
            {.name = "hostgroup_name",
             .doc = "Host groups whose hosts get the service; an expression with & | ! ( ).",
             .aliases = "hostgroup,hostgroups"}),
        field<Service, &Service::service_description>(
            {.name = "service_description",
             .flags = kConfig | kRequired | kKey,
             .doc = "Name of the service, unique on its host.",
             .aliases = "description"}),
        field<Service, &Service::servicegroups>({.name = "servicegroups",
                                                 .flags = kConfig | kReference,
                                                 .doc = "Service groups it belongs to.",
                                                 .aliases = "service_groups"}),
        field<Service, &Service::is_volatile>(
            {.name = "is_volatile",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Every problem result is a new event: notified and handled each time."}),
        field<Service, &Service::initial_state>(
            {.name = "initial_state",
             .flags = kConfig,
             .doc = "State before the first check: o, w, c or u; unset: PENDING.",
             .choices = &detail::kServiceInitialStateTable.choices}),
        field<Service, &Service::obsess_over_service>(
            {.name = "obsess_over_service",
             .flags = kConfig | kState,
             .default_text = "0",
             .doc = "Run the global ocsp_command after each check.",
             .aliases = "obsess",
             .modattr = kModObsessiveHandlerEnabled}),
    };
}

constexpr auto service_specific_fields() {
    return std::array{
        field<Service, &Service::merge_host_contacts>(
            {.name = "merge_host_contacts",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Notify the host's contacts as well as the service's."}),
        field<Service, &Service::host_dependency_enabled>(
            {.name = "host_dependency_enabled",
             .flags = kConfig,
             .default_text = "1",
             .doc = "The service depends on its host (not checked, not notified while the "
                    "host is down)."}),
        field<Service, &Service::service_dependencies>(
            {.name = "service_dependencies",
             .doc = "`host,service` pairs this service depends on (short for "
                    "servicedependency objects); empty host: the same host."}),
        field<Service, &Service::duplicate_foreach>(
            {.name = "duplicate_foreach",
             .doc = "Host custom variable (_DISKS) to create one service per key of."}),
        field<Service, &Service::default_value>(
            {.name = "default_value",
             .doc = "Value used by duplicate_foreach for keys without one."}),
        field<Service, &Service::aggregation>(
            {.name = "aggregation", .flags = kConfig, .doc = "Grouping path in user interfaces."}),
    };
}

constexpr auto service_state_fields() {
    const Choices* states = &detail::kServiceStateTable.choices;
    return std::array{
        field<Service, &Service::state>(
            {.name = "state",
             .flags = kState,
             .default_text = "PENDING",
             .doc = "Current state: OK, WARNING, CRITICAL, UNKNOWN or PENDING.",
             .choices = states}),
        field<Service, &Service::last_state>({.name = "last_state",
                                              .flags = kState,
                                              .default_text = "PENDING",
                                              .doc = "State before the last state change.",
                                              .choices = states}),
        field<Service, &Service::last_hard_state>({.name = "last_hard_state",
                                                   .flags = kState,
                                                   .default_text = "PENDING",
                                                   .doc = "Last hard state.",
                                                   .choices = states}),
        field<Service, &Service::last_time_ok>({.name = "last_time_ok",
                                                .flags = kState,
                                                .default_text = "0",
                                                .doc = "Last time the service was OK."}),
        field<Service, &Service::last_time_warning>({.name = "last_time_warning",
                                                     .flags = kState,
                                                     .default_text = "0",
                                                     .doc = "Last time it was WARNING."}),
        field<Service, &Service::last_time_critical>({.name = "last_time_critical",
                                                      .flags = kState,
                                                      .default_text = "0",
                                                      .doc = "Last time it was CRITICAL."}),
        field<Service, &Service::last_time_unknown>({.name = "last_time_unknown",
                                                     .flags = kState,
                                                     .default_text = "0",
                                                     .doc = "Last time it was UNKNOWN."}),
    };
}

constexpr auto kServiceFields = detail::concat(
    detail::header_fields<Service>(), service_identity_fields(),
    detail::checkable_check_fields<Service>(), detail::checkable_notification_fields<Service>(),
    detail::checkable_extra_fields<Service>(), service_specific_fields(),
    detail::checkable_state_fields<Service>(), service_state_fields());

static_assert(kServiceFields.size() <= kMaxFields);

}  // namespace

template <>
const TypeInfo<Service>& type_info<Service>() {
    static const TypeInfo<Service> info{
        .name = "service",
        .plural = "services",
        .doc = "One check on one host, identified by (host_name, service_description).",
        .fields = kServiceFields,
        .ignored = detail::kCheckableIgnored,
    };
    return info;
}

}  // namespace yagura::model
