#include "spawner.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
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

// The child runs only the few calls of child_main and execve's entry on it.
constexpr std::size_t kChildStackSize = 64 * 1024;
constexpr std::size_t kGuardSize = 4096;

// The child: it shares the daemon's memory and runs while the parent thread is stopped
// (CLONE_VFORK), on its own stack, with every signal but SIGCHLD blocked (inherited from
// the parent's mask at the clone). Only calls that touch nothing of the parent's state but `plan`
// and errno. The daemon's handlers must not run here, so the signals it handles go back to SIG_DFL
// before the mask is emptied; ignored ones too, since ignoring survives exec.
// (Not instrumented by sanitizers: it never returns to unpoison its frame, and runs on a
// stack they did not set up.)
__attribute__((no_sanitize("address", "undefined"))) int child_main(void* argument) {
    auto& plan = *static_cast<ChildPlan*>(argument);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int signal : kSignalsToReset) {
        ::sigaction(signal, &default_action, nullptr);
    }
    sigset_t empty_mask;
    sigemptyset(&empty_mask);
    // A group of its own: a timeout kills the plugin and everything it started at once.
    if (::setpgid(0, 0) == 0 && ::dup2(plan.stdin_fd, STDIN_FILENO) >= 0 &&
        ::dup2(plan.stdout_fd, STDOUT_FILENO) >= 0 && ::dup2(plan.stderr_fd, STDERR_FILENO) >= 0 &&
        ::sigprocmask(SIG_SETMASK, &empty_mask, nullptr) == 0) {
        // Belt and braces: our descriptors are close-on-exec, but a library's may not be.
        // (Before Linux 5.9 this fails with ENOSYS and close-on-exec has to do.)
        ::close_range(STDERR_FILENO + 1, ~0U, 0);
        ::execve(plan.path, plan.argv, plan.envp);
    }
    plan.error = errno;
    ::_exit(127);
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

    // Everything but SIGCHLD is blocked while the child runs on our memory: a handler must
    // not run there. SIGCHLD stays open because the kernel drops a SIGCHLD that nobody
    // handles only when the receiving thread does not block it; blocked, it is queued and
    // wakes another thread of the daemon (Asio's resolver thread, for every plugin that
    // ended during a spawn). The child resets SIGCHLD to SIG_DFL first thing.
    sigfillset(&all_signals_);
    sigdelset(&all_signals_, SIGCHLD);
    // A guard page below the stack: an overflow in the child faults instead of writing
    // over the daemon's memory.
    void* mapping = ::mmap(nullptr, kChildStackSize + kGuardSize, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (mapping == MAP_FAILED) {
        core::throw_error(core::ErrorKind::internal,
                          std::string("cannot map the child stack: ") + std::strerror(errno));
    }
    ::mprotect(mapping, kGuardSize, PROT_NONE);
    stack_ = static_cast<char*>(mapping) + kGuardSize;
}

Spawner::~Spawner() {
    ::munmap(stack_ - kGuardSize, kChildStackSize + kGuardSize);
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
    ChildPlan plan{.path = path,
                   .argv = argv_.data(),
                   .envp = envp,
                   .stdin_fd = dev_null_.get(),
                   .stdout_fd = out_write.get(),
                   .stderr_fd = err_write.get()};
    if (int error = clone_child(plan, process); error != 0) {
        return error;
    }
    process.out = std::move(out_read);
    process.err = std::move(err_read);
    return 0;
}

// Until we reap it, the child's pid (and so its process group id) cannot be reused, which
// is what makes kill(-pid) safe. Returns 0 once the child has exec'd, else the errno of
// what failed (the child is then reaped already).
int Spawner::clone_child(ChildPlan& plan, SpawnedProcess& process) {
    sigset_t previous_mask;
    ::pthread_sigmask(SIG_SETMASK, &all_signals_, &previous_mask);
    int pidfd = -1;
    // The stack grows down. (An exit signal other than SIGCHLD would not last: exec sets it
    // back to SIGCHLD.)
    pid_t pid = ::clone(child_main, stack_ + kChildStackSize,
                        CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD, &plan, &pidfd);
    int clone_error = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
    if (pid < 0) {
        return clone_error;
    }
    UniqueFd owned_pidfd(pidfd);
    if (plan.error != 0) {
        siginfo_t ignored{};
        ::waitid(static_cast<idtype_t>(P_PIDFD), static_cast<id_t>(pidfd), &ignored, WEXITED);
        return plan.error;
    }
    process.pid = pid;
    process.pidfd = std::move(owned_pidfd);
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
