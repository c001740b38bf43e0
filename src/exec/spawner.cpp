#include "spawner.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <yagura/core/error.hpp>

namespace yagura::exec::detail {

namespace {

// Signals a daemon commonly ignores; an ignored signal stays ignored across exec, and a
// plugin that cannot be stopped by SIGTERM or does not die of SIGPIPE misbehaves. Handled
// signals are reset by exec anyway.
constexpr int kSignalsToReset[] = {SIGPIPE, SIGHUP,  SIGINT,  SIGQUIT, SIGTERM, SIGCHLD, SIGUSR1,
                                   SIGUSR2, SIGALRM, SIGXFSZ, SIGTTIN, SIGTTOU, SIGTSTP};

// glibc 2.36's <sys/pidfd.h> lacks extern "C", so its pidfd_open cannot be linked from C++.
int open_pidfd(pid_t pid) {
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

bool has_slash(const char* name) {
    return std::strchr(name, '/') != nullptr;
}

std::string_view path_variable(char* const* envp) {
    for (; *envp != nullptr; ++envp) {
        if (std::strncmp(*envp, "PATH=", 5) == 0) {
            return *envp + 5;
        }
    }
    return "/usr/bin:/bin";
}

std::string_view variable_name(std::string_view entry) {
    auto equals = entry.find('=');
    return equals == std::string_view::npos ? std::string_view() : entry.substr(0, equals + 1);
}

// A pipe whose both ends close on exec; the child gets its write end through dup2 only.
int make_pipe(UniqueFd& read_end, UniqueFd& write_end) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return errno;
    }
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
    // Only our end is non-blocking: O_NONBLOCK on the write end would be shared with the
    // plugin through dup2, and plugins expect a blocking stdout.
    // (A pipe's read end has no other status flag to keep, so no F_GETFL first.)
    return ::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0 ? 0 : errno;
}

}  // namespace

Spawner::Spawner(std::vector<std::string> base_environment, std::string shell)
    : base_environment_(std::move(base_environment)), shell_(std::move(shell)) {
    dev_null_.reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    if (!dev_null_) {
        core::throw_error(core::ErrorKind::internal,
                          std::string("cannot open /dev/null: ") + std::strerror(errno));
    }
    for (auto& entry : base_environment_) {
        base_envp_.push_back(entry.data());
    }
    base_envp_.push_back(nullptr);

    posix_spawnattr_init(&attributes_);
    sigset_t empty_mask;
    sigemptyset(&empty_mask);
    sigset_t reset;
    sigemptyset(&reset);
    for (int signal : kSignalsToReset) {
        sigaddset(&reset, signal);
    }
    // The daemon's signal mask (threads often block signals for sigwait) must not leak in.
    posix_spawnattr_setsigmask(&attributes_, &empty_mask);
    posix_spawnattr_setsigdefault(&attributes_, &reset);
    // A group of its own: a timeout kills the plugin and everything it started at once.
    posix_spawnattr_setpgroup(&attributes_, 0);
    posix_spawnattr_setflags(
        &attributes_, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
}

Spawner::~Spawner() {
    posix_spawnattr_destroy(&attributes_);
}

SpawnAttempt Spawner::spawn(const Command& command, SpawnedProcess& process) {
    auto split = split_command_line(command.command_line, words_);
    SpawnAttempt attempt{split.mode, split.reason, {}, 0};
    if (split.mode == LineMode::invalid) {
        return attempt;
    }
    char* const* envp = environment(command);
    argv_.clear();
    if (split.mode == LineMode::shell) {
        argv_.push_back(shell_.data());
        argv_.push_back(const_cast<char*>("-c"));
        argv_.push_back(const_cast<char*>(command.command_line.c_str()));
        argv_.push_back(nullptr);
        attempt.program = shell_;
        attempt.error = start(shell_.c_str(), envp, process);
        return attempt;
    }
    for (std::size_t i = 0, at = 0; i < split.word_count; ++i) {
        argv_.push_back(words_.data() + at);
        at = words_.find('\0', at) + 1;
    }
    argv_.push_back(nullptr);
    const char* path = resolve(argv_[0], envp, attempt.error);
    attempt.program = path != nullptr ? path : argv_[0];
    if (path == nullptr) {
        return attempt;
    }
    attempt.error = start(path, envp, process);
    if (attempt.error == ENOEXEC) {
        // A script without "#!": sh runs it, as execvp and Shinken do.
        argv_[0] = const_cast<char*>(path);
        argv_.insert(argv_.begin(), shell_.data());
        attempt.mode = LineMode::shell;
        attempt.error = start(shell_.c_str(), envp, process);
    }
    return attempt;
}

int Spawner::start(const char* path, char* const* envp, SpawnedProcess& process) {
    UniqueFd out_read, out_write, err_read, err_write;
    if (int error = make_pipe(out_read, out_write); error != 0) {
        return error;
    }
    if (int error = make_pipe(err_read, err_write); error != 0) {
        return error;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, dev_null_.get(), STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out_write.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_write.get(), STDERR_FILENO);
    // Belt and braces: our descriptors are close-on-exec, but a library's may not be.
    posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    pid_t pid = -1;
    int error = ::posix_spawn(&pid, path, &actions, &attributes_, argv_.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        return error;
    }
    // Until we reap it, the child's pid (and so its process group id) cannot be reused,
    // which is what makes kill(-pid) and pidfd_open here safe.
    UniqueFd pidfd(open_pidfd(pid));
    if (!pidfd) {
        error = errno;
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        return error;
    }
    process.pid = pid;
    process.pidfd = std::move(pidfd);
    process.out = std::move(out_read);
    process.err = std::move(err_read);
    return 0;
}

char* const* Spawner::environment(const Command& command) {
    if (command.env.empty()) {
        return base_envp_.data();
    }
    envp_.clear();
    for (const auto& entry : command.env) {
        if (!variable_name(entry).empty()) {
            envp_.push_back(const_cast<char*>(entry.c_str()));
        }
    }
    for (auto& entry : base_environment_) {
        auto name = variable_name(entry);
        bool overridden = false;
        for (const auto& given : command.env) {
            overridden = overridden || variable_name(given) == name;
        }
        if (!overridden) {
            envp_.push_back(entry.data());
        }
    }
    envp_.push_back(nullptr);
    return envp_.data();
}

// execvp's search, done here because posix_spawnp searches the daemon's PATH, not the one
// the plugin is given. Nagios commands nearly always name a path ($USER1$/check_x).
const char* Spawner::resolve(const char* name, char* const* envp, int& error) {
    if (has_slash(name)) {
        return name;
    }
    error = ENOENT;
    std::string_view dirs = path_variable(envp);
    while (true) {
        auto colon = dirs.find(':');
        auto dir = dirs.substr(0, colon);
        path_.assign(dir.empty() ? "." : dir);
        path_.push_back('/');
        path_.append(name);
        if (::access(path_.c_str(), X_OK) == 0) {
            error = 0;
            return path_.c_str();
        }
        if (errno == EACCES) {
            error = EACCES;
        }
        if (colon == std::string_view::npos) {
            return nullptr;
        }
        dirs.remove_prefix(colon + 1);
    }
}

}  // namespace yagura::exec::detail
