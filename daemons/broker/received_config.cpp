#include "broker/received_config.hpp"

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>

namespace yagura::broker {

namespace {

void add_names(const std::string& list, std::vector<std::string>& out) {
    for (auto& name : core::split(list, ',')) {
        out.push_back(std::move(name));
    }
}

}  // namespace

BrokerAssignment broker_assignment_from_json(const nlohmann::json& satellite_json) {
    BrokerAssignment out;
    out.schedulers =
        scheduler_endpoints_from_json(satellite_json.value("schedulers", nlohmann::json::array()));
    auto link = satellite_json.find("link");
    if (link == satellite_json.end() || !link->is_object()) {
        return out;
    }
    auto modules = link->find("modules");
    if (modules == link->end() || modules->is_null()) {
        return out;
    }
    if (modules->is_string()) {
        add_names(modules->get<std::string>(), out.module_names_only);
        return out;
    }
    if (!modules->is_array()) {
        throw core::Error(
            core::ErrorKind::invalid_input,
            "link.modules must be an array of module definitions, got " + modules->dump());
    }
    bool all_objects = true;
    for (const auto& entry : *modules) {
        if (entry.is_string()) {
            add_names(entry.get<std::string>(), out.module_names_only);
        }
        all_objects = all_objects && entry.is_object();
    }
    if (all_objects && !modules->empty()) {
        out.modules = modules::module_configs_from_json(*modules);
        out.module_names_only.clear();
    } else if (!all_objects && out.module_names_only.size() != modules->size()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "link.modules mixes names and definitions: " + modules->dump());
    }
    return out;
}

}  // namespace yagura::broker
