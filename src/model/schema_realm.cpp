#include <yagura/model/schema.hpp>

#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;

constexpr auto realm_fields() {
    using R = Realm;
    return std::array{
        field<R, &R::realm_name>(
            {.name = "realm_name", .flags = kConfig | kRequired | kKey, .doc = "Unique name."}),
        field<R, &R::realm_members>({.name = "realm_members",
                                     .flags = kConfig | kReference,
                                     .doc = "Sub-realms.",
                                     .aliases = "members"}),
        field<R, &R::higher_realms>({.name = "higher_realms",
                                     .flags = kConfig | kReference,
                                     .doc = "Realms this one is a member of."}),
        field<R, &R::default_realm>({.name = "default",
                                     .flags = kConfig,
                                     .default_text = "0",
                                     .doc = "The realm of hosts and daemons that name none."}),
        field<R, &R::broker_complete_links>(
            {.name = "broker_complete_links",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Every broker of the realm gets the broks of every scheduler."}),
    };
}

constexpr auto module_fields() {
    using M = Module;
    return std::array{
        field<M, &M::module_name>(
            {.name = "module_name", .flags = kConfig | kRequired | kKey, .doc = "Unique name."}),
        field<M, &M::module_type>({.name = "module_type",
                                   .flags = kConfig | kRequired,
                                   .doc = "Which implementation (livestatus, graphite, ...)."}),
        field<M, &M::modules>(
            {.name = "modules", .flags = kConfig | kReference, .doc = "Sub-modules."}),
        field<M, &M::parameters>(
            {.name = "parameters",
             .flags = kConfig,
             .doc = "Every other attribute of the block, as the module reads them."}),
    };
}

constexpr auto kRealmFields = detail::concat(detail::header_fields<Realm>(), realm_fields());
constexpr auto kModuleFields = detail::concat(detail::header_fields<Module>(), module_fields());

}  // namespace

template <>
const TypeInfo<Realm>& type_info<Realm>() {
    static const TypeInfo<Realm> info{
        .name = "realm",
        .plural = "realms",
        .doc = "A part of the site with its own schedulers and satellites; realms form a tree.",
        .fields = kRealmFields,
    };
    return info;
}

template <>
const TypeInfo<Module>& type_info<Module>() {
    static const TypeInfo<Module> info{
        .name = "module",
        .plural = "modules",
        .doc = "A daemon module and its parameters.",
        .fields = kModuleFields,
    };
    return info;
}

}  // namespace yagura::model
