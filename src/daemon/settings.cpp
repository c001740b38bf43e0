#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/ini.hpp>
#include <yagura/daemon/settings.hpp>

namespace yagura::daemon {

namespace fs = std::filesystem;

namespace {

// Keys that Shinken's daemon files carry and yagura does without: accepted quietly.
const std::set<std::string> kShinkenOnlyKeys = {"daemon_enabled",
                                                "use_local_log",
                                                "modules_dir",
                                                "certs_dir",
                                                "idontcareaboutsecurity",
                                                "max_queue_size",
                                                "daemon_thread_pool_size",
                                                "http_backend",
                                                "log_rotation_when",
                                                "log_rotation_interval",
                                                "log_rotation_count",
                                                "log_format",
                                                "log_date_format",
                                                "graceful_enabled",
                                                "aggressive_memory_management",
                                                "max_check_attempts"};

struct Where {
    const std::string& file;
    int line;
    std::string at() const { return file + ":" + std::to_string(line) + ": "; }
};

std::string resolve_path(const fs::path& base_dir, const std::string& value) {
    if (value.empty()) {
        return value;
    }
    fs::path path(value);
    return (path.is_absolute() ? path : base_dir / path).lexically_normal().string();
}

bool parse_flag(const std::string& key, const std::string& value, const Where& where) {
    auto flag = core::parse_bool(value);
    if (!flag) {
        throw core::Error(core::ErrorKind::invalid_input,
                          where.at() + key + ": expected 0 or 1, got '" + value + "'");
    }
    return *flag;
}

std::string check_log_level(const std::string& value, const Where& where) {
    static const std::set<std::string> kLevels = {"trace", "debug", "info",     "warning",
                                                  "warn",  "error", "critical", "off"};
    auto level = core::to_lower(value);  // Shinken writes WARNING, INFO
    if (!kLevels.contains(level)) {
        throw core::Error(core::ErrorKind::invalid_input,
                          where.at() + "log_level: unknown level '" + value +
                              "' (trace, debug, info, warning, error, critical, off)");
    }
    return level == "warn" ? "warning" : level;
}

// Applies one process setting; returns false for a key that is not one.
bool apply(DaemonSettings& settings, const std::string& key, const std::string& value,
           const fs::path& base_dir, const Where& where) {
    if (key == "workdir") {
        settings.workdir = resolve_path(base_dir, value);
    } else if (key == "pidfile" || key == "lock_file") {
        settings.pidfile = resolve_path(base_dir, value);
    } else if (key == "host") {
        settings.host = value;
    } else if (key == "port") {
        auto port = core::parse_int(value);
        if (!port || *port < 0 || *port > 65535) {
            throw core::Error(core::ErrorKind::invalid_input,
                              where.at() + "port: expected 0-65535, got '" + value + "'");
        }
        settings.port = static_cast<std::uint16_t>(*port);
    } else if (key == "use_ssl") {
        settings.tls.use_ssl = parse_flag(key, value, where);
    } else if (key == "ca_cert") {
        settings.tls.ca_cert = resolve_path(base_dir, value);
    } else if (key == "server_cert") {
        settings.tls.cert = resolve_path(base_dir, value);
    } else if (key == "server_key") {
        settings.tls.key = resolve_path(base_dir, value);
    } else if (key == "hard_ssl_name_check") {
        settings.tls.hard_ssl_name_check = parse_flag(key, value, where);
    } else if (key == "require_client_cert") {
        settings.tls.require_client_cert = parse_flag(key, value, where);
    } else if (key == "local_log") {
        settings.local_log = resolve_path(base_dir, value);
    } else if (key == "log_level") {
        settings.log_level = check_log_level(value, where);
    } else if (key == "user" || key == "yagura_user" || key == "shinken_user") {
        settings.user = value;
    } else if (key == "group" || key == "yagura_group" || key == "shinken_group") {
        settings.group = value;
    } else if (key == "max_request_body") {
        auto bytes = core::parse_int(value);
        if (!bytes || *bytes <= 0) {
            throw core::Error(
                core::ErrorKind::invalid_input,
                where.at() + "max_request_body: expected a byte count, got '" + value + "'");
        }
        settings.max_request_body = static_cast<std::size_t>(*bytes);
    } else {
        return false;
    }
    return true;
}

void fill_defaults(DaemonSettings& settings, const fs::path& config_dir) {
    if (settings.workdir.empty()) {
        settings.workdir = config_dir.lexically_normal().string();
    }
    if (settings.pidfile.empty()) {
        settings.pidfile = (fs::path(settings.workdir) / (settings.role + "d.pid")).string();
    }
    if (settings.name.empty()) {
        settings.name = settings.role;
    }
}

fs::path directory_of(const std::string& path) {
    return fs::absolute(fs::path(path)).parent_path();
}

}  // namespace

std::uint16_t default_port(const std::string& role) {
    static const std::map<std::string, std::uint16_t> kPorts = {
        {"arbiter", 7770},     {"scheduler", 7768}, {"poller", 7771},
        {"reactionner", 7769}, {"broker", 7772},    {"receiver", 7773}};
    auto it = kPorts.find(role);
    if (it == kPorts.end()) {
        throw core::Error(core::ErrorKind::invalid_input, "unknown daemon role '" + role + "'");
    }
    return it->second;
}

DaemonSettings load_satellite_settings(const std::string& ini_path, const std::string& role) {
    DaemonSettings settings;
    settings.role = role;
    settings.port = default_port(role);
    settings.config_file = fs::absolute(ini_path).string();
    auto ini = load_ini(ini_path);
    const auto* section = ini.section("daemon");
    if (section == nullptr) {
        throw core::Error(core::ErrorKind::invalid_input, ini_path + ": no [daemon] section");
    }
    auto base_dir = directory_of(ini_path);
    for (const auto& [key, value] : *section) {
        Where where{ini_path, value.line};
        if (!apply(settings, key, value.value, base_dir, where) &&
            !kShinkenOnlyKeys.contains(key)) {
            settings.warnings.push_back(where.at() + "unknown key '" + key + "' ignored");
        }
    }
    fill_defaults(settings, base_dir);
    return settings;
}

DaemonSettings load_arbiter_settings(const std::string& main_cfg_path) {
    DaemonSettings settings;
    settings.role = "arbiter";
    settings.host = "127.0.0.1";
    settings.port = default_port("arbiter");
    settings.config_file = fs::absolute(main_cfg_path).string();
    std::ifstream in(main_cfg_path);
    if (!in) {
        throw core::Error(core::ErrorKind::not_found, "cannot read " + main_cfg_path);
    }
    static const std::set<std::string> kIgnored = {"host", "port", "pidfile", "user", "group"};
    auto base_dir = directory_of(main_cfg_path);
    int depth = 0;  // inside define { } blocks of the main file, nothing is a global
    int number = 0;
    for (std::string raw; std::getline(in, raw);) {
        ++number;
        std::string uncommented = raw.substr(0, raw.find_first_of("#;"));
        auto line = core::trim(uncommented);
        if (line.empty()) {
            continue;
        }
        if (line.find('{') != std::string_view::npos) {
            ++depth;
        }
        if (line.find('}') != std::string_view::npos) {
            depth = std::max(0, depth - 1);
            continue;
        }
        auto eq = line.find('=');
        if (depth > 0 || eq == std::string_view::npos) {
            continue;
        }
        auto key = core::to_lower(core::trim(line.substr(0, eq)));
        if (kIgnored.contains(key)) {
            continue;  // the arbiter's address and port come from its define arbiter block
        }
        apply(settings, key, std::string(core::trim(line.substr(eq + 1))), base_dir,
              Where{main_cfg_path, number});
    }
    fill_defaults(settings, base_dir);
    return settings;
}

}  // namespace yagura::daemon
