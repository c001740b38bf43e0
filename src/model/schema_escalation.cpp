#include <yagura/model/schema.hpp>

#include "choices.hpp"
#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;

// What Escalation, HostEscalation and ServiceEscalation share; `interval` is the default
// notification_interval (Shinken's escalation keeps the object's own: -1).
template <class T>
constexpr auto escalation_fields(std::string_view interval) {
    return std::array{
        field<T, &T::first_notification>(
            {.name = "first_notification",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Number of the first notification the escalation applies to."}),
        field<T, &T::last_notification>({.name = "last_notification",
                                         .flags = kConfig,
                                         .default_text = "0",
                                         .doc = "Number of the last one; 0: no end."}),
        field<T, &T::first_notification_time>(
            {.name = "first_notification_time",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Or: interval units after the problem began when it starts to apply."}),
        field<T, &T::last_notification_time>(
            {.name = "last_notification_time",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Interval units after which it stops; 0: no end."}),
        field<T, &T::notification_interval>(
            {.name = "notification_interval",
             .flags = kConfig,
             .default_text = interval,
             .doc = "Interval units between escalated notifications; -1: the object's."}),
        field<T, &T::escalation_period>({.name = "escalation_period",
                                         .flags = kConfig | kReference,
                                         .doc = "When the escalation applies; none: always."}),
        field<T, &T::escalation_options>(
            {.name = "escalation_options",
             .flags = kConfig,
             .default_text = "c,d,r,u,w",
             .doc = "States escalated: d down, u unreachable/unknown, r recovery, w warning, c "
                    "critical.",
             .choices = &detail::kEscalationLetters.choices}),
        field<T, &T::contacts>({.name = "contacts",
                                .flags = kConfig | kReference,
                                .doc = "Contacts notified while escalated."}),
        field<T, &T::contact_groups>({.name = "contact_groups",
                                      .flags = kConfig | kReference,
                                      .doc = "Contact groups notified while escalated."}),
    };
}

template <class T>
constexpr auto host_target_fields() {
    return std::array{
        field<T, &T::host_name>({.name = "host_name",
                                 .flags = kConfig | kReference,
                                 .doc = "Hosts the escalation applies to.",
                                 .aliases = "host"}),
        field<T, &T::hostgroup_name>({.name = "hostgroup_name",
                                      .flags = kConfig | kReference,
                                      .doc = "Host groups it applies to.",
                                      .aliases = "hostgroup,hostgroups"}),
    };
}

constexpr auto escalation_name_field() {
    return std::array{field<Escalation, &Escalation::escalation_name>(
        {.name = "escalation_name",
         .flags = kConfig | kRequired | kKey,
         .doc = "Name hosts and services list in `escalations`."})};
}

constexpr auto service_target_fields() {
    using E = ServiceEscalation;
    return std::array{
        field<E, &E::servicegroup_name>({.name = "servicegroup_name",
                                         .flags = kConfig | kReference,
                                         .doc = "Service groups it applies to (Nagios 4).",
                                         .aliases = "servicegroup,servicegroups"}),
        field<E, &E::service_description>({.name = "service_description",
                                           .flags = kConfig,
                                           .doc = "Descriptions of the services; `*`: all.",
                                           .aliases = "description"}),
    };
}

constexpr auto kEscalationFields =
    detail::concat(detail::header_fields<Escalation>(), escalation_name_field(),
                   escalation_fields<Escalation>("-1"));
constexpr auto kHostEscalationFields =
    detail::concat(detail::header_fields<HostEscalation>(), host_target_fields<HostEscalation>(),
                   escalation_fields<HostEscalation>("30"));
constexpr auto kServiceEscalationFields = detail::concat(
    detail::header_fields<ServiceEscalation>(), host_target_fields<ServiceEscalation>(),
    service_target_fields(), escalation_fields<ServiceEscalation>("30"));

}  // namespace

template <>
const TypeInfo<Escalation>& type_info<Escalation>() {
    static const TypeInfo<Escalation> info{
        .name = "escalation",
        .plural = "escalations",
        .doc =
            "A named escalation (Shinken) that hosts and services list in `escalations`: "
            "from a notification number or a delay on, other contacts are notified.",
        .fields = kEscalationFields,
    };
    return info;
}

template <>
const TypeInfo<HostEscalation>& type_info<HostEscalation>() {
    static const TypeInfo<HostEscalation> info{
        .name = "hostescalation",
        .plural = "hostescalations",
        .doc = "A Nagios host escalation; the config stage turns it into an escalation.",
        .fields = kHostEscalationFields,
    };
    return info;
}

template <>
const TypeInfo<ServiceEscalation>& type_info<ServiceEscalation>() {
    static const TypeInfo<ServiceEscalation> info{
        .name = "serviceescalation",
        .plural = "serviceescalations",
        .doc = "A Nagios service escalation; the config stage turns it into an escalation.",
        .fields = kServiceEscalationFields,
    };
    return info;
}

}  // namespace yagura::model
