#pragma once

#include <filesystem>
#include <string>

namespace yagura::harness {

// A fresh directory under $TMPDIR (or /tmp), removed with its content when destroyed -
// unless YAGURA_KEEP_TEST_DIRS=1, to look at logs after a failure.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "yagura-system");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }
    // Writes `text` to a file below the directory (creating subdirectories); returns its path.
    std::string write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

}  // namespace yagura::harness
