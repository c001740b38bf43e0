#include "harness/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "harness/temp_dir.hpp"

extern char** environ;

namespace yagura::harness {

std::string ExitStatus::describe() const {
    return exited ? "exit code " + std::to_string(code)
                  : "killed by signal " + std::to_string(signal);
}

Process::Process(const std::string& program, const std::vector<std::string>& args,
                 const std::string& cwd, const std::string& output_file) {
    std::vector<std::string> argv_storage{program};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_storage) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_file.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // Nothing else of the test process (Asio opens its sockets without CLOEXEC): a daemon
    // that inherited a test's listening socket would keep its port bound after the test
    // closed it.
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    int rc = ::posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + program + ": " + std::strerror(rc));
    }
}

Process::~Process() {
    if (!status_) {
        kill9();
    }
}

bool Process::reap(bool block) {
    if (status_) {
        return true;
    }
    int raw = 0;
    pid_t done = ::waitpid(pid_, &raw, block ? 0 : WNOHANG);
    if (done != pid_) {
        return false;
    }
    ExitStatus status;
    status.exited = WIFEXITED(raw);
    status.code = status.exited ? WEXITSTATUS(raw) : 0;
    status.signal = WIFSIGNALED(raw) ? WTERMSIG(raw) : 0;
    status_ = status;
    return true;
}

bool Process::running() {
    return !reap(false);
}

std::optional<ExitStatus> Process::wait(std::chrono::milliseconds bound) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (!reap(false)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return status_;
}

void Process::signal(int number) {
    if (!status_) {
        ::kill(pid_, number);
    }
}

std::optional<ExitStatus> Process::terminate(std::chrono::milliseconds bound) {
    signal(SIGTERM);
    return wait(bound);
}

ExitStatus Process::kill9() {
    signal(SIGKILL);
    reap(true);
    return *status_;
}

RunResult run_command(const std::string& program, const std::vector<std::string>& args,
                      const std::string& cwd, std::chrono::milliseconds bound) {
    TempDir scratch("yagura-run");
    auto output = scratch / "output";
    Process process(program, args, cwd, output);
    auto status = process.wait(bound);
    if (!status) {
        process.kill9();
        throw std::runtime_error(program + " did not finish in time; output: " + read_file(output));
    }
    return {*status, read_file(output)};
}

}  // namespace yagura::harness
