#include "arbiter/config_source.hpp"

#include <nlohmann/json.hpp>

#include <yagura/config/loader.hpp>
#include <yagura/model/json.hpp>

namespace yagura::arbiter {

namespace {

Loaded from_result(config::LoadResult result) {
    Loaded out;
    for (const auto& e : result.errors) {
        out.errors.push_back(e.to_string());
    }
    for (const auto& w : result.warnings) {
        out.warnings.push_back(w.to_string());
    }
    out.config = std::move(result.config);
    return out;
}

}  // namespace

Loaded load_configuration(const std::string& main_cfg) {
    return from_result(config::load(main_cfg));
}

Loaded load_configuration_json(const nlohmann::json& in) {
    return from_result(config::load_from_json(in));
}

nlohmann::json whole_configuration_json(const model::Config& config) {
    nlohmann::json out = nlohmann::json::object();
    out["globals"] = model::to_json(config.globals, config.pool, model::JsonView::config);
    nlohmann::json resources = nlohmann::json::object();
    for (const auto& r : config.resources) {
        resources[std::string(config.pool.str(r.name))] = config.pool.str(r.value);
    }
    out["resources"] = std::move(resources);
    model::for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        nlohmann::json items = nlohmann::json::array();
        for (const T& obj : config.table<T>()) {
            if (obj.registered) {
                items.push_back(model::to_json(obj, config.pool, model::JsonView::config));
            }
        }
        out[std::string(model::type_info<T>().plural)] = std::move(items);
    });
    return out;
}

}  // namespace yagura::arbiter
