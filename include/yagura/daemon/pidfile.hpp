#pragma once

#include <string>

namespace yagura::daemon {

// A pidfile held with flock(2) for the life of the process: a second instance started on the
// same pidfile fails at once with the first one's pid, and a pidfile left behind by a crash
// (no lock held) is simply taken over.
class PidFile {
public:
    // Creates or opens `path` and locks it. Throws core::Error(conflict) naming the running
    // instance's pid when another process holds it, core::Error(unavailable) when the file
    // cannot be created.
    explicit PidFile(std::string path);
    ~PidFile();  // removes the file
    PidFile(const PidFile&) = delete;
    PidFile& operator=(const PidFile&) = delete;

    // Writes the current pid (again after daemonizing, when the pid changed).
    void write_pid();
    const std::string& path() const { return path_; }

private:
    std::string path_;
    int fd_ = -1;
};

}  // namespace yagura::daemon
