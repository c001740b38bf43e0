#include <yagura/model/schema.hpp>

#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;

constexpr auto hostgroup_fields() {
    using G = HostGroup;
    return std::array{
        field<G, &G::hostgroup_name>(
            {.name = "hostgroup_name", .flags = kConfig | kRequired | kKey, .doc = "Unique name."}),
        field<G, &G::alias>({.name = "alias", .flags = kConfig, .doc = "Longer name."}),
        field<G, &G::members>({.name = "members",
                               .flags = kConfig | kReference,
                               .doc = "Hosts of the group (hosts may also name the group)."}),
        field<G, &G::hostgroup_members>({.name = "hostgroup_members",
                                         .flags = kConfig | kReference,
                                         .doc = "Groups whose hosts are members too."}),
        field<G, &G::notes>({.name = "notes", .flags = kConfig, .doc = "Free text."}),
        field<G, &G::notes_url>({.name = "notes_url", .flags = kConfig, .doc = "URL of notes."}),
        field<G, &G::action_url>(
            {.name = "action_url", .flags = kConfig, .doc = "URL of an action."}),
        field<G, &G::realm>({.name = "realm",
                             .flags = kConfig | kReference,
                             .doc = "Realm of the group's hosts that set none."}),
    };
}

constexpr auto servicegroup_fields() {
    using G = ServiceGroup;
    return std::array{
        field<G, &G::servicegroup_name>({.name = "servicegroup_name",
                                         .flags = kConfig | kRequired | kKey,
                                         .doc = "Unique name."}),
        field<G, &G::alias>({.name = "alias", .flags = kConfig, .doc = "Longer name."}),
        field<G, &G::members>(
            {.name = "members",
             .flags = kConfig | kReference,
             .doc = "Services as host,description pairs: `web1,HTTP,web2,HTTP`."}),
        field<G, &G::servicegroup_members>({.name = "servicegroup_members",
                                            .flags = kConfig | kReference,
                                            .doc = "Groups whose services are members too."}),
        field<G, &G::notes>({.name = "notes", .flags = kConfig, .doc = "Free text."}),
        field<G, &G::notes_url>({.name = "notes_url", .flags = kConfig, .doc = "URL of notes."}),
        field<G, &G::action_url>(
            {.name = "action_url", .flags = kConfig, .doc = "URL of an action."}),
    };
}

constexpr auto contactgroup_fields() {
    using G = ContactGroup;
    return std::array{
        field<G, &G::contactgroup_name>({.name = "contactgroup_name",
                                         .flags = kConfig | kRequired | kKey,
                                         .doc = "Unique name."}),
        field<G, &G::alias>({.name = "alias", .flags = kConfig, .doc = "Longer name."}),
        field<G, &G::members>(
            {.name = "members", .flags = kConfig | kReference, .doc = "Contacts of the group."}),
        field<G, &G::contactgroup_members>({.name = "contactgroup_members",
                                            .flags = kConfig | kReference,
                                            .doc = "Groups whose contacts are members too."}),
    };
}

constexpr auto kHostGroupFields =
    detail::concat(detail::header_fields<HostGroup>(), hostgroup_fields());
constexpr auto kServiceGroupFields =
    detail::concat(detail::header_fields<ServiceGroup>(), servicegroup_fields());
constexpr auto kContactGroupFields =
    detail::concat(detail::header_fields<ContactGroup>(), contactgroup_fields());

}  // namespace

template <>
const TypeInfo<HostGroup>& type_info<HostGroup>() {
    static const TypeInfo<HostGroup> info{
        .name = "hostgroup",
        .plural = "hostgroups",
        .doc = "A named set of hosts.",
        .fields = kHostGroupFields,
    };
    return info;
}

template <>
const TypeInfo<ServiceGroup>& type_info<ServiceGroup>() {
    static const TypeInfo<ServiceGroup> info{
        .name = "servicegroup",
        .plural = "servicegroups",
        .doc = "A named set of services.",
        .fields = kServiceGroupFields,
    };
    return info;
}

template <>
const TypeInfo<ContactGroup>& type_info<ContactGroup>() {
    static const TypeInfo<ContactGroup> info{
        .name = "contactgroup",
        .plural = "contactgroups",
        .doc = "A named set of contacts.",
        .fields = kContactGroupFields,
    };
    return info;
}

}  // namespace yagura::model
