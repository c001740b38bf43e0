#pragma once

// What configures one broker module: a `define module` block of the arbiter's configuration
// (module_name, module_type and every other attribute as a parameter, Shinken style), sent to
// the broker with its configuration, or a [module NAME] section of the broker's ini for a
// broker run without an arbiter.

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace yagura::modules {

struct ModuleConfig {
    std::string name;  // module_name
    std::string type;  // module_type: which implementation (livestatus, graphite, logfile)
    std::vector<std::pair<std::string, std::string>> parameters;  // the other attributes

    // The value of a parameter (the last one given wins), or nullopt.
    std::optional<std::string> parameter(std::string_view key) const;

    friend bool operator==(const ModuleConfig&, const ModuleConfig&) = default;
};

// A module as the arbiter sends it: the model's JSON of a `define module` object,
// {"module_name": "...", "module_type": "...", "parameters": {"port": "2003", ...}}; other
// string, number or boolean members are taken as parameters too. Throws
// core::Error(invalid_input) naming what is wrong (no module_name, a parameter that is an array).
ModuleConfig module_config_from_json(const nlohmann::json& module);
// A JSON array of such modules. Throws as above, naming the module at fault.
std::vector<ModuleConfig> module_configs_from_json(const nlohmann::json& modules);
nlohmann::json to_json(const ModuleConfig& config);

// Typed access to a module's parameters with errors that name the module and the parameter
// ("module 'graphite': port: '70000' is not a port (1-65535)"). Each getter throws
// core::Error(invalid_input) for a bad value and returns `fallback` when the parameter is
// absent. unused() lists the parameters no getter asked for, so a typo gets a warning.
class ModuleParameters {
public:
    explicit ModuleParameters(const ModuleConfig& config) : config_(config) {}

    std::string text(std::string_view key, std::string fallback);
    std::int64_t integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                         std::int64_t max);
    double number(std::string_view key, double fallback, double min, double max);
    bool boolean(std::string_view key, bool fallback);
    std::uint16_t port(std::string_view key, std::uint16_t fallback);
    // A duration in seconds ("30", "0.5").
    std::chrono::milliseconds seconds(std::string_view key, std::chrono::milliseconds fallback);
    // A size in bytes, with an optional K, M or G suffix (powers of 1024): "64M".
    std::uint64_t bytes(std::string_view key, std::uint64_t fallback);

    // Parameters present but never asked for, in the order given.
    std::vector<std::string> unused() const;

private:
    std::optional<std::string> take(std::string_view key);
    [[noreturn]] void fail(std::string_view key, const std::string& value,
                           std::string_view expected) const;

    const ModuleConfig& config_;
    std::set<std::string, std::less<>> read_;
};

}  // namespace yagura::modules
