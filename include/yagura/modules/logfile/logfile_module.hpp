#pragma once

// The monitoring log module: the Nagios-format event log (nagios_log.hpp) written from the
// scheduler's `log` broks, rotated daily at local midnight into an archive directory, with the
// current state of every host and service written after each rotation and after each scheduler
// part's full dump (so every file says where things stood, as Nagios' archives do).
//
//   define module {
//       module_name    log
//       module_type    logfile          ; Shinken's simple_log works too
//       path           /var/log/yagura/monitoring.log
//       archive_path   /var/log/yagura/archives
//   }

#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <yagura/modules/common/module.hpp>
#include <yagura/modules/logfile/nagios_log.hpp>

namespace yagura::modules::logfile {

struct LogFileSettings {
    std::string path;          // the current log
    std::string archive_path;  // where rotated logs go
    std::string archive_prefix = "yagura";
    bool rotate = true;                         // log_rotation_method d (daily) or n (never)
    std::size_t max_pending_bytes = 16u << 20;  // kept while the disk refuses writes
};

// path (or Nagios' log_file; default <workdir>/monitoring.log), archive_path (or
// log_archive_path; default "archives" beside the log), archive_prefix, log_rotation_method
// (d or n). Relative paths are resolved against `workdir`. Throws core::Error(invalid_input).
LogFileSettings logfile_settings(const ModuleConfig& config, const std::string& workdir,
                                 std::vector<std::string>* unused = nullptr);

struct LogFileStats {
    std::uint64_t lines = 0;  // lines written (events, rotation and state lines)
    std::uint64_t rotations = 0;
    std::uint64_t write_errors = 0;
    std::uint64_t dropped_bytes = 0;  // lost because the disk kept refusing past the bound
};

class LogFileModule final : public Module {
public:
    LogFileModule(const ModuleContext& context, std::string name, LogFileSettings settings);
    ~LogFileModule() override;

    bool wants(std::string_view brok_type) const override;
    // Creates the directories, archives a log left by an earlier day, opens the log.
    void start() override;
    void handle(const Brok& brok) override;
    // Rotates at midnight and flushes what was written in the last second.
    void tick(core::EpochSeconds now) override;
    boost::asio::awaitable<void> stop(std::chrono::milliseconds budget) override;
    nlohmann::json stats() const override;
    void metrics(net::MetricsWriter& out, const net::Labels& labels) const override;

    // Writes the buffered lines to the file now.
    void flush();
    std::time_t next_rotation() const { return next_rotation_; }

private:
    struct Element {
        ElementState state;
        int instance_id = 0;
    };
    void write(std::time_t time, std::string_view message);
    void rotate_if_due(std::time_t now);
    void rotate(std::time_t rotation_time);
    void archive_file(const std::string& archive);
    void open();
    void write_current_states(std::time_t time, std::optional<int> instance_id);
    void update_element(const Brok& brok, bool is_host);
    void log_brok(const Brok& brok);

    std::string name_;
    LogFileSettings settings_;
    const core::Clock& clock_;
    std::FILE* file_ = nullptr;
    std::string pending_;  // lines not yet in the file
    std::time_t next_rotation_ = 0;
    std::map<std::string, Element> hosts_;
    std::map<std::string, Element> services_;  // key: host '\n' description
    LogFileStats stats_;
};

// The factory the broker registers for module_type logfile (and simple_log).
std::unique_ptr<Module> make_logfile_module(const ModuleConfig& config,
                                            const ModuleContext& context);

}  // namespace yagura::modules::logfile
