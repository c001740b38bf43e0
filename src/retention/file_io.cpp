#include "file_io.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/retention/keys.hpp>

namespace yagura::retention::file_io {

void UniqueFd::reset(int fd) {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    fd_ = fd;
}

void throw_system_error(const std::string& what, const std::filesystem::path& path) {
    throw core::Error(
        core::ErrorKind::unavailable,
        "retention file store: cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

std::optional<MappedFile> MappedFile::open(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        if (errno == ENOENT) {
            return std::nullopt;
        }
        throw_system_error("open", path);
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        throw_system_error("stat", path);
    }
    auto size = static_cast<std::size_t>(info.st_size);
    if (size == 0) {
        return MappedFile(nullptr, 0);
    }
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
    if (data == MAP_FAILED) {
        throw_system_error("map", path);
    }
    ::madvise(data, size, MADV_SEQUENTIAL);
    return MappedFile(static_cast<const char*>(data), size);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr) {
        ::munmap(const_cast<char*>(data_), size_);
    }
}

MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
}

void write_all(int fd, std::string_view data, const std::filesystem::path& path) {
    while (!data.empty()) {
        auto written = ::write(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw_system_error("write", path);
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
}

void sync_data(int fd, const std::filesystem::path& path) {
    if (::fdatasync(fd) != 0) {
        throw_system_error("sync", path);
    }
}

void sync_directory(int directory_fd, const std::filesystem::path& path) {
    if (::fsync(directory_fd) != 0) {
        throw_system_error("sync directory", path);
    }
}

namespace {

bool is_stream_id(std::string_view text) {
    return text.size() == 16 &&
           text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::optional<FileName> parse_file_name(std::string_view name, std::string_view prefix) {
    if (!core::starts_with(name, prefix) || name.size() <= prefix.size() + 2 ||
        name.substr(prefix.size(), 2) != ".v") {
        return std::nullopt;
    }
    auto parts = core::split(name.substr(prefix.size() + 2), '.', false);
    FileName file;
    auto version = parts.empty() ? std::nullopt : core::parse_int(parts[0]);
    if (!version || parts.size() < 3 || !is_stream_id(parts[1])) {
        return std::nullopt;
    }
    file.version = static_cast<int>(*version);
    file.stream = parts[1];
    if (parts.size() == 3 && parts[2] == "lock") {
        file.kind = FileKind::lock;
        return file;
    }
    if (parts.size() < 4 || parts[3] != "log" || parts[2].size() != 8) {
        return std::nullopt;
    }
    auto seq = core::parse_int(parts[2]);
    if (!seq || *seq < 0) {
        return std::nullopt;
    }
    file.seq = static_cast<std::uint64_t>(*seq);
    if (parts.size() == 4) {
        return file;
    }
    if (parts.size() == 5 && parts[4] == "tmp") {
        file.kind = FileKind::temporary;
        return file;
    }
    return std::nullopt;
}

std::string journal_name(std::string_view prefix, std::string_view stream, std::uint64_t seq) {
    return fmt::format("{}.v{}.{}.{:08d}.log", prefix, kFormatVersion, stream, seq);
}

std::string temporary_name(std::string_view prefix, std::string_view stream, std::uint64_t seq) {
    return journal_name(prefix, stream, seq) + ".tmp";
}

std::string lock_name(std::string_view prefix, std::string_view stream) {
    return fmt::format("{}.v{}.{}.lock", prefix, kFormatVersion, stream);
}

}  // namespace yagura::retention::file_io
