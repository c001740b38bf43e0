#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <yagura/core/error.hpp>
#include <yagura/daemon/command_spool.hpp>

namespace yagura::daemon {

namespace {

// "YGSPOOL1" then the head offset, little endian: the only state besides the lines.
constexpr char kMagic[8] = {'Y', 'G', 'S', 'P', 'O', 'O', 'L', '1'};
constexpr std::uint64_t kHeaderSize = 16;

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what) {
    core::throw_error(
        core::ErrorKind::unavailable,
        fmt::format("command spool {}: {}: {}", path.string(), what, std::strerror(errno)));
}

void encode(std::uint64_t value, char* out) {
    for (int i = 0; i < 8; ++i) {
        out[i] = static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

std::uint64_t decode(const char* in) {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) {
        value |= static_cast<std::uint64_t>(static_cast<unsigned char>(in[i])) << (8 * i);
    }
    return value;
}

bool write_all(int fd, const char* data, std::size_t size, off_t offset) {
    while (size > 0) {
        auto n = ::pwrite(fd, data, size, offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
        offset += n;
    }
    return true;
}

}  // namespace

CommandSpool::CommandSpool(std::filesystem::path path, SpoolLimits limits)
    : path_(std::move(path)), limits_(limits) {
    if (path_.empty()) {
        return;
    }
    std::error_code ec;
    std::filesystem::create_directories(path_.parent_path(), ec);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        fail(path_, "cannot open");
    }
    try {
        open_existing();
    } catch (...) {
        ::close(fd_);
        fd_ = -1;
        throw;
    }
}

CommandSpool::~CommandSpool() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

void CommandSpool::open_existing() {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
        fail(path_, "cannot stat");
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size < kHeaderSize) {
        reset_file();
        return;
    }
    char header[kHeaderSize];
    if (::pread(fd_, header, kHeaderSize, 0) != static_cast<ssize_t>(kHeaderSize) ||
        std::memcmp(header, kMagic, sizeof kMagic) != 0) {
        errno = EINVAL;
        fail(path_, "not a yagura command spool");
    }
    head_ = std::clamp(decode(header + 8), kHeaderSize, size);
    // A crash in the middle of an append leaves a partial last line: it was never
    // acknowledged, so it is cut off.
    std::uint64_t last_newline = head_;
    std::size_t lines = 0;
    std::vector<char> buffer(1 << 20);
    for (std::uint64_t offset = head_; offset < size;) {
        auto n = ::pread(fd_, buffer.data(), buffer.size(), static_cast<off_t>(offset));
        if (n <= 0) {
            fail(path_, "cannot read");
        }
        for (ssize_t i = 0; i < n; ++i) {
            if (buffer[static_cast<std::size_t>(i)] == '\n') {
                ++lines;
                last_newline = offset + static_cast<std::uint64_t>(i) + 1;
            }
        }
        offset += static_cast<std::uint64_t>(n);
    }
    if (lines == 0) {
        reset_file();
        return;
    }
    if (last_newline < size && ::ftruncate(fd_, static_cast<off_t>(last_newline)) != 0) {
        fail(path_, "cannot cut a partial line");
    }
    end_ = last_newline;
    loaded_end_ = head_;
    disk_only_lines_ = lines;
    refill();
}

void CommandSpool::reset_file() {
    if (::ftruncate(fd_, 0) != 0) {
        fail(path_, "cannot truncate");
    }
    head_ = loaded_end_ = end_ = kHeaderSize;
    char header[kHeaderSize];
    std::memcpy(header, kMagic, sizeof kMagic);
    encode(head_, header + 8);
    if (!write_all(fd_, header, kHeaderSize, 0)) {
        fail(path_, "cannot write the header");
    }
}

void CommandSpool::write_head() {
    char offset[8];
    encode(head_, offset);
    if (!write_all(fd_, offset, sizeof offset, 8)) {
        fail(path_, "cannot record the delivered head");
    }
}

bool CommandSpool::fits(std::uint64_t bytes) const {
    if (fd_ < 0) {
        return memory_bytes_ + bytes <= limits_.memory_bytes;
    }
    return end_ + bytes <= limits_.disk_bytes + kHeaderSize;
}

void CommandSpool::push(std::span<const std::string> lines) {
    std::uint64_t bytes = 0;
    for (const auto& line : lines) {
        bytes += line.size() + 1;
    }
    if (!fits(bytes)) {
        core::throw_error(core::ErrorKind::unavailable,
                          fmt::format("command queue {} is full ({} lines waiting); retry later",
                                      path_.empty() ? "in memory" : path_.string(), size()));
    }
    if (fd_ >= 0) {
        std::string buffer;
        buffer.reserve(bytes);
        for (const auto& line : lines) {
            buffer += line;
            buffer += '\n';
        }
        if (!write_all(fd_, buffer.data(), buffer.size(), static_cast<off_t>(end_))) {
            const int saved = errno;
            [[maybe_unused]] int ignored = ::ftruncate(fd_, static_cast<off_t>(end_));
            errno = saved;
            fail(path_, "cannot append");
        }
        const bool all_loaded = loaded_end_ == end_;
        end_ += bytes;
        if (!all_loaded || memory_bytes_ + bytes > limits_.memory_bytes) {
            disk_only_lines_ += lines.size();
            return;
        }
        loaded_end_ = end_;
    }
    for (const auto& line : lines) {
        memory_.push_back(line);
        memory_bytes_ += line.size() + 1;
    }
}

void CommandSpool::refill() {
    if (fd_ < 0 || disk_only_lines_ == 0 || memory_bytes_ >= limits_.memory_bytes / 2) {
        return;
    }
    const std::uint64_t room = std::max<std::uint64_t>(limits_.memory_bytes - memory_bytes_, 4096);
    std::string chunk(static_cast<std::size_t>(std::min(room, end_ - loaded_end_)), '\0');
    auto n = ::pread(fd_, chunk.data(), chunk.size(), static_cast<off_t>(loaded_end_));
    if (n <= 0) {
        fail(path_, "cannot read back");
    }
    chunk.resize(static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (auto nl = chunk.find('\n'); nl != std::string::npos; nl = chunk.find('\n', start)) {
        memory_.emplace_back(chunk, start, nl - start);
        memory_bytes_ += nl - start + 1;
        loaded_end_ += nl - start + 1;
        --disk_only_lines_;
        start = nl + 1;
    }
    if (start == 0) {
        // One line longer than the room: read it whole.
        std::string line;
        char c = 0;
        off_t at = static_cast<off_t>(loaded_end_);
        while (::pread(fd_, &c, 1, at++) == 1 && c != '\n') {
            line += c;
        }
        memory_bytes_ += line.size() + 1;
        loaded_end_ += line.size() + 1;
        --disk_only_lines_;
        memory_.push_back(std::move(line));
    }
}

std::vector<std::string> CommandSpool::front(std::size_t max_lines, std::size_t max_bytes) {
    refill();
    std::vector<std::string> out;
    std::size_t bytes = 0;
    for (const auto& line : memory_) {
        if (out.size() >= max_lines || (!out.empty() && bytes + line.size() > max_bytes)) {
            break;
        }
        bytes += line.size() + 1;
        out.push_back(line);
    }
    return out;
}

void CommandSpool::pop(std::size_t count) {
    count = std::min(count, memory_.size());
    for (std::size_t i = 0; i < count; ++i) {
        const auto bytes = memory_.front().size() + 1;
        memory_bytes_ -= bytes;
        head_ += bytes;
        memory_.pop_front();
    }
    if (fd_ < 0 || count == 0) {
        return;
    }
    if (empty()) {
        reset_file();
    } else {
        write_head();
        refill();
    }
}

std::vector<std::string> CommandSpool::take_all() {
    std::vector<std::string> all;
    while (!empty()) {
        refill();
        for (auto& line : memory_) {
            head_ += line.size() + 1;
            all.push_back(std::move(line));
        }
        memory_.clear();
        memory_bytes_ = 0;
    }
    if (fd_ >= 0) {
        reset_file();
    }
    return all;
}

}  // namespace yagura::daemon
