#include <yagura/model/schema.hpp>

#include "choices.hpp"
#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;

template <class T>
constexpr auto criteria_fields(const Choices* letters) {
    return std::array{
        field<T, &T::inherits_parent>(
            {.name = "inherits_parent",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Also fail when the master's own dependencies fail."}),
        field<T, &T::execution_failure_criteria>(
            {.name = "execution_failure_criteria",
             .flags = kConfig,
             .default_text = "n",
             .doc = "Master states in which the dependent is not checked; n: always checked.",
             .choices = letters,
             .aliases = "execution_failure_options"}),
        field<T, &T::notification_failure_criteria>(
            {.name = "notification_failure_criteria",
             .flags = kConfig,
             .default_text = "n",
             .doc = "Master states in which the dependent is not notified; n: always notified.",
             .choices = letters,
             .aliases = "notification_failure_options"}),
        field<T, &T::dependency_period>({.name = "dependency_period",
                                         .flags = kConfig | kReference,
                                         .doc = "When the dependency applies; none: always."}),
    };
}

constexpr auto hostdependency_fields() {
    using D = HostDependency;
    return std::array{
        field<D, &D::dependent_host_name>({.name = "dependent_host_name",
                                           .flags = kConfig | kReference,
                                           .doc = "Hosts that depend on the master hosts.",
                                           .aliases = "dependent_host"}),
        field<D, &D::dependent_hostgroup_name>(
            {.name = "dependent_hostgroup_name",
             .flags = kConfig | kReference,
             .doc = "Host groups whose hosts depend on the master hosts.",
             .aliases = "dependent_hostgroup,dependent_hostgroups"}),
        field<D, &D::host_name>({.name = "host_name",
                                 .flags = kConfig | kReference,
                                 .doc = "Master hosts.",
                                 .aliases = "host,master_host,master_host_name"}),
        field<D, &D::hostgroup_name>({.name = "hostgroup_name",
                                      .flags = kConfig | kReference,
                                      .doc = "Host groups of master hosts.",
                                      .aliases = "hostgroup,hostgroups"}),
    };
}

constexpr auto servicedependency_fields() {
    using D = ServiceDependency;
    return std::array{
        field<D, &D::dependent_host_name>(
            {.name = "dependent_host_name",
             .flags = kConfig | kReference,
             .doc = "Hosts of the dependent services; empty: the master's host.",
             .aliases = "dependent_host"}),
        field<D, &D::dependent_hostgroup_name>(
            {.name = "dependent_hostgroup_name",
             .flags = kConfig | kReference,
             .doc = "Host groups of the dependent services.",
             .aliases = "dependent_hostgroup,dependent_hostgroups"}),
        field<D, &D::dependent_servicegroup_name>(
            {.name = "dependent_servicegroup_name",
             .flags = kConfig | kReference,
             .doc = "Service groups of dependent services (Nagios 4).",
             .aliases = "dependent_servicegroup,dependent_servicegroups"}),
        field<D, &D::dependent_service_description>(
            {.name = "dependent_service_description",
             .flags = kConfig,
             .doc = "Descriptions of the dependent services.",
             .aliases = "dependent_description"}),
        field<D, &D::host_name>({.name = "host_name",
                                 .flags = kConfig | kReference,
                                 .doc = "Hosts of the master services.",
                                 .aliases = "host,master_host,master_host_name"}),
        field<D, &D::hostgroup_name>({.name = "hostgroup_name",
                                      .flags = kConfig | kReference,
                                      .doc = "Host groups of the master services.",
                                      .aliases = "hostgroup,hostgroups"}),
        field<D, &D::servicegroup_name>({.name = "servicegroup_name",
                                         .flags = kConfig | kReference,
                                         .doc = "Service groups of master services (Nagios 4).",
                                         .aliases = "servicegroup,servicegroups"}),
        field<D, &D::service_description>(
            {.name = "service_description",
             .flags = kConfig,
             .doc = "Descriptions of the master services.",
             .aliases = "description,master_description,master_service_description"}),
        field<D, &D::explode_hostgroup>(
            {.name = "explode_hostgroup",
             .flags = kConfig,
             .default_text = "0",
             .doc = "With hostgroup_name: each host's service depends on the same host's "
                    "master service."}),
    };
}

constexpr auto kHostDependencyFields =
    detail::concat(detail::header_fields<HostDependency>(), hostdependency_fields(),
                   criteria_fields<HostDependency>(&detail::kHostDependencyLetters.choices));
constexpr auto kServiceDependencyFields =
    detail::concat(detail::header_fields<ServiceDependency>(), servicedependency_fields(),
                   criteria_fields<ServiceDependency>(&detail::kServiceDependencyLetters.choices));

}  // namespace

template <>
const TypeInfo<HostDependency>& type_info<HostDependency>() {
    static const TypeInfo<HostDependency> info{
        .name = "hostdependency",
        .plural = "hostdependencies",
        .doc =
            "Dependent hosts are not checked or notified while a master host is in the "
            "given states (o up, d down, u unreachable, p pending, n none).",
        .fields = kHostDependencyFields,
    };
    return info;
}

template <>
const TypeInfo<ServiceDependency>& type_info<ServiceDependency>() {
    static const TypeInfo<ServiceDependency> info{
        .name = "servicedependency",
        .plural = "servicedependencies",
        .doc =
            "Dependent services are not checked or notified while a master service is in "
            "the given states (o ok, w warning, u unknown, c critical, p pending, n none).",
        .fields = kServiceDependencyFields,
    };
    return info;
}

}  // namespace yagura::model
