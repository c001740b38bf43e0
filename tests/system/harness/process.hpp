#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace yagura::harness {

struct ExitStatus {
    bool exited = false;  // ended by exit(); otherwise killed by `signal`
    int code = 0;
    int signal = 0;

    bool clean() const { return exited && code == 0; }
    std::string describe() const;
};

// A child process started by the test, and only by it: every signal goes to its pid, and
// the destructor kills (-9) and reaps it if it is still running, so nothing outlives a test.
class Process {
public:
    // Starts `program` with `args` in `cwd`; stdout and stderr go to `output_file`.
    // Throws std::runtime_error if it cannot be started.
    Process(const std::string& program, const std::vector<std::string>& args,
            const std::string& cwd, const std::string& output_file);
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    // Waits at most `bound` for the process to end; nullopt if it is still running.
    std::optional<ExitStatus> wait(std::chrono::milliseconds bound);
    // SIGTERM, then wait at most `bound`.
    std::optional<ExitStatus> terminate(std::chrono::milliseconds bound);
    // SIGKILL and reap: the way to simulate a crash.
    ExitStatus kill9();
    void signal(int number);
    const std::optional<ExitStatus>& exit_status() const { return status_; }

private:
    bool reap(bool block);
    pid_t pid_ = -1;
    std::optional<ExitStatus> status_;
};

// Runs a command to completion (bounded) and returns its exit status and output.
struct RunResult {
    ExitStatus status;
    std::string output;  // stdout and stderr
};
RunResult run_command(const std::string& program, const std::vector<std::string>& args,
                      const std::string& cwd,
                      std::chrono::milliseconds bound = std::chrono::seconds(30));

}  // namespace yagura::harness
