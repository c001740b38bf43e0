#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// Small POSIX helpers for the file store: owned descriptors, read-only mappings, full writes,
// and the names of journal files. Failures throw core::Error(unavailable) naming the path.
namespace yagura::retention::file_io {

class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept {
        if (this != &other) {
            reset(other.release());
        }
        return *this;
    }
    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }
    void reset(int fd = -1);

private:
    int fd_ = -1;
};

// A whole file mapped read-only, as it was when opened (later appends are not seen).
class MappedFile {
public:
    // nullopt if the file does not exist (any more): another store may have compacted it away.
    static std::optional<MappedFile> open(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&&) = delete;
    std::string_view bytes() const { return {data_, size_}; }

private:
    MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

[[noreturn]] void throw_system_error(const std::string& what, const std::filesystem::path& path);

void write_all(int fd, std::string_view data, const std::filesystem::path& path);
void sync_data(int fd, const std::filesystem::path& path);
// Makes creations, renames and removals of entries in the directory durable.
void sync_directory(int directory_fd, const std::filesystem::path& path);

// Names of the files of one store ("<prefix>.v<version>.<stream>.<seq>.log" and so on).
enum class FileKind { journal, temporary, lock };
struct FileName {
    int version = 0;
    std::string stream;     // 16 hex digits
    std::uint64_t seq = 0;  // journals and temporaries only
    FileKind kind = FileKind::journal;
};
std::optional<FileName> parse_file_name(std::string_view name, std::string_view prefix);
std::string journal_name(std::string_view prefix, std::string_view stream, std::uint64_t seq);
std::string temporary_name(std::string_view prefix, std::string_view stream, std::uint64_t seq);
std::string lock_name(std::string_view prefix, std::string_view stream);

}  // namespace yagura::retention::file_io
