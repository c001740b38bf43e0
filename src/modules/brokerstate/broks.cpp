// One handler per brok type. Each handler reads everything it needs (and throws BrokError on
// bad data) before it changes anything, so a rejected brok leaves the state as it was.
#include <yagura/core/strings.hpp>

#include "impl.hpp"
#include "json_values.hpp"

namespace yagura::modules::brokerstate {

using ls::Trigger;
using nlohmann::json;

namespace {

constexpr Triggers kCheck = bit(Trigger::check) | bit(Trigger::state);

// A comment or downtime listed inside a host or service brok belongs to that object, whatever
// names it carries itself.
json with_owner(const json& item, const std::string& host, const std::string& service) {
    if (!item.is_object()) {
        throw BrokError("a comment or downtime must be an object");
    }
    json owned = item;
    owned["host_name"] = host;
    owned["service_description"] = service;
    return owned;
}

// The comments or downtimes a host or service brok lists under key, read whole or not at all.
template <class Event>
std::vector<Event> events_in(const json& data, const char* key, Event (*parse)(const json&),
                             const std::string& host, const std::string& service) {
    std::vector<Event> out;
    auto it = data.find(key);
    if (it == data.end() || it->is_null()) {
        return out;
    }
    if (!it->is_array()) {
        throw BrokError(std::string("field '") + key + "': expected a list of objects");
    }
    for (const auto& item : *it) {
        out.push_back(parse(with_owner(item, host, service)));
    }
    return out;
}

std::vector<ls::Comment> comments_in(const json& data, const std::string& host,
                                     const std::string& service) {
    return events_in(data, "comments", &comment_from, host, service);
}

std::vector<ls::Downtime> downtimes_in(const json& data, const std::string& host,
                                       const std::string& service) {
    return events_in(data, "downtimes", &downtime_from, host, service);
}

}  // namespace

const std::unordered_map<std::string_view, BrokerState::Impl::Handler>&
BrokerState::Impl::handlers() {
    static const std::unordered_map<std::string_view, Handler> table = {
        {"clean_all_my_instance_id", &Impl::clean_instance},
        {"initial_broks_done", &Impl::initial_done},
        {"program_status", &Impl::program_status},
        {"update_program_status", &Impl::program_status},
        {"initial_host_status", &Impl::initial_host},
        {"initial_service_status", &Impl::initial_service},
        {"update_host_status", &Impl::update_host},
        {"update_service_status", &Impl::update_service},
        {"host_check_result", &Impl::host_check_result},
        {"service_check_result", &Impl::service_check_result},
        {"host_next_schedule", &Impl::host_next_schedule},
        {"service_next_schedule", &Impl::service_next_schedule},
        {"initial_hostgroup_status", &Impl::hostgroup},
        {"update_hostgroup_status", &Impl::hostgroup},
        {"initial_servicegroup_status", &Impl::servicegroup},
        {"update_servicegroup_status", &Impl::servicegroup},
        {"initial_contact_status", &Impl::contact},
        {"update_contact_status", &Impl::contact},
        {"initial_contactgroup_status", &Impl::contactgroup},
        {"update_contactgroup_status", &Impl::contactgroup},
        {"initial_timeperiod_status", &Impl::timeperiod},
        {"update_timeperiod_status", &Impl::timeperiod},
        {"initial_command_status", &Impl::command},
        {"update_command_status", &Impl::command},
        {"log", &Impl::log_line},
        {"notification_raise", &Impl::notification},
        {"downtime_raise", &Impl::downtime_raise},
        {"downtime_expire", &Impl::downtime_expire},
        {"acknowledge_raise", &Impl::acknowledge_raise},
        {"acknowledge_expire", &Impl::acknowledge_expire},
        {"comment", &Impl::comment},
    };
    return table;
}

Triggers BrokerState::Impl::apply(const json& brok) {
    if (!brok.is_object()) {
        throw BrokError("a brok must be a JSON object");
    }
    auto type = brok.find("type");
    if (type == brok.end() || !type->is_string()) {
        throw BrokError("brok without a string 'type'");
    }
    int instance = 0;
    if (auto id = brok.find("instance_id"); id != brok.end()) {
        if (!id->is_number_integer()) {
            throw BrokError("brok 'instance_id' is not an integer");
        }
        instance = id->get<int>();
    }
    static const json empty = json::object();
    const json* data = &empty;
    if (auto it = brok.find("data"); it != brok.end() && !it->is_null()) {
        if (!it->is_object()) {
            throw BrokError("brok 'data' is not an object");
        }
        data = &*it;
    }
    const auto& table = handlers();
    auto handler = table.find(type->get_ref<const std::string&>());
    if (handler == table.end()) {
        return 0;  // a type the broker has no use for (Shinken sends more): ignored, not an error
    }
    return (this->*handler->second)(instance, *data);
}

Shard& BrokerState::Impl::target(int instance) {
    if (auto it = staging.find(instance); it != staging.end()) {
        return *it->second;
    }
    auto& shard = shards[instance];
    if (!shard) {
        shard = std::make_unique<Shard>();
        shard->instance_id = instance;
    }
    return *shard;
}

// Objects added to a live shard outside a dump: relink and rebuild the views now.
void BrokerState::Impl::changed_objects(int instance) {
    if (is_staging(instance)) {
        return;  // linked when the dump ends
    }
    target(instance).link();
    rebuild_views();
}

Triggers BrokerState::Impl::clean_instance(int instance, const json&) {
    auto shard = std::make_unique<Shard>();
    shard->instance_id = instance;
    staging[instance] = std::move(shard);  // a dump restarted midway starts over
    return 0;
}

Triggers BrokerState::Impl::initial_done(int instance, const json&) {
    auto it = staging.find(instance);
    if (it == staging.end()) {
        return 0;  // no dump under way for this instance: nothing to swap in
    }
    it->second->link();
    shards[instance] = std::move(it->second);
    staging.erase(it);
    rebuild_views();
    return bit(Trigger::all);
}

Triggers BrokerState::Impl::program_status(int instance, const json& data) {
    Shard& shard = target(instance);
    ls::ProgramStatus program = shard.program.value_or(ls::ProgramStatus{});
    apply_program_fields(program, data);
    bool first = !shard.program;
    shard.program = program;
    if (first && !is_staging(instance)) {
        rebuild_views();
    }
    return bit(Trigger::program);
}

Triggers BrokerState::Impl::initial_host(int instance, const json& data) {
    Shard& shard = target(instance);
    ls::Host host;
    host.name = required_name(data, "host_name");
    if (const ls::Host* existing = shard.host(host.name)) {
        host = *existing;
    }
    host.instance_id = instance;
    apply_host_fields(host, data);
    auto comments = comments_in(data, host.name, "");
    auto downtimes = downtimes_in(data, host.name, "");
    std::string name = host.name;
    ls::Host& stored = shard.put_host(std::move(host));
    stored.comment_ids.clear();
    stored.downtime_ids.clear();
    for (auto& comment : comments) {
        shard.put_comment(std::move(comment));
    }
    for (auto& downtime : downtimes) {
        shard.put_downtime(std::move(downtime));
    }
    changed_objects(instance);
    return bit(Trigger::state);
}

Triggers BrokerState::Impl::initial_service(int instance, const json& data) {
    Shard& shard = target(instance);
    ls::Service service;
    service.host_name = required_name(data, "host_name");
    service.description = required_name(data, "service_description");
    if (const ls::Service* existing = shard.service(service.host_name, service.description)) {
        service = *existing;
    }
    service.instance_id = instance;
    apply_service_fields(service, data);
    auto comments = comments_in(data, service.host_name, service.description);
    auto downtimes = downtimes_in(data, service.host_name, service.description);
    ls::Service& stored = shard.put_service(std::move(service));
    stored.comment_ids.clear();
    stored.downtime_ids.clear();
    for (auto& comment : comments) {
        shard.put_comment(std::move(comment));
    }
    for (auto& downtime : downtimes) {
        shard.put_downtime(std::move(downtime));
    }
    changed_objects(instance);
    return bit(Trigger::state);
}

ls::Host* BrokerState::Impl::find_host_for_update(int instance, const std::string& name) {
    if (ls::Host* host = target(instance).host(name)) {
        return host;
    }
    // An instance id that does not match its dump (a scheduler's mistake) still finds the host.
    for (auto& [id, shard] : shards) {
        if (ls::Host* host = shard->host(name)) {
            return host;
        }
    }
    throw BrokError("unknown host '" + name + "'");
}

ls::Service* BrokerState::Impl::find_service_for_update(int instance, const std::string& host,
                                                        const std::string& description) {
    if (ls::Service* service = target(instance).service(host, description)) {
        return service;
    }
    for (auto& [id, shard] : shards) {
        if (ls::Service* service = shard->service(host, description)) {
            return service;
        }
    }
    throw BrokError("unknown service '" + host + ";" + description + "'");
}

Shard* BrokerState::Impl::shard_holding(const ls::Checkable* object, const std::string& host,
                                        const std::string& service) {
    for (auto* shards_of_kind : {&staging, &shards}) {
        auto it = shards_of_kind->find(object->instance_id);
        if (it != shards_of_kind->end() && it->second->owner(host, service) == object) {
            return it->second.get();
        }
    }
    for (auto& [id, shard] : shards) {
        if (shard->owner(host, service) == object) {
            return shard.get();
        }
    }
    return nullptr;
}

void BrokerState::Impl::replace_events(ls::Checkable& object, const std::string& host,
                                       const std::string& service,
                                       std::vector<ls::Comment> comments,
                                       std::vector<ls::Downtime> downtimes) {
    Shard* shard = shard_holding(&object, host, service);
    if (shard == nullptr) {
        return;
    }
    for (auto id : std::vector<std::int64_t>(object.comment_ids)) {
        shard->remove_comment(id);
    }
    for (auto id : std::vector<std::int64_t>(object.downtime_ids)) {
        shard->remove_downtime(id);
    }
    for (auto& comment : comments) {
        shard->put_comment(std::move(comment));
    }
    for (auto& downtime : downtimes) {
        shard->put_downtime(std::move(downtime));
    }
}

namespace {

std::pair<std::string, std::string> owner_names(const ls::Host& host) {
    return {host.name, {}};
}
std::pair<std::string, std::string> owner_names(const ls::Service& service) {
    return {service.host_name, service.description};
}

}  // namespace

template <class Record>
Triggers BrokerState::Impl::update_checkable(Record* object, int, const json& data,
                                             void (*apply_fields)(Record&, const json&),
                                             Triggers fired) {
    Record updated = *object;
    apply_fields(updated, data);
    bool regroup = updated.groups != object->groups;
    bool has_events = data.contains("comments") || data.contains("downtimes");
    std::vector<ls::Comment> comments;
    std::vector<ls::Downtime> downtimes;
    auto [host, service] = owner_names(*object);
    if (has_events) {
        comments = comments_in(data, host, service);
        downtimes = downtimes_in(data, host, service);
    }
    *object = std::move(updated);
    if (has_events) {
        replace_events(*object, host, service, std::move(comments), std::move(downtimes));
    }
    if (regroup && !is_staging(object->instance_id)) {
        rebuild_views();
    }
    return fired;
}

Triggers BrokerState::Impl::update_host(int instance, const json& data) {
    auto* host = find_host_for_update(instance, required_name(data, "host_name"));
    return update_checkable(host, instance, data, &apply_host_fields, bit(Trigger::state));
}

Triggers BrokerState::Impl::update_service(int instance, const json& data) {
    auto* service = find_service_for_update(instance, required_name(data, "host_name"),
                                            required_name(data, "service_description"));
    return update_checkable(service, instance, data, &apply_service_fields, bit(Trigger::state));
}

Triggers BrokerState::Impl::host_check_result(int instance, const json& data) {
    auto* host = find_host_for_update(instance, required_name(data, "host_name"));
    return update_checkable(host, instance, data, &apply_host_fields, kCheck);
}

Triggers BrokerState::Impl::service_check_result(int instance, const json& data) {
    auto* service = find_service_for_update(instance, required_name(data, "host_name"),
                                            required_name(data, "service_description"));
    return update_checkable(service, instance, data, &apply_service_fields, kCheck);
}

Triggers BrokerState::Impl::host_next_schedule(int instance, const json& data) {
    auto* host = find_host_for_update(instance, required_name(data, "host_name"));
    return update_checkable(host, instance, data, &apply_host_fields, bit(Trigger::check));
}

Triggers BrokerState::Impl::service_next_schedule(int instance, const json& data) {
    auto* service = find_service_for_update(instance, required_name(data, "host_name"),
                                            required_name(data, "service_description"));
    return update_checkable(service, instance, data, &apply_service_fields, bit(Trigger::check));
}

Triggers BrokerState::Impl::hostgroup(int instance, const json& data) {
    auto group = hostgroup_from(data);
    target(instance).hostgroups[group.name] = std::move(group);
    changed_objects(instance);
    return bit(Trigger::state);
}

Triggers BrokerState::Impl::servicegroup(int instance, const json& data) {
    auto group = servicegroup_from(data);
    target(instance).servicegroups[group.name] = std::move(group);
    changed_objects(instance);
    return bit(Trigger::state);
}

Triggers BrokerState::Impl::contact(int instance, const json& data) {
    auto record = contact_from(data);
    target(instance).contacts[record.name] = std::move(record);
    changed_objects(instance);
    return 0;
}

Triggers BrokerState::Impl::contactgroup(int instance, const json& data) {
    auto record = contactgroup_from(data);
    target(instance).contactgroups[record.name] = std::move(record);
    changed_objects(instance);
    return 0;
}

Triggers BrokerState::Impl::timeperiod(int instance, const json& data) {
    auto record = timeperiod_from(data);
    target(instance).timeperiods[record.name] = std::move(record);
    changed_objects(instance);
    return 0;
}

Triggers BrokerState::Impl::command(int instance, const json& data) {
    auto record = command_from(data);
    target(instance).commands[record.name] = std::move(record);
    changed_objects(instance);
    return 0;
}

// The host or service named by data's host_name / service_description, given fields.
Triggers BrokerState::Impl::update_named(int instance, const json& data, const json& fields,
                                         Triggers fired) {
    auto host = required_name(data, "host_name");
    auto service = optional_name(data, "service_description");
    json named = fields;
    named["host_name"] = host;
    if (service.empty()) {
        return update_checkable(find_host_for_update(instance, host), instance, named,
                                &apply_host_fields, fired);
    }
    named["service_description"] = service;
    return update_checkable(find_service_for_update(instance, host, service), instance, named,
                            &apply_service_fields, fired);
}

}  // namespace yagura::modules::brokerstate
