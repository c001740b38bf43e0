#pragma once

#include <csignal>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include <yagura/exec/action.hpp>
#include <yagura/exec/command_line.hpp>

#include "unique_fd.hpp"

namespace yagura::exec::detail {

// A started plugin: the leader of its own process group (pgid == pid), the read ends of
// its stdout and stderr (non-blocking, close-on-exec) and a pidfd that becomes readable
// when it exits.
struct SpawnedProcess {
    pid_t pid = -1;
    UniqueFd pidfd;
    UniqueFd out;
    UniqueFd err;
};

struct SpawnAttempt {
    LineMode mode = LineMode::invalid;
    std::string_view reason;   // why shell or invalid (static text)
    std::string_view program;  // what was exec'd or looked for; valid until the next spawn
    int error = 0;             // errno when nothing was started
};

// What the child does between clone and execve, all of it on the child's own stack while
// the parent thread waits (CLONE_VFORK): see child_main in spawner.cpp.
struct ChildPlan {
    const char* path = nullptr;
    char* const* argv = nullptr;
    char* const* envp = nullptr;
    int stdin_fd = -1;
    int stdout_fd = -1;
    int stderr_fd = -1;
    int error = 0;  // errno of the step that failed; written by the child before _exit(127)
};

// Turns Commands into running processes. This is posix_spawn done by hand, for its cost: it
// clones with CLONE_VM | CLONE_VFORK as glibc does, but
// - onto one child stack made once (glibc maps and unmaps one per spawn),
// - with CLONE_PIDFD (the pidfd comes with the clone, no pidfd_open),
// - with SIGCHLD left unblocked in the spawning thread, so that the kernel drops the
//   SIGCHLD of every plugin that ends meanwhile instead of waking another thread,
// - with no getrlimit per descriptor (glibc checks each file action against the limit).
// The per-spawn scratch buffers are reused too, so a spawn allocates nothing once they
// have grown.
class Spawner {
public:
    Spawner(std::vector<std::string> base_environment, std::string shell);
    ~Spawner();
    Spawner(const Spawner&) = delete;
    Spawner& operator=(const Spawner&) = delete;

    SpawnAttempt spawn(const Command& command, SpawnedProcess& process);

private:
    int start(const char* path, char* const* envp, SpawnedProcess& process);
    int clone_child(ChildPlan& plan, SpawnedProcess& process);
    char* const* environment(const Command& command);
    const char* resolve(const char* name, char* const* envp, int& error);

    UniqueFd dev_null_;
    char* stack_ = nullptr;  // kChildStackSize bytes above a guard page (mmap)
    sigset_t all_signals_;
    std::vector<std::string> base_environment_;
    std::vector<char*> base_envp_;
    std::string shell_;
    // Scratch, reused by every spawn.
    std::string words_;
    std::string path_;
    std::vector<char*> argv_;
    std::vector<char*> envp_;
};

}  // namespace yagura::exec::detail
