#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <optional>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

#include <yagura/retention/store.hpp>

namespace yagura::retention::test {

// A directory under /tmp removed with everything in it at the end of the test.
class TempDir {
public:
    explicit TempDir(const std::string& tag) {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("yagura-" + tag + "-" + std::to_string(::getpid()) + "-" +
                 std::to_string(random() % 1000000));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Polls until the condition holds or the bound passes (tests never assert how long it took).
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds bound = std::chrono::seconds(20)) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

// Changes that own their bytes (Change only views them): {key, value}, or {key, nullopt} to
// erase. Pass it wherever a std::span<const Change> is expected.
class OwnedChanges {
public:
    using Pair = std::pair<std::string, std::optional<std::string>>;
    OwnedChanges(std::initializer_list<Pair> pairs) : pairs_(pairs) {
        for (const auto& [key, value] : pairs_) {
            changes_.push_back(
                {key, value ? std::string_view(*value) : std::string_view(), !value});
        }
    }
    OwnedChanges(const OwnedChanges&) = delete;
    OwnedChanges& operator=(const OwnedChanges&) = delete;
    operator std::span<const Change>() const { return changes_; }

private:
    std::vector<Pair> pairs_;
    std::vector<Change> changes_;
};

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace yagura::retention::test
