#include <functional>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/daemon/managed_config.hpp>

namespace yagura::daemon {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& message) {
    throw core::Error(core::ErrorKind::invalid_input, message);
}

const json& field(const json& object, const char* key, const char* where) {
    if (!object.is_object() || !object.contains(key)) {
        bad(std::string(where) + ": missing \"" + key + "\"");
    }
    return object[key];
}

std::string string_field(const json& object, const char* key, const char* where) {
    const auto& v = field(object, key, where);
    if (!v.is_string()) {
        bad(std::string(where) + ": \"" + key + "\" must be a string");
    }
    return v.get<std::string>();
}

std::int64_t int_field(const json& object, const char* key, const char* where) {
    const auto& v = field(object, key, where);
    if (!v.is_number_integer()) {
        bad(std::string(where) + ": \"" + key + "\" must be an integer");
    }
    return v.get<std::int64_t>();
}

template <class T>
T optional_field(const json& object, const char* key, T fallback) {
    if (object.is_object() && object.contains(key)) {
        try {
            return object[key].get<T>();
        } catch (const json::exception&) {
            bad(std::string("\"") + key + "\" has the wrong type");
        }
    }
    return fallback;
}

SchedulerEntry scheduler_entry(const json& in) {
    const char* where = "put_conf schedulers[]";
    SchedulerEntry e;
    e.part_id = int_field(in, "part_id", where);
    e.flavor = string_field(in, "flavor", where);
    e.name = string_field(in, "name", where);
    e.address = string_field(in, "address", where);
    auto port = int_field(in, "port", where);
    if (port < 1 || port > 65535) {
        bad("put_conf schedulers[]: port " + std::to_string(port) + " is not 1-65535");
    }
    e.port = static_cast<std::uint16_t>(port);
    e.use_ssl = optional_field(in, "use_ssl", false);
    e.timeout = optional_field(in, "timeout", 3);
    e.data_timeout = optional_field(in, "data_timeout", 120);
    return e;
}

json entry_json(const SchedulerEntry& e) {
    return {{"part_id", e.part_id}, {"flavor", e.flavor},
            {"name", e.name},       {"address", e.address},
            {"port", e.port},       {"use_ssl", e.use_ssl},
            {"timeout", e.timeout}, {"data_timeout", e.data_timeout}};
}

std::string local_digest(const std::string& text) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(text));
    return hex;
}

}  // namespace

json ReceivedConfig::satellite_json() const {
    json list = json::array();
    for (const auto& s : schedulers) {
        list.push_back(entry_json(s));
    }
    return {{"schedulers", std::move(list)}, {"link", link ? *link : json::object()}};
}

std::map<std::int64_t, std::string> ReceivedConfig::managed() const {
    std::map<std::int64_t, std::string> out;
    if (part_id) {
        out[*part_id] = flavor;
    }
    for (const auto& s : schedulers) {
        out[s.part_id] = s.flavor;
    }
    return out;
}

ConfigHolder::ConfigHolder(std::string kind) : kind_(std::move(kind)) {
    current_.kind = kind_;
}

std::optional<ArbiterIdentity> ConfigHolder::arbiter_of(const json& body, bool required) const {
    if (!body.is_object() || !body.contains("arbiter")) {
        if (required) {
            bad("the body must name the pushing arbiter: \"arbiter\": {\"name\": ..., \"epoch\": "
                "N}");
        }
        return std::nullopt;
    }
    const auto& a = body["arbiter"];
    return ArbiterIdentity{string_field(a, "name", "arbiter"), int_field(a, "epoch", "arbiter")};
}

std::optional<net::Response> ConfigHolder::refuse_if_stale(
    const std::optional<ArbiterIdentity>& who) const {
    if (!who || who->epoch >= accepted_epoch_) {
        return std::nullopt;
    }
    return net::Response::json(
        {{"error", "stale arbiter"},
         {"detail", "arbiter '" + who->name + "' pushes with epoch " + std::to_string(who->epoch) +
                        ", older than epoch " + std::to_string(accepted_epoch_) + " of arbiter '" +
                        accepted_from_ + "' accepted before: refused"},
         {"accepted_epoch", accepted_epoch_},
         {"accepted_from", accepted_from_}},
        409);
}

void ConfigHolder::accept(const std::optional<ArbiterIdentity>& who) {
    if (who) {
        accepted_epoch_ = std::max(accepted_epoch_, who->epoch);
        accepted_from_ = who->name;
        current_.arbiter = *who;
    }
}

net::Response ConfigHolder::accepted(bool changed) const {
    return net::Response::json(
        {{"accepted", true}, {"changed", changed}, {"managed", what_i_managed()}});
}

ConfigHolder::Outcome ConfigHolder::put_conf(const json& body, double now) {
    auto who = arbiter_of(body, true);
    auto kind = string_field(body, "kind", "put_conf");
    if (kind != kind_) {
        bad("put_conf for a " + kind + " sent to a " + kind_);
    }
    if (auto refusal = refuse_if_stale(who)) {
        return {std::move(*refusal), false};
    }
    return kind_ == "scheduler" ? put_scheduler_conf(body, *who, now)
                                : put_satellite_conf(body, *who, now);
}

ConfigHolder::Outcome ConfigHolder::put_scheduler_conf(const json& body, const ArbiterIdentity& who,
                                                       double now) {
    const auto& part = field(body, "part", "put_conf");
    auto part_id = int_field(part, "part_id", "put_conf part");
    auto flavor = string_field(part, "flavor", "put_conf part");
    bool same = current_.part_id == part_id && current_.flavor == flavor;
    if (!part.contains("objects")) {
        if (!same) {
            return {
                net::Response::error(412, "content needed",
                                     "this scheduler does not run part " + std::to_string(part_id) +
                                         " flavor " + flavor + ": send the part with its objects"),
                false};
        }
        accept(who);
        return {accepted(false), false};
    }
    if (!part["objects"].is_object()) {
        bad("put_conf part: \"objects\" must be an object");
    }
    accept(who);
    if (same) {
        return {accepted(false), false};
    }
    ReceivedConfig next;
    next.kind = kind_;
    next.arbiter = who;
    next.received_at = now;
    next.part_id = part_id;
    next.flavor = flavor;
    next.realm = optional_field<std::string>(part, "realm", "");
    next.instance_name = optional_field<std::string>(body, "instance_name", "");
    next.objects = std::make_shared<const json>(part["objects"]);
    current_ = std::move(next);
    return {accepted(true), true};
}

ConfigHolder::Outcome ConfigHolder::put_satellite_conf(const json& body, const ArbiterIdentity& who,
                                                       double now) {
    const auto& list = field(body, "schedulers", "put_conf");
    if (!list.is_array()) {
        bad("put_conf: \"schedulers\" must be an array");
    }
    ReceivedConfig next;
    next.kind = kind_;
    next.arbiter = who;
    next.received_at = now;
    for (const auto& entry : list) {
        next.schedulers.push_back(scheduler_entry(entry));
    }
    if (body.contains("link")) {
        if (!body["link"].is_object()) {
            bad("put_conf: \"link\" must be an object");
        }
        next.link = std::make_shared<const json>(body["link"]);
    }
    if (body.contains("host_map")) {
        if (!body["host_map"].is_object()) {
            bad("put_conf: \"host_map\" must be an object of host -> part_id");
        }
        for (const auto& [host, part] : body["host_map"].items()) {
            if (!part.is_number_integer()) {
                bad("put_conf host_map: " + host + " must map to a part_id");
            }
            next.host_map[host] = part.get<std::int64_t>();
        }
    }
    next.flavor = optional_field<std::string>(body, "flavor", "");
    if (next.flavor.empty()) {
        json content = {{"schedulers", list},
                        {"link", body.value("link", json())},
                        {"host_map", body.value("host_map", json())}};
        next.flavor = local_digest(content.dump());
    }
    accept(who);
    if (next.flavor == current_.flavor && !current_.idle()) {
        return {accepted(false), false};
    }
    current_ = std::move(next);
    return {accepted(true), true};
}

ConfigHolder::Outcome ConfigHolder::wait_new_conf(const json& body) {
    auto who = arbiter_of(body, false);
    if (auto refusal = refuse_if_stale(who)) {
        return {std::move(*refusal), false};
    }
    accept(who);
    bool changed = !current_.idle();
    ReceivedConfig idle;
    idle.kind = kind_;
    idle.arbiter = current_.arbiter;
    current_ = std::move(idle);
    return {accepted(changed), changed};
}

ConfigHolder::Outcome ConfigHolder::remove_from_conf(const json& body) {
    auto who = arbiter_of(body, false);
    auto part_id = int_field(body, "part_id", "remove_from_conf");
    if (auto refusal = refuse_if_stale(who)) {
        return {std::move(*refusal), false};
    }
    accept(who);
    bool changed = false;
    if (current_.part_id == part_id) {
        return wait_new_conf(json::object());
    }
    auto& list = current_.schedulers;
    auto kept = std::remove_if(list.begin(), list.end(),
                               [&](const auto& s) { return s.part_id == part_id; });
    changed = kept != list.end();
    list.erase(kept, list.end());
    for (auto it = current_.host_map.begin(); it != current_.host_map.end();) {
        if (it->second == part_id) {
            it = current_.host_map.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    if (changed) {
        current_.flavor.clear();  // no longer what any arbiter pushed
    }
    return {accepted(changed), changed};
}

ConfigHolder::Outcome ConfigHolder::push_host_names(const json& body) {
    auto who = arbiter_of(body, false);
    auto part_id = int_field(body, "part_id", "push_host_names");
    const auto& hosts = field(body, "hosts", "push_host_names");
    if (!hosts.is_array()) {
        bad("push_host_names: \"hosts\" must be an array of host names");
    }
    if (auto refusal = refuse_if_stale(who)) {
        return {std::move(*refusal), false};
    }
    accept(who);
    std::erase_if(current_.host_map, [&](const auto& entry) { return entry.second == part_id; });
    for (const auto& host : hosts) {
        if (!host.is_string()) {
            bad("push_host_names: \"hosts\" must be an array of host names");
        }
        current_.host_map[host.get<std::string>()] = part_id;
    }
    current_.flavor.clear();
    return {accepted(true), true};
}

bool ConfigHolder::have_conf(const std::optional<std::string>& flavor) const {
    if (!flavor) {
        return !current_.idle();
    }
    if (!current_.flavor.empty() && current_.flavor == *flavor) {
        return true;
    }
    for (const auto& [part, f] : current_.managed()) {
        if (f == *flavor) {
            return true;
        }
    }
    return false;
}

json ConfigHolder::what_i_managed() const {
    json out = json::object();
    for (const auto& [part, flavor] : current_.managed()) {
        out[std::to_string(part)] = flavor;
    }
    return out;
}

json ConfigHolder::stats() const {
    json out = {{"received", !current_.idle()},
                {"managed", what_i_managed()},
                {"flavor", current_.flavor},
                {"accepted_epoch", accepted_epoch_},
                {"accepted_from", accepted_from_},
                {"arbiter", {{"name", current_.arbiter.name}, {"epoch", current_.arbiter.epoch}}},
                {"received_at", current_.received_at}};
    if (kind_ == "scheduler") {
        out["part_id"] = current_.part_id ? json(*current_.part_id) : json();
        out["realm"] = current_.realm;
        out["instance_name"] = current_.instance_name;
        if (current_.objects) {
            out["hosts"] = current_.objects->value("hosts", json::array()).size();
            out["services"] = current_.objects->value("services", json::array()).size();
        }
        return out;
    }
    out["schedulers"] = current_.satellite_json()["schedulers"];
    if (kind_ == "receiver") {
        out["hosts"] = current_.host_map.size();
    }
    return out;
}

}  // namespace yagura::daemon
