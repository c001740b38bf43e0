#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/modules/common/module.hpp>

namespace yagura::modules {

bool Module::wants(std::string_view) const {
    return true;
}

void Module::tick(core::EpochSeconds) {}

boost::asio::awaitable<void> Module::stop(std::chrono::milliseconds) {
    co_return;
}

nlohmann::json Module::stats() const {
    return nlohmann::json::object();
}

void Module::metrics(net::MetricsWriter&, const net::Labels&) const {}

void ModuleRegistry::add(std::string type, ModuleFactory factory,
                         std::vector<std::string> aliases) {
    type = core::to_lower(type);
    if (knows(type)) {
        throw core::Error(core::ErrorKind::conflict, "module type '" + type + "' registered twice");
    }
    for (auto& alias : aliases) {
        alias = core::to_lower(alias);
        if (knows(alias) || alias == type) {
            throw core::Error(core::ErrorKind::conflict,
                              "module type alias '" + alias + "' registered twice");
        }
    }
    for (auto& alias : aliases) {
        aliases_.emplace(std::move(alias), type);
    }
    factories_.emplace(std::move(type), std::move(factory));
}

std::string ModuleRegistry::canonical(std::string_view type) const {
    auto lower = core::to_lower(type);
    if (factories_.contains(lower)) {
        return lower;
    }
    auto alias = aliases_.find(lower);
    return alias == aliases_.end() ? std::string() : alias->second;
}

bool ModuleRegistry::knows(std::string_view type) const {
    return !canonical(type).empty();
}

std::vector<std::string> ModuleRegistry::types() const {
    std::vector<std::string> types;
    for (const auto& [type, factory] : factories_) {
        types.push_back(type);
    }
    return types;
}

std::unique_ptr<Module> ModuleRegistry::make(const ModuleConfig& config,
                                             const ModuleContext& context) const {
    auto type = canonical(config.type);
    if (type.empty()) {
        throw core::Error(core::ErrorKind::not_found,
                          fmt::format("module '{}': unknown module_type '{}' (known: {})",
                                      config.name, config.type, core::join(types(), ", ")));
    }
    return factories_.find(type)->second(config, context);
}

}  // namespace yagura::modules
