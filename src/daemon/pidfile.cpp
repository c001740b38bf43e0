#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <unistd.h>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/pidfile.hpp>

namespace yagura::daemon {

namespace {

std::string read_all(int fd) {
    std::string text;
    char buffer[64];
    ::lseek(fd, 0, SEEK_SET);
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) {
        text.append(buffer, static_cast<std::size_t>(n));
    }
    return std::string(core::trim(text));
}

}  // namespace

PidFile::PidFile(std::string path) : path_(std::move(path)) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        throw core::Error(core::ErrorKind::unavailable,
                          "cannot open pidfile " + path_ + ": " + std::strerror(errno));
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        auto holder = read_all(fd_);
        ::close(fd_);
        fd_ = -1;
        throw core::Error(core::ErrorKind::conflict,
                          "another instance is already running (pid " +
                              (holder.empty() ? std::string("unknown") : holder) +
                              ") and holds the pidfile " + path_);
    }
    write_pid();
}

PidFile::~PidFile() {
    if (fd_ < 0) {
        return;
    }
    // Unlink while still holding the lock, so no newcomer locks a file about to vanish.
    if (::unlink(path_.c_str()) != 0) {
        core::logger("daemon")->warn("cannot remove pidfile {}: {}", path_, std::strerror(errno));
    }
    ::close(fd_);
}

void PidFile::write_pid() {
    auto text = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, text.data(), text.size(), 0) < 0) {
        throw core::Error(core::ErrorKind::unavailable,
                          "cannot write pidfile " + path_ + ": " + std::strerror(errno));
    }
}

}  // namespace yagura::daemon
