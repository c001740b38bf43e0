#include "broker/broker_ini.hpp"

#include <filesystem>

#include <fmt/format.h>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/ini.hpp>

namespace yagura::broker {

namespace {

[[noreturn]] void invalid(const daemon::IniFile& ini, const daemon::IniValue& value,
                          const std::string& message) {
    throw core::Error(core::ErrorKind::invalid_input,
                      fmt::format("{}:{}: {}", ini.source, value.line, message));
}

modules::ModuleConfig module_section(const std::string& name,
                                     const std::map<std::string, daemon::IniValue>& keys,
                                     const daemon::IniFile& ini) {
    modules::ModuleConfig config;
    config.name = name;
    for (const auto& [key, value] : keys) {
        if (key == "module_type") {
            config.type = value.value;
        } else if (key == "module_name") {
            config.name = value.value;
        } else {
            config.parameters.emplace_back(key, value.value);
        }
    }
    if (config.type.empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          fmt::format("{}: [module {}] has no module_type", ini.source, name));
    }
    return config;
}

SchedulerEndpoint scheduler_section(const std::string& name,
                                    const std::map<std::string, daemon::IniValue>& keys,
                                    const daemon::IniFile& ini, bool default_use_ssl) {
    SchedulerEndpoint s;
    s.name = name;
    s.use_ssl = default_use_ssl;
    for (const auto& [key, value] : keys) {
        const auto& text = value.value;
        if (key == "address") {
            s.address = text;
        } else if (key == "port" || key == "part_id") {
            auto number = core::parse_int(text);
            if (!number || (key == "port" && (*number < 1 || *number > 65535))) {
                invalid(ini, value, key + ": '" + text + "' is not valid");
            }
            if (key == "port") {
                s.port = static_cast<std::uint16_t>(*number);
            } else {
                s.part_id = static_cast<int>(*number);
            }
        } else if (key == "use_ssl") {
            auto flag = core::parse_bool(text);
            if (!flag) {
                invalid(ini, value, "use_ssl: '" + text + "' is not 0 or 1");
            }
            s.use_ssl = *flag;
        } else if (key == "timeout" || key == "data_timeout") {
            auto number = core::parse_double(text);
            if (!number || *number <= 0) {
                invalid(ini, value, key + ": '" + text + "' is not a number of seconds");
            }
            (key == "timeout" ? s.timeout : s.data_timeout) = *number;
        } else {
            invalid(ini, value, "unknown key '" + key + "' in [scheduler " + name + "]");
        }
    }
    if (s.address.empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          fmt::format("{}: [scheduler {}] has no address", ini.source, name));
    }
    return s;
}

}  // namespace

BrokerIni load_broker_ini(const std::string& path, bool default_use_ssl) {
    BrokerIni out;
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) {
        return out;
    }
    auto ini = daemon::load_ini(path);
    for (const auto& [section, keys] : ini.sections) {
        auto words = core::split(section, ' ');
        if (words.size() != 2) {
            continue;
        }
        if (words[0] == "module") {
            out.modules.push_back(module_section(words[1], keys, ini));
        } else if (words[0] == "scheduler") {
            out.schedulers.push_back(scheduler_section(words[1], keys, ini, default_use_ssl));
        }
    }
    return out;
}

}  // namespace yagura::broker
