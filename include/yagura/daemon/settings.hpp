#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <yagura/net/tls.hpp>

namespace yagura::daemon {

// What a daemon process needs to run, whatever its role. Satellites read it from their ini
// file, the arbiter from the globals of its main configuration file plus its own
// `define arbiter` block. Every path is absolute once loaded: relative paths are resolved
// against the directory of the file they were read from.
struct DaemonSettings {
    std::string role;         // "scheduler", "poller", ..., "arbiter"
    std::string name;         // shown in /stats; the role unless a link names it
    std::string config_file;  // the file these settings came from
    std::string workdir;      // the process chdirs here; default: the config file's directory
    std::string pidfile;      // default: <workdir>/<role>d.pid, as Shinken names it
    std::string host = "0.0.0.0";
    std::uint16_t port = 0;
    net::TlsSettings tls;   // use_ssl, ca_cert, server_cert, server_key, hard_ssl_name_check
    std::string local_log;  // empty: log to stderr
    std::string log_level = "info";
    std::string user;   // switch to this user when started as root
    std::string group;  // and this group (default: the user's)
    bool daemonize = false;
    // How long requests in flight may take to finish when the daemon stops.
    std::chrono::milliseconds stop_grace{1000};
    std::size_t max_request_body = 64 * 1024 * 1024;
    // Things worth telling the admin that did not stop loading (unknown keys, ...).
    std::vector<std::string> warnings;
};

// The default port of each role: arbiter 7770, scheduler 7768, poller 7771, reactionner 7769,
// broker 7772, receiver 7773. Throws core::Error(invalid_input) for an unknown role.
std::uint16_t default_port(const std::string& role);

// Reads the [daemon] section of a satellite's ini file. Unknown keys become warnings; a bad
// value (port 70000, use_ssl maybe) is a core::Error(invalid_input) naming file and line.
DaemonSettings load_satellite_settings(const std::string& ini_path, const std::string& role);

// Reads the process settings of the arbiter from the `key=value` globals of the main
// configuration file (workdir, lock_file, local_log, log_level, use_ssl, ca_cert,
// server_cert, server_key, hard_ssl_name_check, yagura_user/yagura_group). Other globals
// belong to the monitoring configuration and are left alone. Host and port default to
// 127.0.0.1:7770; the arbiter sets them from its own `define arbiter` block.
DaemonSettings load_arbiter_settings(const std::string& main_cfg_path);

}  // namespace yagura::daemon
