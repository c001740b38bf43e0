#include "arbiter/links.hpp"

#include <nlohmann/json.hpp>

#include <yagura/core/strings.hpp>

namespace yagura::arbiter {

std::map<PartId, std::string> parse_managed(const nlohmann::json& in) {
    std::map<PartId, std::string> out;
    if (!in.is_object()) {
        return out;
    }
    for (const auto& [key, value] : in.items()) {
        auto id = core::parse_int(key);
        if (id && value.is_string()) {
            out[*id] = value.get<std::string>();
        }
    }
    return out;
}

nlohmann::json managed_json(const std::map<PartId, std::string>& managed) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [part, flavor] : managed) {
        out[std::to_string(part)] = flavor;
    }
    return out;
}

nlohmann::json LinkState::state(const dispatch::Topology& topology) const {
    const auto& live = peer.liveness();
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& [part, flavor] : desired.managed) {
        parts.push_back(part);
    }
    return {{"type", std::string(dispatch::kind_name(info.kind))},
            {"name", info.name},
            {"realm", info.realm < topology.realms.size() ? topology.realms[info.realm].name : ""},
            {"address", info.address},
            {"port", info.port},
            {"spare", info.spare},
            {"alive", live.alive},
            {"reachable", live.reachable},
            {"attempts", live.attempts},
            {"max_check_attempts", info.max_check_attempts},
            {"last_check", live.last_check},
            {"last_error", live.last_error},
            {"running_id", live.running_id},
            {"managed", managed_json(managed)},
            {"parts", std::move(parts)},
            {"in_sync", managed_known && managed == desired.managed},
            {"last_action", last_action},
            {"last_action_at", last_action_at}};
}

}  // namespace yagura::arbiter
