#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <string>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include <yagura/core/error.hpp>
#include <yagura/daemon/process.hpp>

namespace yagura::daemon {

namespace {

void fork_and_let_parent_exit() {
    pid_t pid = ::fork();
    if (pid < 0) {
        throw core::Error(core::ErrorKind::unavailable,
                          std::string("cannot fork: ") + std::strerror(errno));
    }
    if (pid > 0) {
        std::_Exit(0);  // the parent: no destructors, the child owns everything now
    }
}

}  // namespace

void daemonize() {
    fork_and_let_parent_exit();
    ::setsid();
    fork_and_let_parent_exit();  // never a session leader again: no controlling terminal
    int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
        ::dup2(null, STDIN_FILENO);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        if (null > STDERR_FILENO) {
            ::close(null);
        }
    }
}

void drop_privileges(const std::string& user, const std::string& group) {
    if (::geteuid() != 0 || user.empty()) {
        return;
    }
    const passwd* account = ::getpwnam(user.c_str());
    if (account == nullptr) {
        throw core::Error(core::ErrorKind::invalid_input, "unknown user '" + user + "'");
    }
    gid_t gid = account->pw_gid;
    if (!group.empty()) {
        const ::group* entry = ::getgrnam(group.c_str());
        if (entry == nullptr) {
            throw core::Error(core::ErrorKind::invalid_input, "unknown group '" + group + "'");
        }
        gid = entry->gr_gid;
    }
    if (::initgroups(account->pw_name, gid) != 0 || ::setgid(gid) != 0 ||
        ::setuid(account->pw_uid) != 0) {
        throw core::Error(core::ErrorKind::unavailable,
                          "cannot switch to user '" + user + "': " + std::strerror(errno));
    }
}

void notify_systemd(std::string_view state) {
    if (std::getenv("NOTIFY_SOCKET") == nullptr) {
        return;
    }
    ::sd_notify(0, std::string(state).c_str());
}

}  // namespace yagura::daemon
