#pragma once

#include <csignal>
#include <cstddef>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include <yagura/exec/action.hpp>
#include <yagura/exec/command_line.hpp>

#include "unique_fd.hpp"

namespace yagura::exec::detail {

// A started plugin: the leader of its own process group (pgid == pid, or about to be: the
// child sets it first thing), the read ends of its stdout and stderr (non-blocking,
// close-on-exec) and a pidfd that becomes readable when it exits.
struct SpawnedProcess {
    pid_t pid = -1;
    UniqueFd pidfd;
    UniqueFd out;
    UniqueFd err;
};

struct SpawnAttempt {
    LineMode mode = LineMode::invalid;
    std::string_view reason;   // why shell or invalid (static text)
    std::string_view program;  // what was exec'd or looked for; valid while its plan is
    int error = 0;             // errno when nothing was started
};

// The stack a child runs on until it execs: mapped once per plan, above a guard page so
// that an overflow faults instead of writing over the daemon's memory.
class ChildStack {
public:
    ChildStack() = default;
    ~ChildStack();
    ChildStack(const ChildStack&) = delete;
    ChildStack& operator=(const ChildStack&) = delete;
    ChildStack(ChildStack&& other) noexcept;
    ChildStack& operator=(ChildStack&& other) noexcept;

    // The top of the stack (it grows down), mapping it the first time; nullptr if it cannot.
    char* top();

private:
    char* mapping_ = nullptr;
};

// Everything one child reads between its clone and its execve, and what it writes back
// when it cannot exec. The child reads it while the daemon goes on (no CLONE_VFORK where
// raw system calls exist, raw_syscall.hpp), so nothing in it may change until the child is
// reaped: the runner keeps one plan per slot and reuses it only for the slot's next child.
struct ChildPlan {
    // Read by the child.
    const char* path = nullptr;
    char** argv = nullptr;  // arguments.data() + 1: [0] is kept free for the shell
    char* const* envp = nullptr;
    const char* shell = nullptr;
    const int* reset_signals = nullptr;  // back to SIG_DFL before the exec (the spawner's)
    int reset_signal_count = 0;
    int stdin_fd = -1;
    int stdout_fd = -1;
    int stderr_fd = -1;
    // Written by the child when execve failed, read after the reap.
    int exec_error = 0;           // errno of the last execve
    bool shell_fallback = false;  // a script without "#!" was handed to the shell

    // Storage behind the pointers above (capacity kept from one child to the next).
    std::string words;
    std::string resolved;
    std::vector<char*> arguments;
    std::vector<char*> environment;
    ChildStack stack;
};

// Turns Commands into running processes, as posix_spawn would but cheaper:
// - the child is cloned with CLONE_VM onto a stack made once per plan (glibc maps and
//   unmaps one per spawn), and, where raw_syscall.hpp has raw system calls, without
//   CLONE_VFORK: the daemon thread does not sleep until the child has exec'd, which cost
//   a context switch per plugin and kept it from starting the next one meanwhile;
// - the pidfd comes with the clone (CLONE_PIDFD), no pidfd_open;
// - SIGCHLD is left unblocked in the spawning thread, so that the kernel drops the SIGCHLD
//   of every plugin that ends meanwhile instead of waking another thread of the daemon;
// - no getrlimit per descriptor (glibc checks each file action against the limit).
// A plugin that cannot be exec'd (missing, not executable) is found out when it is
// reaped: its plan says why (exec_error). Failures before the clone (a bad command line,
// nothing on the PATH, no pipes) are returned at once.
class Spawner {
public:
    Spawner(std::vector<std::string> base_environment, std::string shell);
    Spawner(const Spawner&) = delete;
    Spawner& operator=(const Spawner&) = delete;

    SpawnAttempt spawn(const Command& command, ChildPlan& plan, SpawnedProcess& process);

private:
    static std::vector<int> signals_to_reset();
    int start(ChildPlan& plan, SpawnedProcess& process);
    int clone_child(ChildPlan& plan, SpawnedProcess& process);
    char* const* environment(const Command& command, ChildPlan& plan);
    const char* resolve(const char* name, char* const* envp, ChildPlan& plan, int& error);

    UniqueFd dev_null_;
    sigset_t all_signals_;
    std::vector<int> reset_signals_;
    std::vector<std::string> base_environment_;
    std::vector<char*> base_envp_;
    std::string shell_;
};

}  // namespace yagura::exec::detail
