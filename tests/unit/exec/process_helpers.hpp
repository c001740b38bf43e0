#pragma once

// Helpers for tests that start real processes: an io_context loop bounded in time, and
// what /proc says about our descriptors, our children and process groups.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdlib.h>
#include <string>
#include <sys/types.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include <yagura/core/clock.hpp>
#include <yagura/exec/runner.hpp>

namespace yagura::exec::testing {

inline const std::string kTinyPlugin = YAGURA_TINY_PLUGIN;
inline const std::string kPluginDir = "/usr/lib/nagios/plugins";

// Runs the io_context until `done()` holds or `seconds` of wall time passed.
template <typename Predicate>
bool run_until(boost::asio::io_context& io, Predicate done, double seconds = 20.0) {
    auto give_up = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > give_up) {
            return false;
        }
        io.run_one_for(std::chrono::milliseconds(50));
    }
    return true;
}

// Polls `done()` without an io_context, for what the kernel does on its own time.
template <typename Predicate>
bool eventually(Predicate done, double seconds = 10.0) {
    auto give_up = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > give_up) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

struct Harness {
    explicit Harness(Limits limits = {}) : runner(io, clock, std::move(limits)) {}

    Result run(Command command, double seconds = 20.0) {
        std::optional<Result> result;
        runner.start(std::move(command), [&](Result r) { result = std::move(r); });
        EXPECT_TRUE(run_until(
            io, [&] { return result.has_value(); }, seconds))
            << "no result within " << seconds << "s";
        return result.value_or(Result{});
    }

    Result run(std::string command_line) { return run(Command{.command_line = command_line}); }

    boost::asio::io_context io;
    core::SystemClock clock;
    Runner runner;
};

inline std::size_t open_descriptor_count() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator("/proc/self/fd")) {
        ++count;
    }
    return count;
}

struct ProcessInfo {
    pid_t pid = 0;
    char state = '?';
    pid_t parent = 0;
    pid_t group = 0;
};

// Fields of /proc/<pid>/stat after the command name, which may itself hold spaces or ')'.
inline std::optional<ProcessInfo> process_info(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line)) {
        return std::nullopt;
    }
    auto close = line.rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    ProcessInfo info{.pid = pid};
    std::istringstream rest(line.substr(close + 2));
    rest >> info.state >> info.parent >> info.group;
    return info;
}

inline std::vector<ProcessInfo> all_processes() {
    std::vector<ProcessInfo> found;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        auto name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        if (auto info = process_info(static_cast<pid_t>(std::stol(name)))) {
            found.push_back(*info);
        }
    }
    return found;
}

inline std::vector<ProcessInfo> children_of_this_process() {
    std::vector<ProcessInfo> children;
    for (const auto& info : all_processes()) {
        if (info.parent == ::getpid()) {
            children.push_back(info);
        }
    }
    return children;
}

inline std::size_t zombie_children() {
    std::size_t zombies = 0;
    for (const auto& child : children_of_this_process()) {
        zombies += child.state == 'Z' ? 1 : 0;
    }
    return zombies;
}

inline std::size_t processes_in_group(pid_t group) {
    std::size_t count = 0;
    for (const auto& info : all_processes()) {
        count += info.group == group ? 1 : 0;
    }
    return count;
}

// A temporary directory removed with everything in it at the end of the scope.
class TempDir {
public:
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "yagura-exec-XXXXXX").string();
        path_ = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

}  // namespace yagura::exec::testing
