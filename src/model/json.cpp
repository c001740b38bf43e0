#include <tuple>

#include <nlohmann/json.hpp>

#include <yagura/model/json.hpp>

#include "codecs.hpp"
#include "timeperiod_lines.hpp"

namespace yagura::model {

namespace {

using nlohmann::json;

template <class T>
constexpr bool kHasHeader = std::is_base_of_v<ObjectHeader, T>;

// Default objects of every type in a pool of their own, built once: JSON views leave out
// what equals them.
template <class... Ts>
struct DefaultsOf {
    StringPool pool;
    std::tuple<Ts...> objects{model::make<Ts>(pool)...};
};

template <class... Ts>
DefaultsOf<Ts..., Globals>* build_defaults(TypeList<Ts...>) {
    return new DefaultsOf<Ts..., Globals>();
}

const auto& defaults() {
    // Never destroyed: used until the process exits.
    static const auto* d = build_defaults(ObjectTypes{});
    return *d;
}

template <class T>
const T& default_object() {
    return std::get<T>(defaults().objects);
}

template <class T>
bool in_view(const FieldDef<T>& f, JsonView view) {
    switch (view) {
        case JsonView::config:
            return f.has(kConfig);
        case JsonView::state:
            return f.has(kState) || f.has(kKey);
        case JsonView::all:
            return true;
    }
    return false;
}

template <class T>
void after_load(T& obj, StringPool& pool, std::vector<std::string>& errors) {
    if constexpr (std::is_same_v<T, TimePeriod>) {
        if (auto error = detail::compile_timeperiod(obj, pool); !error.empty()) {
            errors.push_back(error);
        }
    }
    if constexpr (std::is_same_v<T, Command>) {
        obj.compiled_line = CompiledText::compile(pool.str(obj.command_line));
    }
}

}  // namespace

template <class T>
json to_json(const T& obj, const StringPool& pool, JsonView view) {
    json out = json::object();
    const T& def = default_object<T>();
    const StringPool& def_pool = defaults().pool;
    for (const FieldDef<T>& f : type_info<T>().fields) {
        if (!in_view(f, view)) {
            continue;
        }
        bool always = view == JsonView::state || f.has(kKey);
        if (!always && f.ops->equal(obj, pool, def, def_pool)) {
            continue;
        }
        f.ops->to_json(obj, out[std::string(f.name)], pool, f);
    }
    return out;
}

template <class T>
std::vector<std::string> from_json(T& obj, const json& in, StringPool& pool, JsonView view) {
    std::vector<std::string> errors;
    if (!in.is_object()) {
        errors.emplace_back("expects a JSON object");
        return errors;
    }
    T updated = obj;
    for (const auto& [key, value] : in.items()) {
        const FieldDef<T>* f = find_field<T>(key);
        if (f == nullptr || f->name != key) {
            errors.push_back("unknown field " + detail::quote(key));
            continue;
        }
        if (!in_view(*f, view)) {
            errors.push_back("field " + detail::quote(key) + " is not part of this view");
            continue;
        }
        if (view == JsonView::state && f->has(kKey) && !f->has(kState)) {
            continue;  // names the object; the caller found it by them
        }
        if (auto error = f->ops->from_json(updated, value, pool, *f); !error.empty()) {
            errors.push_back(std::move(error));
            continue;
        }
        updated.explicitly_set.set(static_cast<std::size_t>(f - type_info<T>().fields.data()));
    }
    after_load(updated, pool, errors);
    if (errors.empty()) {
        obj = std::move(updated);
    }
    return errors;
}

template <class T>
std::vector<std::string> restore_state(T& obj, const json& state, StringPool& pool) {
    if (!state.is_object()) {
        return {"expects a JSON object"};
    }
    std::uint32_t modified = 0;
    if (auto it = state.find("modified_attributes");
        it != state.end() && it->is_number_unsigned()) {
        modified = it->get<std::uint32_t>();
    }
    json kept = json::object();
    for (const auto& [key, value] : state.items()) {
        const FieldDef<T>* f = find_field<T>(key);
        if (f != nullptr && f->modattr != kModNone && (modified & f->modattr) == 0) {
            continue;  // not changed by a command: the configuration's value stands
        }
        kept[key] = value;
    }
    return from_json(obj, kept, pool, JsonView::state);
}

template std::vector<std::string> restore_state<Host>(Host&, const json&, StringPool&);
template std::vector<std::string> restore_state<Service>(Service&, const json&, StringPool&);

namespace {

json resources_to_json(const Config& config) {
    json out = json::object();
    for (const ResourceMacro& r : config.resources) {
        out[std::string(config.pool.str(r.name))] = config.pool.str(r.value);
    }
    return out;
}

template <class T>
void load_table(Config& config, const json& in, JsonView view, std::vector<std::string>& errors) {
    const TypeInfo<T>& info = type_info<T>();
    auto it = in.find(std::string(info.plural));
    if (it == in.end()) {
        return;
    }
    if (!it->is_array()) {
        errors.push_back(std::string(info.plural) + ": expects an array");
        return;
    }
    Table<T>& table = config.table<T>();
    table.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
        T obj = model::make<T>(config.pool);
        auto problems = from_json(obj, (*it)[i], config.pool, view);
        std::string where = std::string(info.plural) + "[" + std::to_string(i) + "]";
        if (!problems.empty()) {
            for (auto& p : problems) {
                errors.push_back(where + ": " + p);
            }
            continue;
        }
        std::string name = object_name(obj, config.pool);
        if (!table.insert(std::move(obj)).inserted) {
            errors.push_back(where + ": duplicate " + std::string(info.name) + " " +
                             detail::quote(name));
        }
    }
}

}  // namespace

json config_to_json(const Config& config, JsonView view) {
    json out = json::object();
    out["globals"] = to_json(config.globals, config.pool, view);
    out["resources"] = resources_to_json(config);
    for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        json items = json::array();
        for (const T& obj : config.table<T>()) {
            items.push_back(to_json(obj, config.pool, view));
        }
        out[std::string(type_info<T>().plural)] = std::move(items);
    });
    return out;
}

ConfigFromJson config_from_json(const json& in, JsonView view) {
    ConfigFromJson result;
    if (!in.is_object()) {
        result.errors.emplace_back("configuration: expects a JSON object");
        return result;
    }
    Config config;
    if (auto it = in.find("globals"); it != in.end()) {
        for (auto& e : from_json(config.globals, *it, config.pool, view)) {
            result.errors.push_back("globals: " + e);
        }
    }
    if (auto it = in.find("resources"); it != in.end()) {
        if (!it->is_object()) {
            result.errors.emplace_back("resources: expects an object of strings");
        } else {
            for (const auto& [name, value] : it->items()) {
                if (!value.is_string()) {
                    result.errors.push_back("resources: " + name + " expects a string");
                    continue;
                }
                config.set_resource(name, value.get_ref<const std::string&>());
            }
        }
    }
    for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        load_table<T>(config, in, view, result.errors);
    });
    if (result.errors.empty()) {
        result.config.emplace(std::move(config));
    }
    return result;
}

// One instantiation per type (and the globals).
template <class... Ts>
struct JsonFunctions {
    static constexpr auto all = std::make_tuple(std::make_pair(&to_json<Ts>, &from_json<Ts>)...);
};
template struct JsonFunctions<Realm, Module, ArbiterLink, SchedulerLink, PollerLink,
                              ReactionnerLink, BrokerLink, ReceiverLink, TimePeriod, Command,
                              NotificationWay, Contact, ContactGroup, Host, HostGroup, Service,
                              ServiceGroup, HostDependency, ServiceDependency, Escalation,
                              HostEscalation, ServiceEscalation, Globals>;

}  // namespace yagura::model
