#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/modules/common/module_config.hpp>

namespace yagura::modules {

namespace {

[[noreturn]] void invalid(const std::string& message) {
    throw core::Error(core::ErrorKind::invalid_input, message);
}

// A JSON scalar as the text a `define module` line would have given.
std::optional<std::string> scalar_text(const nlohmann::json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "1" : "0";
    }
    if (value.is_number()) {
        return value.dump();
    }
    return std::nullopt;
}

void add_parameter(ModuleConfig& config, const std::string& key, const nlohmann::json& value) {
    auto text = scalar_text(value);
    if (!text) {
        invalid(fmt::format("module '{}': parameter '{}' must be a string, number or boolean",
                            config.name, key));
    }
    config.parameters.emplace_back(key, *text);
}

std::string required_text(const nlohmann::json& module, const char* key) {
    auto it = module.find(key);
    if (it == module.end() || !it->is_string() || core::trim(it->get<std::string>()).empty()) {
        invalid(fmt::format("module {}: '{}' is missing or not a string", module.dump(), key));
    }
    return std::string(core::trim(it->get<std::string>()));
}

// Fields of the model's JSON that describe the `define module` block itself, not what the
// module reads (its identity, templates, where it was defined).
bool is_object_field(std::string_view key) {
    return key == "module_name" || key == "module_type" || key == "imported_from" || key == "use" ||
           key == "name" || key == "register";
}

}  // namespace

std::optional<std::string> ModuleConfig::parameter(std::string_view key) const {
    std::optional<std::string> found;
    for (const auto& [parameter_name, value] : parameters) {
        if (parameter_name == key) {
            found = value;
        }
    }
    return found;
}

ModuleConfig module_config_from_json(const nlohmann::json& module) {
    if (!module.is_object()) {
        invalid("a module must be a JSON object, got " + module.dump());
    }
    ModuleConfig config;
    config.name = required_text(module, "module_name");
    config.type = required_text(module, "module_type");
    for (const auto& [key, value] : module.items()) {
        if (is_object_field(key)) {
            continue;
        }
        if (key == "parameters" && value.is_object()) {
            for (const auto& [name, parameter] : value.items()) {
                add_parameter(config, name, parameter);
            }
        } else if (!value.is_null() && !value.is_array() && !value.is_object()) {
            add_parameter(config, key, value);
        }
        // Arrays and objects other than "parameters" are the model's own fields (the
        // sub-module list "modules", source locations): nothing a module reads.
    }
    return config;
}

std::vector<ModuleConfig> module_configs_from_json(const nlohmann::json& modules) {
    if (!modules.is_array()) {
        invalid("the modules must be a JSON array, got " + modules.dump());
    }
    std::vector<ModuleConfig> configs;
    for (const auto& module : modules) {
        configs.push_back(module_config_from_json(module));
    }
    return configs;
}

nlohmann::json to_json(const ModuleConfig& config) {
    nlohmann::json parameters = nlohmann::json::object();
    for (const auto& [key, value] : config.parameters) {
        parameters[key] = value;
    }
    return {{"module_name", config.name},
            {"module_type", config.type},
            {"parameters", std::move(parameters)}};
}

std::optional<std::string> ModuleParameters::take(std::string_view key) {
    read_.emplace(key);
    auto value = config_.parameter(key);
    if (value) {
        return std::string(core::trim(*value));
    }
    return value;
}

void ModuleParameters::fail(std::string_view key, const std::string& value,
                            std::string_view expected) const {
    invalid(fmt::format("module '{}': {}: '{}' is not {}", config_.name, key, value, expected));
}

std::string ModuleParameters::text(std::string_view key, std::string fallback) {
    auto value = take(key);
    return value ? *value : std::move(fallback);
}

std::int64_t ModuleParameters::integer(std::string_view key, std::int64_t fallback,
                                       std::int64_t min, std::int64_t max) {
    auto value = take(key);
    if (!value) {
        return fallback;
    }
    auto number = core::parse_int(*value);
    if (!number || *number < min || *number > max) {
        fail(key, *value, fmt::format("an integer from {} to {}", min, max));
    }
    return *number;
}

double ModuleParameters::number(std::string_view key, double fallback, double min, double max) {
    auto value = take(key);
    if (!value) {
        return fallback;
    }
    auto number = core::parse_double(*value);
    if (!number || !std::isfinite(*number) || *number < min || *number > max) {
        fail(key, *value, fmt::format("a number from {} to {}", min, max));
    }
    return *number;
}

bool ModuleParameters::boolean(std::string_view key, bool fallback) {
    auto value = take(key);
    if (!value) {
        return fallback;
    }
    auto flag = core::parse_bool(*value);
    if (!flag) {
        fail(key, *value, "a boolean (1/0, yes/no, true/false, on/off)");
    }
    return *flag;
}

std::uint16_t ModuleParameters::port(std::string_view key, std::uint16_t fallback) {
    auto value = take(key);
    if (!value) {
        return fallback;
    }
    auto number = core::parse_int(*value);
    if (!number || *number < 1 || *number > 65535) {
        fail(key, *value, "a port (1-65535)");
    }
    return static_cast<std::uint16_t>(*number);
}

std::chrono::milliseconds ModuleParameters::seconds(std::string_view key,
                                                    std::chrono::milliseconds fallback) {
    auto value = take(key);
    if (!value) {
        return fallback;
    }
    auto number = core::parse_double(*value);
    if (!number || !std::isfinite(*number) || *number < 0 || *number > 1e9) {
        fail(key, *value, "a duration in seconds");
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(*number * 1000)));
}

std::uint64_t ModuleParameters::bytes(std::string_view key, std::uint64_t fallback) {
    auto value = take(key);
    if (!value) {
        return fallback;
    }
    std::string_view digits = *value;
    std::uint64_t unit = 1;
    if (!digits.empty()) {
        switch (std::toupper(static_cast<unsigned char>(digits.back()))) {
            case 'K':
                unit = 1ull << 10;
                break;
            case 'M':
                unit = 1ull << 20;
                break;
            case 'G':
                unit = 1ull << 30;
                break;
            default:
                break;
        }
        if (unit != 1) {
            digits.remove_suffix(1);
        }
    }
    auto number = core::parse_int(digits);
    if (!number || *number < 0 || static_cast<std::uint64_t>(*number) > (1ull << 50) / unit) {
        fail(key, *value, "a size in bytes (e.g. 65536, 512K, 64M, 1G)");
    }
    return static_cast<std::uint64_t>(*number) * unit;
}

std::vector<std::string> ModuleParameters::unused() const {
    std::vector<std::string> unused;
    for (const auto& [key, value] : config_.parameters) {
        if (!read_.contains(key) && std::find(unused.begin(), unused.end(), key) == unused.end()) {
            unused.push_back(key);
        }
    }
    return unused;
}

}  // namespace yagura::modules
