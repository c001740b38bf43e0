#pragma once

// The monitoring log history behind Livestatus' log table: Nagios log lines appended to files
// in the broker's workdir ("[epoch] SERVICE ALERT: ..."), one file per period or size, the
// oldest removed past a total size or an age. Read back by time range: a query opens only the
// files whose span meets the range, and stops reading a file past the range's end.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/modules/livestatus/objects.hpp>

namespace yagura::modules::brokerstate {

struct LogStoreSettings {
    std::filesystem::path directory;               // empty: keep no history (log table empty)
    std::uintmax_t max_file_bytes = 64u << 20;     // start a new file past this size
    std::uintmax_t max_total_bytes = 1024u << 20;  // remove the oldest files past this total
    double max_age_seconds = 31 * 86400.0;         // remove files whose last entry is older
};

class LogStore {
public:
    explicit LogStore(LogStoreSettings settings);
    ~LogStore();
    LogStore(const LogStore&) = delete;
    LogStore& operator=(const LogStore&) = delete;

    // Appends one line (without the "[epoch] " prefix, which the store writes). Rotates and
    // prunes as needed; I/O errors are logged and the line is dropped from disk (never thrown).
    void append(double time, std::string_view message, double now);

    // Entries with since <= time <= until, oldest first, until visit returns false.
    void for_each(double since, double until,
                  const std::function<bool(const livestatus::LogEntry&)>& visit) const;

    std::size_t file_count() const { return files_.size(); }
    std::uintmax_t total_bytes() const;

private:
    struct File {
        std::filesystem::path path;
        double first_time = 0, last_time = 0;
        std::uintmax_t bytes = 0;
    };

    void scan_directory();
    void open_new_file(double time);
    void prune(double now);

    LogStoreSettings settings_;
    std::vector<File> files_;  // oldest first; the last one is written to
    struct Writer;
    std::unique_ptr<Writer> writer_;
};

// Parses one Nagios log message (without the "[epoch] " prefix) into the log table's columns:
// class, type, host, service, state, state type, attempt, contact, command, output.
livestatus::LogEntry parse_log_message(std::string_view message, double time);

}  // namespace yagura::modules::brokerstate
