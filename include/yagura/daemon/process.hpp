#pragma once

#include <string>
#include <string_view>

// Unix process chores of a daemon.
namespace yagura::daemon {

// Detaches from the terminal (fork, setsid, fork; stdin/stdout/stderr to /dev/null). Returns
// in the grandchild only; the parents exit 0.
void daemonize();

// When running as root and `user` is set, switches to that user and group (the user's primary
// group when `group` is empty). Throws core::Error(invalid_input) for unknown names.
// Does nothing when not root.
void drop_privileges(const std::string& user, const std::string& group);

// systemd's readiness protocol (Type=notify): "READY=1", "STOPPING=1", "RELOADING=1".
// Does nothing unless NOTIFY_SOCKET is set.
void notify_systemd(std::string_view state);

}  // namespace yagura::daemon
