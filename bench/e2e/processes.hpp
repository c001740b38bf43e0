#pragma once

// The CPU time of daemons, read from /proc as `top` does, and child processes of the bench.

#include <string>
#include <sys/types.h>
#include <vector>

namespace yagura::bench {

// utime + stime of a process, in seconds: what it spent itself, kernel work on its behalf
// included (fork, exec, pipes), its children's own time excluded. 0 if it is gone.
double cpu_seconds(pid_t pid);
// The same summed over `pid` and its direct children (Nagios' worker processes).
double cpu_seconds_with_children(pid_t pid);
std::vector<pid_t> children_of(pid_t pid);

// Makes this process the reaper of orphaned descendants (a daemon's workers outliving it)
// and reaps whatever has exited. Call once at start, then reap_orphans() when done.
void become_subreaper();
void reap_orphans();

// A process started by the bench with its output in `log`: SIGTERM then SIGKILL when done.
class Child {
public:
    Child(const std::vector<std::string>& argv, const std::string& log);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    pid_t pid() const { return pid_; }
    bool running();
    void stop();

private:
    pid_t pid_ = -1;
};

}  // namespace yagura::bench
