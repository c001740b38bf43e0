#pragma once

#include <spawn.h>
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

// Turns Commands into running processes with posix_spawn. Everything that can be prepared
// once (spawn attributes, /dev/null, the base environment) is; the per-spawn scratch
// buffers are reused, so a spawn allocates nothing once they have grown (glibc's file
// actions aside).
class Spawner {
public:
    Spawner(std::vector<std::string> base_environment, std::string shell);
    ~Spawner();
    Spawner(const Spawner&) = delete;
    Spawner& operator=(const Spawner&) = delete;

    SpawnAttempt spawn(const Command& command, SpawnedProcess& process);

private:
    int start(const char* path, char* const* envp, SpawnedProcess& process);
    char* const* environment(const Command& command);
    const char* resolve(const char* name, char* const* envp, int& error);

    posix_spawnattr_t attributes_;
    UniqueFd dev_null_;
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
