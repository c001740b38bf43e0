#include "processes.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace yagura::bench {

namespace {

// Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name).
// A process may end while it is read: libstdc++'s filebuf then throws (ESRCH), so plain
// read(2) here.
bool read_stat(pid_t pid, pid_t& parent, double& cpu) {
    int fd = ::open(("/proc/" + std::to_string(pid) + "/stat").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    char buffer[1024];
    ssize_t length = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (length <= 0) {
        return false;
    }
    std::string text(buffer, static_cast<std::size_t>(length));
    auto close = text.rfind(')');
    if (close == std::string::npos) {
        return false;
    }
    std::istringstream fields(text.substr(close + 2));
    std::string state;
    long long ppid = 0;
    long long skip = 0;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    fields >> state >> ppid;
    for (int i = 0; i < 9; ++i) {
        fields >> skip;
    }
    fields >> utime >> stime;
    parent = static_cast<pid_t>(ppid);
    cpu = static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    return true;
}

}  // namespace

double cpu_seconds(pid_t pid) {
    pid_t parent = 0;
    double cpu = 0;
    return read_stat(pid, parent, cpu) ? cpu : 0.0;
}

std::vector<pid_t> children_of(pid_t pid) {
    std::vector<pid_t> children;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        auto name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        pid_t parent = 0;
        double cpu = 0;
        auto candidate = static_cast<pid_t>(std::stol(name));
        if (read_stat(candidate, parent, cpu) && parent == pid) {
            children.push_back(candidate);
        }
    }
    return children;
}

double cpu_seconds_with_children(pid_t pid) {
    double total = cpu_seconds(pid);
    for (pid_t child : children_of(pid)) {
        total += cpu_seconds(child);
    }
    return total;
}

void become_subreaper() {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
}

void reap_orphans() {
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }
}

Child::Child(const std::vector<std::string>& argv, const std::string& log) {
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    int error = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(error));
    }
}

Child::~Child() {
    stop();
}

bool Child::running() {
    return pid_ > 0 && waitpid(pid_, nullptr, WNOHANG) == 0;
}

void Child::stop() {
    if (pid_ <= 0) {
        return;
    }
    kill(pid_, SIGTERM);
    for (int i = 0; i < 100 && waitpid(pid_, nullptr, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (waitpid(pid_, nullptr, WNOHANG) == 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
}

}  // namespace yagura::bench
