#include "sources.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <yagura/core/strings.hpp>

namespace yagura::config::detail {

namespace fs = std::filesystem;

namespace {

// Settings the arbiter's own process reads from the main file (daemon/settings.cpp): not
// monitoring globals, accepted without a word.
constexpr std::array<std::string_view, 8> kProcessSettings = {"host",
                                                              "port",
                                                              "pidfile",
                                                              "user",
                                                              "group",
                                                              "require_client_cert",
                                                              "max_request_body",
                                                              "log_file_max_size"};

constexpr int kMaxIncludeDepth = 16;

bool is_process_setting(std::string_view key) {
    return std::find(kProcessSettings.begin(), kProcessSettings.end(), key) !=
           kProcessSettings.end();
}

// The whole file in one read; "" or what went wrong.
std::string read_whole(const std::string& path, std::string& out) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::strerror(errno);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    }
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < out.size()) {
        ssize_t n = ::read(fd, out.data() + done, out.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    ::close(fd);
    return {};
}

}  // namespace

SourceReader::SourceReader(model::Config& config, Stages& stages, Report& report,
                           const LoadOptions& options, LoadStats& stats)
    : config_(config),
      report_(report),
      options_(options),
      stats_(stats),
      parser_(config, stages, report, *this) {}

void SourceReader::read_main(const std::string& path) {
    read_file(path, {});
}

void SourceReader::parse_text(std::string_view text, const std::string& path) {
    ++stats_.files;
    stats_.bytes += text.size();
    parser_.set_file(config_.pool.intern(path));
    lex(text, parser_);
}

std::string SourceReader::resolve(model::SourceLocation where, std::string_view value) const {
    fs::path path{std::string(value)};
    if (path.is_relative()) {
        fs::path base = fs::path(std::string(config_.pool.str(where.file))).parent_path();
        path = base / path;
    }
    return path.lexically_normal().string();
}

bool SourceReader::first_visit(const std::string& path, model::SourceLocation named_at) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return true;  // reading it reports why
    }
    if (visited_files_.emplace(st.st_dev, st.st_ino).second) {
        return true;
    }
    report_.warning(named_at, "", in_quotes(path) + " was already read; not read again");
    return false;
}

void SourceReader::read_file(const std::string& path, model::SourceLocation named_at) {
    if (!first_visit(path, named_at)) {
        return;
    }
    std::string text;
    if (std::string error = read_whole(path, text); !error.empty()) {
        if (named_at.file.empty()) {
            report_.error_at(path, 0, "", "cannot read the configuration file: " + error);
        } else {
            report_.error(named_at, "", "cannot read " + in_quotes(path) + ": " + error);
        }
        return;
    }
    ++stats_.files;
    stats_.bytes += text.size();
    model::Symbol file = config_.pool.intern(path);
    parser_.set_file(file);
    ++depth_;
    lex(text, parser_);
    --depth_;
    parser_.set_file(named_at.file);
}

void SourceReader::read_dir(const std::string& path, model::SourceLocation named_at) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
        report_.error(named_at, "", "cfg_dir " + in_quotes(path) + " is not a directory");
        return;
    }
    std::vector<std::string> files;
    std::set<std::pair<unsigned long, unsigned long>> dirs;
    std::vector<fs::path> todo{path};
    while (!todo.empty()) {
        fs::path dir = std::move(todo.back());
        todo.pop_back();
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0 || !dirs.emplace(st.st_dev, st.st_ino).second) {
            continue;  // unreadable, or reached again through a symlink
        }
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path& p = it->path();
            std::error_code type_ec;
            if (it->is_directory(type_ec)) {
                todo.push_back(p);
            } else if (p.extension() == ".cfg" && it->is_regular_file(type_ec)) {
                files.push_back(p.lexically_normal().string());
            }
        }
        if (ec) {
            report_.error(named_at, "",
                          "cannot list " + in_quotes(dir.string()) + ": " + ec.message());
            ec.clear();
        }
    }
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
        read_file(file, named_at);
    }
}

void SourceReader::include(model::SourceLocation where, std::string_view key,
                           std::string_view value) {
    if (!options_.follow_includes) {
        report_.error(where, "", in_quotes(key) + " is not allowed here (includes are disabled)");
        return;
    }
    if (value.empty()) {
        report_.error(where, "", in_quotes(key) + " names no path");
        return;
    }
    if (depth_ >= kMaxIncludeDepth) {
        report_.error(where, "",
                      "files include each other more than " + std::to_string(kMaxIncludeDepth) +
                          " levels deep");
        return;
    }
    std::string path = resolve(where, value);
    if (key == "cfg_dir") {
        read_dir(path, where);
    } else {
        read_file(path, where);
    }
}

void SourceReader::setting(model::SourceLocation where, std::string_view key,
                           std::string_view value) {
    if (key.size() > 2 && key.front() == '$' && key.back() == '$') {
        config_.set_resource(key.substr(1, key.size() - 2), value);
        return;
    }
    if (key == "cfg_file" || key == "cfg_dir" || key == "resource_file") {
        model::set_attribute(config_.globals, key, value, config_.pool);
        include(where, key, value);
        return;
    }
    if (is_process_setting(key)) {
        return;
    }
    model::SetResult r = model::set_attribute(config_.globals, key, value, config_.pool);
    switch (r.status) {
        case model::SetResult::Status::ok:
            break;
        case model::SetResult::Status::ignored:
            report_.warning(where, "", r.message);
            break;
        case model::SetResult::Status::unknown:
            report_.warning(where, "", "main configuration: " + r.message);
            break;
        case model::SetResult::Status::invalid:
            report_.error(where, "", r.message);
            break;
    }
}

}  // namespace yagura::config::detail
