#include <algorithm>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <optional>

#include <fmt/format.h>

#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/modules/brokerstate/log_store.hpp>

namespace yagura::modules::brokerstate {

namespace fs = std::filesystem;

namespace {

// Entries from several schedulers may arrive slightly out of order; a reader goes this far
// past the end of the range before it stops reading a file.
constexpr double kOrderSlackSeconds = 300;

// "[1700000000] SERVICE ALERT: ..." -> time and message.
std::optional<std::pair<double, std::string_view>> split_line(std::string_view line) {
    if (line.size() < 3 || line.front() != '[') {
        return std::nullopt;
    }
    auto close = line.find("] ");
    if (close == std::string_view::npos) {
        return std::nullopt;
    }
    auto time = core::parse_int(line.substr(1, close - 1));
    if (!time) {
        return std::nullopt;
    }
    return std::make_pair(static_cast<double>(*time), line.substr(close + 2));
}

std::optional<double> first_time_of(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    if (std::getline(in, line)) {
        if (auto parts = split_line(line)) {
            return parts->first;
        }
    }
    return std::nullopt;
}

std::optional<double> last_time_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    in.seekg(0, std::ios::end);
    auto size = static_cast<std::streamoff>(in.tellg());
    auto start = std::max<std::streamoff>(0, size - 8192);
    in.seekg(start);
    std::string tail(static_cast<std::size_t>(size - start), '\0');
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    std::optional<double> last;
    for (const auto& line : core::split(tail, '\n')) {
        if (auto parts = split_line(line)) {
            last = parts->first;
        }
    }
    return last;
}

}  // namespace

struct LogStore::Writer {
    std::FILE* file = nullptr;
    ~Writer() {
        if (file != nullptr) {
            std::fclose(file);
        }
    }
};

LogStore::LogStore(LogStoreSettings settings)
    : settings_(std::move(settings)), writer_(std::make_unique<Writer>()) {
    if (!settings_.directory.empty()) {
        std::error_code error;
        fs::create_directories(settings_.directory, error);
        if (error) {
            core::logger("brokerstate")
                ->error("log history: cannot create {}: {}", settings_.directory.string(),
                        error.message());
        }
        scan_directory();
    }
}

LogStore::~LogStore() = default;

void LogStore::scan_directory() {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(settings_.directory, error)) {
        const auto& path = entry.path();
        if (path.extension() != ".log" || !core::starts_with(path.filename().string(), "log-")) {
            continue;
        }
        auto first = first_time_of(path);
        auto last = last_time_of(path);
        if (!first || !last) {
            continue;
        }
        files_.push_back({path, *first, *last, fs::file_size(path, error)});
    }
    std::sort(files_.begin(), files_.end(), [](const File& a, const File& b) {
        return a.first_time < b.first_time || (a.first_time == b.first_time && a.path < b.path);
    });
}

void LogStore::open_new_file(double time) {
    if (writer_->file != nullptr) {
        std::fclose(writer_->file);
        writer_->file = nullptr;
    }
    // Several files may start in the same second: a sequence number keeps names unique and
    // ordered.
    auto name =
        fmt::format("log-{:012}-{:06}.log", static_cast<long long>(time), files_.size() % 1000000);
    File file{settings_.directory / name, time, time, 0};
    writer_->file = std::fopen(file.path.c_str(), "a");
    if (writer_->file == nullptr) {
        core::logger("brokerstate")->error("log history: cannot open {}", file.path.string());
        return;
    }
    files_.push_back(file);
}

void LogStore::append(double time, std::string_view message, double now) {
    if (settings_.directory.empty()) {
        return;
    }
    bool need_new = writer_->file == nullptr || files_.empty() ||
                    files_.back().bytes >= settings_.max_file_bytes;
    if (need_new) {
        open_new_file(time);
        prune(now);
        if (writer_->file == nullptr) {
            return;
        }
    }
    // One line per entry: a newline inside a message would split it in two on reading.
    std::string line = fmt::format("[{}] ", static_cast<long long>(time));
    for (char c : message) {
        line += (c == '\n' || c == '\r') ? ' ' : c;
    }
    line += '\n';
    if (std::fwrite(line.data(), 1, line.size(), writer_->file) != line.size() ||
        std::fflush(writer_->file) != 0) {
        core::logger("brokerstate")
            ->error("log history: write to {} failed", files_.back().path.string());
        return;
    }
    File& current = files_.back();
    current.bytes += line.size();
    current.first_time = std::min(current.first_time, time);
    current.last_time = std::max(current.last_time, time);
}

void LogStore::prune(double now) {
    // Never remove the file being written (the last one).
    while (files_.size() > 1) {
        const File& oldest = files_.front();
        bool too_old = oldest.last_time < now - settings_.max_age_seconds;
        bool too_big = total_bytes() > settings_.max_total_bytes;
        if (!too_old && !too_big) {
            break;
        }
        std::error_code error;
        fs::remove(oldest.path, error);
        core::logger("brokerstate")->info("log history: removed {}", oldest.path.string());
        files_.erase(files_.begin());
    }
}

std::uintmax_t LogStore::total_bytes() const {
    return std::accumulate(files_.begin(), files_.end(), std::uintmax_t{0},
                           [](std::uintmax_t sum, const File& f) { return sum + f.bytes; });
}

void LogStore::for_each(double since, double until,
                        const std::function<bool(const livestatus::LogEntry&)>& visit) const {
    for (const File& file : files_) {
        if (file.last_time < since || file.first_time > until) {
            continue;
        }
        std::ifstream in(file.path);
        std::string line;
        std::int64_t lineno = 0;
        while (std::getline(in, line)) {
            ++lineno;
            auto parts = split_line(line);
            if (!parts) {
                continue;
            }
            auto [time, message] = *parts;
            if (time > until + kOrderSlackSeconds) {
                break;
            }
            if (time < since || time > until) {
                continue;
            }
            auto entry = parse_log_message(message, time);
            entry.lineno = lineno;
            if (!visit(entry)) {
                return;
            }
        }
    }
}

}  // namespace yagura::modules::brokerstate
