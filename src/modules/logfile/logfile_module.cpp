#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <span>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/modules/logfile/logfile_module.hpp>

namespace yagura::modules::logfile {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr std::size_t kFlushBytes = 64u << 10;

std::string resolve(const std::string& path, const std::string& workdir) {
    if (path.empty() || fs::path(path).is_absolute()) {
        return path;
    }
    return (fs::path(workdir) / path).lexically_normal().string();
}

std::string text_field(const json& data, const char* key) {
    auto it = data.find(key);
    if (it == data.end() || it->is_null()) {
        return {};
    }
    return it->is_string() ? it->get<std::string>() : it->dump();
}

// A state given as a number or a name (docs/broks.md: "state").
std::optional<int> state_value(const json& value, bool host) {
    if (value.is_number()) {
        return value.get<int>();
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    static const std::pair<const char*, int> kHost[] = {
        {"UP", 0}, {"DOWN", 1}, {"UNREACHABLE", 2}, {"PENDING", 0}};
    static const std::pair<const char*, int> kService[] = {
        {"OK", 0}, {"WARNING", 1}, {"CRITICAL", 2}, {"UNKNOWN", 3}, {"PENDING", 0}};
    std::span<const std::pair<const char*, int>> names = kService;
    if (host) {
        names = kHost;
    }
    for (const auto& [name, number] : names) {
        if (core::iequals(value.get<std::string>(), name)) {
            return number;
        }
    }
    return std::nullopt;
}

std::optional<bool> hard_value(const json& value) {
    if (value.is_number()) {
        return value.get<int>() != 0;
    }
    if (value.is_string()) {
        return core::iequals(value.get<std::string>(), "HARD");
    }
    return std::nullopt;
}

std::string service_key(std::string_view host, std::string_view description) {
    return std::string(host) + '\n' + std::string(description);
}

std::string first_line(std::string text) {
    auto end = text.find('\n');
    if (end != std::string::npos) {
        text.resize(end);
    }
    return text;
}

}  // namespace

LogFileSettings logfile_settings(const ModuleConfig& config, const std::string& workdir,
                                 std::vector<std::string>* unused) {
    ModuleParameters p(config);
    LogFileSettings s;
    auto nagios_path = p.text("log_file", "monitoring.log");
    s.path = resolve(p.text("path", nagios_path), workdir);
    auto nagios_archive = p.text("log_archive_path", "");
    auto archive = p.text("archive_path", nagios_archive);
    s.archive_path = archive.empty() ? (fs::path(s.path).parent_path() / "archives").string()
                                     : resolve(archive, workdir);
    s.archive_prefix = p.text("archive_prefix", "yagura");
    auto method = p.text("log_rotation_method", "d");
    if (method != "d" && method != "n") {
        throw core::Error(core::ErrorKind::invalid_input, "module '" + config.name +
                                                              "': log_rotation_method: '" + method +
                                                              "' is not d (daily) or n (never)");
    }
    s.rotate = method == "d";
    s.max_pending_bytes = p.bytes("max_pending_size", s.max_pending_bytes);
    if (s.archive_prefix.empty() || s.archive_prefix.find('/') != std::string::npos) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "module '" + config.name + "': archive_prefix must be a plain name");
    }
    if (unused) {
        *unused = p.unused();
    }
    return s;
}

LogFileModule::LogFileModule(const ModuleContext& context, std::string name,
                             LogFileSettings settings)
    : name_(std::move(name)), settings_(std::move(settings)), clock_(context.clock) {}

LogFileModule::~LogFileModule() {
    if (file_) {
        flush();
        std::fclose(file_);
    }
}

bool LogFileModule::wants(std::string_view type) const {
    return type == "log" || type == "initial_host_status" || type == "initial_service_status" ||
           type == "update_host_status" || type == "update_service_status" ||
           type == "host_check_result" || type == "service_check_result" ||
           type == "clean_all_my_instance_id" || type == "initial_broks_done";
}

void LogFileModule::open() {
    file_ = std::fopen(settings_.path.c_str(), "a");
    if (!file_) {
        throw core::Error(core::ErrorKind::unavailable,
                          fmt::format("module '{}': cannot open {}: {}", name_, settings_.path,
                                      std::strerror(errno)));
    }
}

void LogFileModule::start() {
    std::error_code ec;
    for (const auto& dir :
         {fs::path(settings_.path).parent_path(), fs::path(settings_.archive_path)}) {
        if (!dir.empty() && !fs::create_directories(dir, ec) && ec) {
            throw core::Error(core::ErrorKind::unavailable,
                              fmt::format("module '{}': cannot create {}: {}", name_, dir.string(),
                                          ec.message()));
        }
    }
    auto now = clock_.now_seconds();
    // A log left by an earlier day (the broker was down at midnight) goes to the archive its
    // midnight would have made.
    if (settings_.rotate && fs::file_size(settings_.path, ec) > 0 && !ec) {
        auto written = fs::last_write_time(settings_.path, ec);
        if (!ec) {
            auto mtime = std::chrono::system_clock::to_time_t(
                std::chrono::time_point_cast<std::chrono::system_clock::duration>(
                    std::chrono::file_clock::to_sys(written)));
            if (mtime < last_midnight(now)) {
                archive_file((fs::path(settings_.archive_path) /
                              archive_name(settings_.archive_prefix, next_midnight(mtime)))
                                 .string());
            }
        }
    }
    open();
    next_rotation_ = settings_.rotate ? next_midnight(now) : 0;
    write(now, "LOG VERSION: 2.0");
    flush();
}

void LogFileModule::write(std::time_t time, std::string_view message) {
    pending_ += log_line(time, message);
    ++stats_.lines;
}

void LogFileModule::flush() {
    if (pending_.empty()) {
        return;
    }
    if (!file_) {
        try {
            open();
        } catch (const core::Error&) {
        }
    }
    std::size_t written = 0;
    if (file_) {
        written = std::fwrite(pending_.data(), 1, pending_.size(), file_);
        if (std::fflush(file_) != 0) {
            written = 0;  // unknown how much reached the file: keep it all and retry
        }
    }
    if (written == pending_.size()) {
        pending_.clear();
        return;
    }
    ++stats_.write_errors;
    pending_.erase(0, written);
    core::logger("logfile")->error("module '{}': cannot write {}: {}; {} bytes kept to retry",
                                   name_, settings_.path, std::strerror(errno), pending_.size());
    if (pending_.size() > settings_.max_pending_bytes) {
        // Past the bound the oldest whole lines go.
        auto cut = pending_.find('\n', pending_.size() - settings_.max_pending_bytes);
        cut = cut == std::string::npos ? pending_.size() : cut + 1;
        stats_.dropped_bytes += cut;
        pending_.erase(0, cut);
    }
}

void LogFileModule::archive_file(const std::string& archive) {
    std::error_code ec;
    if (!fs::exists(archive, ec)) {
        fs::rename(settings_.path, archive, ec);
        if (!ec) {
            return;
        }
    }
    // The archive exists already (or is on another file system): append to it, lose nothing.
    {
        std::ifstream in(settings_.path, std::ios::binary);
        std::ofstream out(archive, std::ios::binary | std::ios::app);
        out << in.rdbuf();
        if (!in || !out) {
            ++stats_.write_errors;
            core::logger("logfile")->error(
                "module '{}': cannot archive {} into {}; it keeps growing", name_, settings_.path,
                archive);
            return;
        }
    }
    fs::remove(settings_.path, ec);
}

void LogFileModule::rotate(std::time_t rotation_time) {
    flush();
    if (file_) {
        std::fclose(file_);
        file_ = nullptr;
    }
    auto archive =
        (fs::path(settings_.archive_path) / archive_name(settings_.archive_prefix, rotation_time))
            .string();
    archive_file(archive);
    try {
        open();
    } catch (const core::Error& e) {
        core::logger("logfile")->error("{} (lines are kept and retried)", e.what());
    }
    ++stats_.rotations;
    write(rotation_time, "LOG ROTATION: DAILY");
    write(rotation_time, "LOG VERSION: 2.0");
    write_current_states(rotation_time, std::nullopt);
    flush();
    core::logger("logfile")->info("module '{}': rotated {} into {}", name_, settings_.path,
                                  archive);
}

void LogFileModule::rotate_if_due(std::time_t now) {
    if (next_rotation_ != 0 && now >= next_rotation_) {
        // After a long pause (broker stopped over several midnights), one rotation dated at
        // the last midnight.
        auto rotation_time = std::max(next_rotation_, last_midnight(now));
        rotate(rotation_time);
        next_rotation_ = next_midnight(rotation_time);
    }
}

void LogFileModule::write_current_states(std::time_t time, std::optional<int> instance_id) {
    for (const auto* elements : {&hosts_, &services_}) {
        for (const auto& [key, element] : *elements) {
            if (!instance_id || element.instance_id == *instance_id) {
                write(time, current_state_message(element.state));
            }
        }
    }
}

void LogFileModule::update_element(const Brok& brok, bool is_host) {
    const auto& data = brok.data();
    auto host = text_field(data, "host_name");
    if (host.empty()) {
        return;
    }
    auto description = is_host ? std::string() : text_field(data, "service_description");
    auto& elements = is_host ? hosts_ : services_;
    auto& element = elements[is_host ? host : service_key(host, description)];
    element.instance_id = brok.instance_id();
    auto& state = element.state;
    state.host_name = host;
    state.description = description;
    if (auto it = data.find("state_id"); it != data.end() && it->is_number()) {
        state.state = it->get<int>();
    } else if (auto named = data.find("state"); named != data.end()) {
        state.state = state_value(*named, is_host).value_or(state.state);
    }
    for (const char* key : {"state_type_id", "state_type"}) {
        if (auto it = data.find(key); it != data.end()) {
            if (auto hard = hard_value(*it)) {
                state.hard = *hard;
                break;
            }
        }
    }
    if (auto it = data.find("attempt"); it != data.end() && it->is_number()) {
        state.attempt = it->get<int>();
    }
    if (data.contains("output")) {
        state.output = first_line(text_field(data, "output"));
    }
}

void LogFileModule::log_brok(const Brok& brok) {
    const auto& data = brok.data();
    auto text = text_field(data, "log");
    if (text.empty()) {
        return;
    }
    std::string_view message = text;
    double time = clock_.now();
    if (auto it = data.find("time"); it != data.end() && it->is_number()) {
        time = it->get<double>();
    }
    // A Shinken-style line that carries its own "[epoch] ".
    if (message.size() > 2 && message.front() == '[') {
        auto close = message.find("] ");
        if (auto epoch = close == std::string_view::npos
                             ? std::nullopt
                             : core::parse_int(message.substr(1, close - 1))) {
            time = static_cast<double>(*epoch);
            message.remove_prefix(close + 2);
        }
    }
    write(static_cast<std::time_t>(time), message);
}

void LogFileModule::handle(const Brok& brok) {
    rotate_if_due(clock_.now_seconds());
    auto type = brok.type();
    if (type == "log") {
        log_brok(brok);
    } else if (type == "initial_host_status" || type == "update_host_status" ||
               type == "host_check_result") {
        update_element(brok, true);
    } else if (type == "initial_service_status" || type == "update_service_status" ||
               type == "service_check_result") {
        update_element(brok, false);
    } else if (type == "clean_all_my_instance_id") {
        // The part's full dump follows and describes its elements again.
        for (auto* elements : {&hosts_, &services_}) {
            std::erase_if(*elements, [&](const auto& entry) {
                return entry.second.instance_id == brok.instance_id();
            });
        }
    } else if (type == "initial_broks_done") {
        write_current_states(clock_.now_seconds(), brok.instance_id());
    }
    if (pending_.size() >= kFlushBytes) {
        flush();
    }
}

void LogFileModule::tick(core::EpochSeconds now) {
    rotate_if_due(static_cast<std::time_t>(now));
    flush();
}

boost::asio::awaitable<void> LogFileModule::stop(std::chrono::milliseconds) {
    flush();
    if (file_) {
        std::fclose(file_);
        file_ = nullptr;
    }
    co_return;
}

nlohmann::json LogFileModule::stats() const {
    return {{"path", settings_.path},
            {"archive_path", settings_.archive_path},
            {"lines", stats_.lines},
            {"rotations", stats_.rotations},
            {"next_rotation", static_cast<long long>(next_rotation_)},
            {"write_errors", stats_.write_errors},
            {"pending_bytes", pending_.size()},
            {"dropped_bytes", stats_.dropped_bytes},
            {"hosts", hosts_.size()},
            {"services", services_.size()}};
}

void LogFileModule::metrics(net::MetricsWriter& out, const net::Labels& labels) const {
    out.counter("yagura_logfile_lines_total", "Lines written to the monitoring log.",
                static_cast<double>(stats_.lines), labels);
    out.counter("yagura_logfile_write_errors_total", "Failed writes to the monitoring log.",
                static_cast<double>(stats_.write_errors), labels);
}

std::unique_ptr<Module> make_logfile_module(const ModuleConfig& config,
                                            const ModuleContext& context) {
    std::vector<std::string> unused;
    auto settings = logfile_settings(config, context.workdir, &unused);
    for (const auto& key : unused) {
        core::logger("logfile")->warn("module '{}': parameter '{}' is not used by logfile",
                                      config.name, key);
    }
    return std::make_unique<LogFileModule>(context, config.name, std::move(settings));
}

}  // namespace yagura::modules::logfile
