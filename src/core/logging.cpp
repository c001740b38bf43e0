#include <cstdio>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <spdlog/details/null_mutex.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/sinks/systemd_sink.h>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>

namespace yagura::core {

namespace {

// A file sink that can reopen its file, so logrotate's "move then SIGHUP" works.
class ReopenableFileSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit ReopenableFileSink(std::string path) : path_(std::move(path)) { open(); }
    ~ReopenableFileSink() override {
        if (file_ != nullptr) {
            std::fclose(file_);
        }
    }
    void reopen() {
        std::lock_guard lock(mutex_);
        if (file_ != nullptr) {
            std::fclose(file_);
            file_ = nullptr;
        }
        open();
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        if (file_ != nullptr) {
            std::fwrite(formatted.data(), 1, formatted.size(), file_);
        }
    }
    void flush_() override {
        if (file_ != nullptr) {
            std::fflush(file_);
        }
    }

private:
    void open() {
        file_ = std::fopen(path_.c_str(), "ae");
        if (file_ == nullptr) {
            throw Error(ErrorKind::invalid_input, "cannot open log file " + path_);
        }
    }
    std::string path_;
    std::FILE* file_ = nullptr;
};

struct Registry {
    std::mutex mutex;
    LogSettings settings;
    std::vector<spdlog::sink_ptr> sinks;
    std::shared_ptr<ReopenableFileSink> file_sink;
    std::unordered_map<std::string, std::shared_ptr<spdlog::logger>> loggers;
    spdlog::level::level_enum level = spdlog::level::info;
};

Registry& registry() {
    static Registry r;
    return r;
}

spdlog::level::level_enum parse_level(std::string_view text) {
    auto level = spdlog::level::from_str(std::string(text));
    // spdlog maps unknown names to 'off'; only accept 'off' when asked for.
    if (level == spdlog::level::off && text != "off") {
        throw Error(ErrorKind::invalid_input,
                    "unknown log level '" + std::string(text) +
                        "' (trace, debug, info, warning, error, critical, off)");
    }
    return level;
}

void build_sinks(Registry& r) {
    r.sinks.clear();
    r.file_sink.reset();
    if (r.settings.file.empty()) {
        r.sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
    } else {
        r.file_sink = std::make_shared<ReopenableFileSink>(r.settings.file);
        r.sinks.push_back(r.file_sink);
    }
    if (r.settings.journald) {
        r.sinks.push_back(std::make_shared<spdlog::sinks::systemd_sink_mt>());
    }
    for (auto& sink : r.sinks) {
        sink->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] [%n] %v");
    }
}

std::shared_ptr<spdlog::logger> make_logger(Registry& r, const std::string& name) {
    auto log = std::make_shared<spdlog::logger>(name, r.sinks.begin(), r.sinks.end());
    log->set_level(r.level);
    log->flush_on(spdlog::level::warn);
    return log;
}

}  // namespace

void configure_logging(const LogSettings& settings) {
    auto& r = registry();
    auto level = parse_level(settings.level);
    std::lock_guard lock(r.mutex);
    r.settings = settings;
    r.level = level;
    build_sinks(r);
    for (auto& [name, log] : r.loggers) {
        log->sinks() = r.sinks;
        log->set_level(level);
    }
}

std::shared_ptr<spdlog::logger> logger(std::string_view subsystem) {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    if (r.sinks.empty()) {
        build_sinks(r);
    }
    std::string name(subsystem);
    auto it = r.loggers.find(name);
    if (it != r.loggers.end()) {
        return it->second;
    }
    auto log = make_logger(r, name);
    r.loggers.emplace(name, log);
    return log;
}

void reopen_logs() {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    for (auto& [name, log] : r.loggers) {
        log->flush();
    }
    if (r.file_sink) {
        r.file_sink->reopen();
    }
}

void set_log_level(std::string_view level) {
    auto parsed = parse_level(level);
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.level = parsed;
    r.settings.level = std::string(level);
    for (auto& [name, log] : r.loggers) {
        log->set_level(parsed);
    }
}

std::string current_log_level() {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    auto sv = spdlog::level::to_string_view(r.level);
    return std::string(sv.data(), sv.size());
}

}  // namespace yagura::core
