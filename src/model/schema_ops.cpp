// The operations every type gets from its field table (schema.hpp).

#include <algorithm>
#include <bitset>
#include <cctype>
#include <optional>
#include <unordered_map>

#include <yagura/core/strings.hpp>
#include <yagura/model/schema.hpp>

#include "codecs.hpp"
#include "schema_checkable.hpp"
#include "timeperiod_lines.hpp"

namespace yagura::model {

namespace {

template <class T>
constexpr bool kHasHeader = std::is_base_of_v<ObjectHeader, T>;

template <class T>
const std::unordered_map<std::string_view, int>& name_index() {
    static const auto index = [] {
        std::unordered_map<std::string_view, int> out;
        const auto& fields = type_info<T>().fields;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out.emplace(fields[i].name, static_cast<int>(i));
            std::string_view aliases = fields[i].aliases;
            while (!aliases.empty()) {
                auto comma = aliases.find(',');
                out.emplace(aliases.substr(0, comma), static_cast<int>(i));
                aliases = comma == std::string_view::npos ? "" : aliases.substr(comma + 1);
            }
        }
        return out;
    }();
    return index;
}

template <class T>
const IgnoredAttribute* find_ignored(std::string_view key) {
    for (const IgnoredAttribute& a : type_info<T>().ignored) {
        if (a.name == key) {
            return &a;
        }
    }
    return nullptr;
}

std::string normalize_custom_name(std::string_view name) {
    if (!name.empty() && name.front() == '_') {
        name.remove_prefix(1);
    }
    std::string out(name);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

template <class T>
int customs_index() {
    static const int index = model::field_index<T>("customs");
    return index;
}

SetResult unknown(std::string_view key, const std::vector<std::string_view>& keys) {
    std::string message = "unknown attribute " + detail::quote(key);
    if (auto best = closest_name(key, keys); !best.empty()) {
        message += " (did you mean " + detail::quote(best) + "?)";
    }
    return {SetResult::Status::unknown, std::move(message)};
}

// Merges name/value pairs: `into` keeps its values, `from` adds the names it lacks.
ListId merge_pairs(ListId into, ListId from, StringPool& pool) {
    auto own = pool.list(into);
    auto inherited = pool.list(from);
    ListId out = into;
    for (std::size_t i = 0; i + 1 < inherited.size(); i += 2) {
        bool present = false;
        for (std::size_t j = 0; j + 1 < own.size(); j += 2) {
            present = present || own[j] == inherited[i];
        }
        if (!present) {
            out = detail::set_pair(out, Symbol{inherited[i]}, Symbol{inherited[i + 1]}, pool);
        }
    }
    return out;
}

}  // namespace

template <class T>
int detail::SchemaOps<T>::field_index(std::string_view name) {
    const auto& index = name_index<T>();
    auto it = index.find(name);
    return it == index.end() ? -1 : it->second;
}

template <class T>
T detail::SchemaOps<T>::make(StringPool& pool) {
    // The defaults of one pool are built once per thread and copied: the interned ones
    // (poller_tag None, ...) cost a hash lookup each, and the config stage makes a million.
    thread_local std::uint64_t cached_pool = 0;
    thread_local std::optional<T> prototype;
    if (cached_pool == pool.id() && prototype) {
        return *prototype;
    }
    T obj;
    for (const FieldDef<T>& f : type_info<T>().fields) {
        // Other defaults are the members' initializers (a unit test keeps both in step);
        // interned values need the pool.
        bool interned = f.ops->kind == ValueKind::string || f.ops->kind == ValueKind::name_list ||
                        f.ops->kind == ValueKind::key_values;
        if (interned && !f.default_text.empty()) {
            f.ops->parse(obj, f.default_text, pool, f);
        }
    }
    prototype = obj;
    cached_pool = pool.id();
    return obj;
}

template <class T>
SetResult detail::SchemaOps<T>::set_attribute(T& obj, std::string_view key, std::string_view value,
                                              StringPool& pool) {
    key = core::trim(key);
    if (key.empty()) {
        return {SetResult::Status::invalid, "empty attribute name"};
    }
    if (int i = model::field_index<T>(key); i >= 0) {
        const FieldDef<T>& f = type_info<T>().fields[static_cast<std::size_t>(i)];
        if (std::string error = f.ops->parse(obj, value, pool, f); !error.empty()) {
            return {SetResult::Status::invalid, std::move(error)};
        }
        obj.explicitly_set.set(static_cast<std::size_t>(i));
        return {};
    }
    if constexpr (kHasHeader<T>) {
        if (key.front() == '_' && key.size() > 1) {
            set_custom_var(obj, key, core::trim(value), pool);
            return {};
        }
    }
    if constexpr (std::is_same_v<T, TimePeriod>) {
        if (detail::is_rule_key(key)) {
            return detail::add_timeperiod_line(obj, key, value, pool);
        }
    }
    if constexpr (std::is_same_v<T, Module>) {
        obj.parameters.pairs = detail::set_pair(obj.parameters.pairs, pool.intern(key),
                                                pool.intern(core::trim(value)), pool);
        return {};
    }
    if (const IgnoredAttribute* ignored = find_ignored<T>(key)) {
        return {SetResult::Status::ignored,
                "attribute " + detail::quote(key) + " is ignored: " + std::string(ignored->reason)};
    }
    return unknown(key, model::known_keys<T>());
}

template <class T>
bool detail::SchemaOps<T>::reset_attribute(T& obj, std::string_view key, StringPool& pool) {
    int i = model::field_index<T>(key);
    if (i < 0) {
        return false;
    }
    const FieldDef<T>& f = type_info<T>().fields[static_cast<std::size_t>(i)];
    T defaults = model::make<T>(pool);
    f.ops->assign(obj, defaults);
    obj.explicitly_set.reset(static_cast<std::size_t>(i));
    if constexpr (std::is_same_v<T, TimePeriod>) {
        detail::compile_timeperiod(obj, pool);
    }
    return true;
}

template <class T>
void detail::SchemaOps<T>::inherit_from(T& obj, const T& tpl, StringPool& pool) {
    const auto& fields = type_info<T>().fields;
    static const std::bitset<kMaxFields> inheritable = [&] {
        std::bitset<kMaxFields> bits;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            bits.set(i, !fields[i].has(kNoInherit));
        }
        if constexpr (kHasHeader<T>) {
            bits.reset(static_cast<std::size_t>(customs_index<T>()));  // merged below
        }
        return bits;
    }();
    const std::bitset<kMaxFields> todo = tpl.explicitly_set & ~obj.explicitly_set & inheritable;
    for (std::size_t i = todo._Find_first(); i < kMaxFields; i = todo._Find_next(i)) {
        fields[i].ops->assign(obj, tpl);
    }
    obj.explicitly_set |= todo;
    if constexpr (kHasHeader<T>) {
        if (!tpl.customs.pairs.empty()) {
            obj.customs.pairs = merge_pairs(obj.customs.pairs, tpl.customs.pairs, pool);
            obj.explicitly_set.set(static_cast<std::size_t>(customs_index<T>()));
        }
    }
    if constexpr (std::is_same_v<T, Module>) {
        obj.parameters.pairs = merge_pairs(obj.parameters.pairs, tpl.parameters.pairs, pool);
    }
    if constexpr (std::is_same_v<T, TimePeriod>) {
        detail::inherit_timeperiod_lines(obj, tpl, pool);
    }
}

namespace {

// A field services take from their host, with the copy of the Checkable member they share.
struct ImplicitField {
    std::size_t service_index;
    std::size_t host_index;
    void (*assign)(Checkable&, const Checkable&);
};

const std::vector<ImplicitField>& implicit_fields() {
    static const auto fields = [] {
        // The shared declarations instantiated on Checkable itself give typed copies.
        static constexpr auto kCommon =
            detail::concat(detail::checkable_check_fields<Checkable>(),
                           detail::checkable_notification_fields<Checkable>(),
                           detail::checkable_extra_fields<Checkable>());
        std::vector<ImplicitField> out;
        const auto& service_fields = type_info<Service>().fields;
        for (std::size_t i = 0; i < service_fields.size(); ++i) {
            if (!service_fields[i].has(kImplicitFromHost)) {
                continue;
            }
            for (const auto& common : kCommon) {
                if (common.name == service_fields[i].name) {
                    auto host = static_cast<std::size_t>(field_index<Host>(common.name));
                    out.push_back({i, host, common.ops->assign});
                }
            }
        }
        return out;
    }();
    return fields;
}

}  // namespace

void inherit_implicit_from_host(const Host& host, Service& service, StringPool&) {
    for (const ImplicitField& f : implicit_fields()) {
        if (!service.explicitly_set.test(f.service_index) &&
            host.explicitly_set.test(f.host_index)) {
            f.assign(service, host);
            service.explicitly_set.set(f.service_index);
        }
    }
}

template <class T>
std::vector<std::string_view> detail::SchemaOps<T>::missing_required(const T& obj) {
    std::vector<std::string_view> missing;
    if constexpr (kHasHeader<T>) {
        if (!obj.registered) {
            return missing;
        }
    }
    const auto& fields = type_info<T>().fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].has(kRequired) && !obj.explicitly_set.test(i)) {
            missing.push_back(fields[i].name);
        }
    }
    return missing;
}

template <class T>
bool detail::SchemaOps<T>::equal_objects(const T& a, const StringPool& pa, const T& b,
                                         const StringPool& pb, std::string* difference) {
    for (const FieldDef<T>& f : type_info<T>().fields) {
        if (!f.ops->equal(a, pa, b, pb)) {
            if (difference != nullptr) {
                *difference = std::string(f.name) + ": " +
                              detail::quote(format_attribute(a, f, pa)) +
                              " != " + detail::quote(format_attribute(b, f, pb));
            }
            return false;
        }
    }
    if constexpr (std::is_same_v<T, Module>) {
        if (!detail::equal_pairs(a.parameters.pairs, pa, b.parameters.pairs, pb)) {
            if (difference != nullptr) {
                *difference = "module parameters";
            }
            return false;
        }
    }
    return true;
}

template <class T>
std::vector<std::string_view> detail::SchemaOps<T>::known_keys() {
    std::vector<std::string_view> keys;
    for (const auto& [name, index] : name_index<T>()) {
        keys.push_back(name);
    }
    for (const IgnoredAttribute& a : type_info<T>().ignored) {
        keys.push_back(a.name);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

std::string_view closest_name(std::string_view key,
                              const std::vector<std::string_view>& candidates) {
    std::string_view best;
    std::size_t best_distance = 0;
    for (std::string_view candidate : candidates) {
        std::size_t d = core::edit_distance(key, candidate);
        if (best.empty() || d < best_distance) {
            best = candidate;
            best_distance = d;
        }
    }
    // A plausible typo: a few edits, relative to the length of the name.
    std::size_t limit = std::max<std::size_t>(2, key.size() / 4);
    return best_distance <= limit ? best : std::string_view{};
}

std::optional<std::string_view> custom_var(const ObjectHeader& obj, std::string_view name,
                                           const StringPool& pool) {
    std::string wanted = normalize_custom_name(name);
    auto items = pool.list(obj.customs.pairs);
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        if (pool.str(Symbol{items[i]}) == wanted) {
            return pool.str(Symbol{items[i + 1]});
        }
    }
    return std::nullopt;
}

void set_custom_var(ObjectHeader& obj, std::string_view name, std::string_view value,
                    StringPool& pool) {
    Symbol key = pool.intern(normalize_custom_name(name));
    obj.customs.pairs = detail::set_pair(obj.customs.pairs, key, pool.intern(value), pool);
}

std::vector<std::pair<std::string_view, std::string_view>> custom_vars(const ObjectHeader& obj,
                                                                       const StringPool& pool) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    auto items = pool.list(obj.customs.pairs);
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        out.emplace_back(pool.str(Symbol{items[i]}), pool.str(Symbol{items[i + 1]}));
    }
    return out;
}

template <class T>
std::string detail::SchemaOps<T>::object_name(const T& obj, const StringPool& pool) {
    std::string name;
    for (const FieldDef<T>& f : type_info<T>().fields) {
        if (f.has(kKey)) {
            if (!name.empty()) {
                name += '/';
            }
            name += format_attribute(obj, f, pool);
        }
    }
    if constexpr (kHasHeader<T>) {
        if (name.empty() || name == "/") {
            name = pool.str(obj.template_name);
        }
    }
    return name;
}

// One instantiation of the operations per type.
template struct detail::SchemaOps<Realm>;
template struct detail::SchemaOps<Module>;
template struct detail::SchemaOps<ArbiterLink>;
template struct detail::SchemaOps<SchedulerLink>;
template struct detail::SchemaOps<PollerLink>;
template struct detail::SchemaOps<ReactionnerLink>;
template struct detail::SchemaOps<BrokerLink>;
template struct detail::SchemaOps<ReceiverLink>;
template struct detail::SchemaOps<TimePeriod>;
template struct detail::SchemaOps<Command>;
template struct detail::SchemaOps<NotificationWay>;
template struct detail::SchemaOps<Contact>;
template struct detail::SchemaOps<ContactGroup>;
template struct detail::SchemaOps<Host>;
template struct detail::SchemaOps<HostGroup>;
template struct detail::SchemaOps<Service>;
template struct detail::SchemaOps<ServiceGroup>;
template struct detail::SchemaOps<HostDependency>;
template struct detail::SchemaOps<ServiceDependency>;
template struct detail::SchemaOps<Escalation>;
template struct detail::SchemaOps<HostEscalation>;
template struct detail::SchemaOps<ServiceEscalation>;
template struct detail::SchemaOps<Globals>;

}  // namespace yagura::model
