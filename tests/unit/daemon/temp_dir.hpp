#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <yagura/core/ids.hpp>

namespace yagura::daemon::testing {

// A fresh directory under /tmp, removed with everything in it at the end of the test.
struct TempDir {
    TempDir()
        : path(std::filesystem::temp_directory_path() /
               ("yagura-daemon-" + core::random_hex_id(6))) {
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::string write(const std::string& name, const std::string& text) const {
        auto file = path / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file.string();
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
    std::filesystem::path path;
};

}  // namespace yagura::daemon::testing
