#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <yagura/model/command.hpp>
#include <yagura/model/contact.hpp>
#include <yagura/model/daemon_link.hpp>
#include <yagura/model/dependency.hpp>
#include <yagura/model/escalation.hpp>
#include <yagura/model/field.hpp>
#include <yagura/model/globals.hpp>
#include <yagura/model/groups.hpp>
#include <yagura/model/host.hpp>
#include <yagura/model/realm.hpp>
#include <yagura/model/service.hpp>
#include <yagura/model/string_pool.hpp>
#include <yagura/model/timeperiod.hpp>

// The schema of every object type and the operations driven by it. This is what the config
// stage calls for each `key value` line of a define block:
//
//   StringPool pool;
//   Host h = make<Host>(pool);                       // every default
//   auto r = set_attribute(h, "check_interval", "5", pool);
//   if (r.status == SetResult::Status::invalid) report(file, line, r.message);
//
// and what JSON (json.hpp), retention (state fields) and docs (docs.hpp) walk.
namespace yagura::model {

template <class... Ts>
struct TypeList {};

// Every object type, in the order the JSON form and docs/objects.md list them (objects that
// others refer to first).
using ObjectTypes =
    TypeList<Realm, Module, ArbiterLink, SchedulerLink, PollerLink, ReactionnerLink, BrokerLink,
             ReceiverLink, TimePeriod, Command, NotificationWay, Contact, ContactGroup, Host,
             HostGroup, Service, ServiceGroup, HostDependency, ServiceDependency, Escalation,
             HostEscalation, ServiceEscalation>;

// Calls f(std::type_identity<T>{}) for each object type.
template <class F, class... Ts>
void for_each_type(TypeList<Ts...>, F&& f) {
    (f(std::type_identity<Ts>{}), ...);
}
template <class F>
void for_each_object_type(F&& f) {
    for_each_type(ObjectTypes{}, f);
}

template <class T>
const TypeInfo<T>& type_info();
template <>
const TypeInfo<Realm>& type_info<Realm>();
template <>
const TypeInfo<Module>& type_info<Module>();
template <>
const TypeInfo<ArbiterLink>& type_info<ArbiterLink>();
template <>
const TypeInfo<SchedulerLink>& type_info<SchedulerLink>();
template <>
const TypeInfo<PollerLink>& type_info<PollerLink>();
template <>
const TypeInfo<ReactionnerLink>& type_info<ReactionnerLink>();
template <>
const TypeInfo<BrokerLink>& type_info<BrokerLink>();
template <>
const TypeInfo<ReceiverLink>& type_info<ReceiverLink>();
template <>
const TypeInfo<TimePeriod>& type_info<TimePeriod>();
template <>
const TypeInfo<Command>& type_info<Command>();
template <>
const TypeInfo<NotificationWay>& type_info<NotificationWay>();
template <>
const TypeInfo<Contact>& type_info<Contact>();
template <>
const TypeInfo<ContactGroup>& type_info<ContactGroup>();
template <>
const TypeInfo<Host>& type_info<Host>();
template <>
const TypeInfo<HostGroup>& type_info<HostGroup>();
template <>
const TypeInfo<Service>& type_info<Service>();
template <>
const TypeInfo<ServiceGroup>& type_info<ServiceGroup>();
template <>
const TypeInfo<HostDependency>& type_info<HostDependency>();
template <>
const TypeInfo<ServiceDependency>& type_info<ServiceDependency>();
template <>
const TypeInfo<Escalation>& type_info<Escalation>();
template <>
const TypeInfo<HostEscalation>& type_info<HostEscalation>();
template <>
const TypeInfo<ServiceEscalation>& type_info<ServiceEscalation>();
template <>
const TypeInfo<Globals>& type_info<Globals>();

struct SetResult {
    enum class Status {
        ok,       // set; `message`, if any, is a warning (a timeperiod range over midnight)
        ignored,  // a known Nagios/Shinken attribute yagura does not use: `message` says why
        unknown,  // no such attribute: `message` suggests the closest one
        invalid,  // the value is wrong: `message` says what is expected; nothing changed
    };
    Status status = Status::ok;
    std::string message;

    bool ok() const { return status == Status::ok; }
};

namespace detail {
// The table-driven operations of one type, instantiated once per type in schema_ops.cpp;
// use the free functions below.
template <class T>
struct SchemaOps {
    static int field_index(std::string_view name);
    static T make(StringPool& pool);
    static SetResult set_attribute(T& obj, std::string_view key, std::string_view value,
                                   StringPool& pool);
    static bool reset_attribute(T& obj, std::string_view key, StringPool& pool);
    static void inherit_from(T& obj, const T& tpl, StringPool& pool);
    static std::vector<std::string_view> missing_required(const T& obj);
    static bool equal_objects(const T& a, const StringPool& pa, const T& b, const StringPool& pb,
                              std::string* difference);
    static std::vector<std::string_view> known_keys();
    static std::string object_name(const T& obj, const StringPool& pool);
};
}  // namespace detail

// The field named `name` (or one of its aliases), or nullptr.
template <class T>
const FieldDef<T>* find_field(std::string_view name) {
    int i = detail::SchemaOps<T>::field_index(name);
    return i < 0 ? nullptr : &type_info<T>().fields[static_cast<std::size_t>(i)];
}
// Its position in type_info<T>().fields (the bit in explicitly_set), or -1.
template <class T>
int field_index(std::string_view name) {
    return detail::SchemaOps<T>::field_index(name);
}

// A new object with every declared default, interned ones included.
template <class T>
T make(StringPool& pool) {
    return detail::SchemaOps<T>::make(pool);
}

// Sets one attribute from its configuration text and marks it explicitly set. Beside the
// declared fields (and their aliases) it takes `_NAME` custom variables on every type, rule
// lines on timeperiods ("monday 09:00-17:00") and any parameter on modules. Never throws;
// on failure the object is unchanged.
template <class T>
SetResult set_attribute(T& obj, std::string_view key, std::string_view value, StringPool& pool) {
    return detail::SchemaOps<T>::set_attribute(obj, key, value, pool);
}

// Puts one attribute back to its default and clears its explicitly-set bit (`key null`).
// Returns false for an unknown key.
template <class T>
bool reset_attribute(T& obj, std::string_view key, StringPool& pool) {
    return detail::SchemaOps<T>::reset_attribute(obj, key, pool);
}

// The value of a field as configuration text.
template <class T>
std::string format_attribute(const T& obj, const FieldDef<T>& field, const StringPool& pool) {
    std::string out;
    field.ops->format(obj, out, pool, field);
    return out;
}

// Template inheritance: copies into `obj` every field that `tpl` has explicitly set and `obj`
// has not (except `name`, `use`, `register`), the custom variables `obj` lacks, and for
// timeperiods the weekdays `obj` does not define plus the template's exceptions. Both objects
// belong to one pool. `+` additive values are the config stage's business.
template <class T>
void inherit_from(T& obj, const T& tpl, StringPool& pool) {
    detail::SchemaOps<T>::inherit_from(obj, tpl, pool);
}

// Implicit inheritance: the fields flagged kImplicitFromHost (contacts, contact_groups,
// notification_interval, notification_period, escalations, resultmodulations, poller_tag,
// reactionner_tag, check_period, business_impact, maintenance_period, priority) that the
// service has not set take the host's value when the host has set it.
void inherit_implicit_from_host(const Host& host, Service& service, StringPool& pool);

// Names of the required fields a registered object lacks.
template <class T>
std::vector<std::string_view> missing_required(const T& obj) {
    return detail::SchemaOps<T>::missing_required(obj);
}

// Field-by-field equality through the declarations, each object read with its own pool.
// On a difference, `difference` (if given) names the first differing field.
template <class T>
bool equal_objects(const T& a, const StringPool& pa, const T& b, const StringPool& pb,
                   std::string* difference = nullptr) {
    return detail::SchemaOps<T>::equal_objects(a, pa, b, pb, difference);
}

// The fields of T carrying a flag, in declaration order: fields_with<Service>(kState) is what
// retention saves, fields_with<Service>(kConfig) what a shard carries.
template <class T>
std::vector<const FieldDef<T>*> fields_with(FieldFlag flag) {
    std::vector<const FieldDef<T>*> out;
    for (const FieldDef<T>& f : type_info<T>().fields) {
        if (f.has(flag)) {
            out.push_back(&f);
        }
    }
    return out;
}

// Every key set_attribute accepts by name for T (fields, aliases, ignored attributes).
template <class T>
std::vector<std::string_view> known_keys() {
    return detail::SchemaOps<T>::known_keys();
}

// The name an object is known by in messages: host_name, "host/description" for services,
// the template name for templates; "" for unnamed objects (dependencies, escalations).
template <class T>
std::string object_name(const T& obj, const StringPool& pool) {
    return detail::SchemaOps<T>::object_name(obj, pool);
}

// The closest of `candidates` to `key` if it is a plausible typo, else "".
std::string_view closest_name(std::string_view key,
                              const std::vector<std::string_view>& candidates);

// Custom variables: names are case-insensitive, with or without the leading underscore.
std::optional<std::string_view> custom_var(const ObjectHeader& obj, std::string_view name,
                                           const StringPool& pool);
void set_custom_var(ObjectHeader& obj, std::string_view name, std::string_view value,
                    StringPool& pool);
// Every (name, value) pair, names upper-cased without underscore, sorted by name.
std::vector<std::pair<std::string_view, std::string_view>> custom_vars(const ObjectHeader& obj,
                                                                       const StringPool& pool);

}  // namespace yagura::model
