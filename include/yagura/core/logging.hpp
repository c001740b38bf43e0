#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

namespace yagura::core {

struct LogSettings {
    std::string level = "info";  // trace, debug, info, warning, error, critical, off
    std::string file;            // empty: stderr
    bool journald = false;       // also send to the systemd journal
};

// Sets the level and destination of every subsystem logger, existing and future.
// Throws core::Error(invalid_input) for an unknown level or a file that cannot be opened.
void configure_logging(const LogSettings& settings);

// The logger of one subsystem ("net", "config", "engine", ...), created on first use with
// the current settings. Cheap to call; cache the result in hot paths.
std::shared_ptr<spdlog::logger> logger(std::string_view subsystem);

// Closes and reopens the log file (after logrotate moved it); called on SIGHUP.
void reopen_logs();

// Changes the level of every logger at run time (GET/POST /set_log_level).
void set_log_level(std::string_view level);
std::string current_log_level();

}  // namespace yagura::core
