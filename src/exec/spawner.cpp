#include "spawner.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

#include <yagura/core/error.hpp>

#include "raw_syscall.hpp"

namespace yagura::exec::detail {

namespace {

// Signals a daemon commonly ignores or handles, now or later; an ignored signal stays
// ignored across exec (a plugin that cannot be stopped by SIGTERM or does not die of SIGPIPE
// misbehaves), and a handler of the daemon must not run in the child before the exec.
constexpr int kSignalsToReset[] = {SIGPIPE, SIGHUP,  SIGINT,  SIGQUIT, SIGTERM, SIGCHLD, SIGUSR1,
                                   SIGUSR2, SIGALRM, SIGXFSZ, SIGTTIN, SIGTTOU, SIGTSTP};
constexpr int kLastSignal = 64;

// The child runs only child_main's few system calls on it.
constexpr std::size_t kChildStackSize = 16 * 1024;
constexpr std::size_t kGuardSize = 4096;

// The kernel's struct sigaction (handler, flags, restorer, mask) all zero: SIG_DFL.
constexpr unsigned long kDefaultAction[4] = {};
constexpr unsigned long kEmptySignalMask = 0;
constexpr long kSignalMaskBytes = sizeof(kEmptySignalMask);

// Without raw system calls the child must run with the daemon thread stopped (errno).
constexpr int kCloneFlags = CLONE_VM | CLONE_PIDFD | SIGCHLD | (kRawSyscalls ? 0 : CLONE_VFORK);

long as_long(const void* pointer) {
    return reinterpret_cast<long>(pointer);
}

// The child. It shares the daemon's memory and runs next to the daemon thread, on its own
// stack, with every signal but SIGCHLD blocked (the parent's mask at the clone): it may
// only make raw system calls and touch its plan. Handlers go back to SIG_DFL before the
// mask is emptied, then the standard descriptors are set, the rest closed, and the plugin
// exec'd; a script without "#!" is handed to the shell, as execvp and Shinken do.
// (Not instrumented by sanitizers: it never returns to unpoison its frame, and runs on a
// stack they did not set up.)
__attribute__((no_sanitize("address", "undefined"))) int child_main(void* argument) {
    auto& plan = *static_cast<ChildPlan*>(argument);
    for (int i = 0; i < plan.reset_signal_count; ++i) {
        raw_syscall(SYS_rt_sigaction, plan.reset_signals[i], as_long(kDefaultAction), 0,
                    kSignalMaskBytes);
    }
    // A group of its own: a timeout kills the plugin and everything it started at once.
    long result = raw_syscall(SYS_setpgid, 0, 0);
    result = result < 0 ? result : raw_syscall(SYS_dup3, plan.stdin_fd, STDIN_FILENO, 0);
    result = result < 0 ? result : raw_syscall(SYS_dup3, plan.stdout_fd, STDOUT_FILENO, 0);
    result = result < 0 ? result : raw_syscall(SYS_dup3, plan.stderr_fd, STDERR_FILENO, 0);
    result = result < 0 ? result
                        : raw_syscall(SYS_rt_sigprocmask, SIG_SETMASK, as_long(&kEmptySignalMask),
                                      0, kSignalMaskBytes);
    if (result >= 0) {
        // Belt and braces: our descriptors are close-on-exec, but a library's may not be.
        // (Before Linux 5.9 this fails with ENOSYS and close-on-exec has to do.)
        raw_syscall(SYS_close_range, STDERR_FILENO + 1, ~0U, 0);
        result =
            raw_syscall(SYS_execve, as_long(plan.path), as_long(plan.argv), as_long(plan.envp));
        if (result == -ENOEXEC) {
            plan.shell_fallback = true;
            plan.argv[-1] = const_cast<char*>(plan.shell);
            plan.argv[0] = const_cast<char*>(plan.path);
            result = raw_syscall(SYS_execve, as_long(plan.shell), as_long(plan.argv - 1),
                                 as_long(plan.envp));
        }
    }
    plan.exec_error = static_cast<int>(-result);
    raw_syscall(SYS_exit_group, 127);
    return 127;
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

// A pipe whose both ends close on exec; the child gets its write end through dup3 only.
int make_pipe(UniqueFd& read_end, UniqueFd& write_end) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return errno;
    }
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
    // Only our end is non-blocking: O_NONBLOCK on the write end would be shared with the
    // plugin, and plugins expect a blocking stdout.
    // (A pipe's read end has no other status flag to keep, so no F_GETFL first.)
    return ::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0 ? 0 : errno;
}

}  // namespace

ChildStack::~ChildStack() {
    if (mapping_ != nullptr) {
        ::munmap(mapping_, kChildStackSize + kGuardSize);
    }
}

ChildStack::ChildStack(ChildStack&& other) noexcept
    : mapping_(std::exchange(other.mapping_, nullptr)) {}

ChildStack& ChildStack::operator=(ChildStack&& other) noexcept {
    std::swap(mapping_, other.mapping_);
    return *this;
}

char* ChildStack::top() {
    if (mapping_ == nullptr) {
        void* mapping = ::mmap(nullptr, kChildStackSize + kGuardSize, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
        if (mapping == MAP_FAILED) {
            return nullptr;
        }
        ::mprotect(mapping, kGuardSize, PROT_NONE);
        mapping_ = static_cast<char*>(mapping);
    }
    return mapping_ + kGuardSize + kChildStackSize;
}

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
    // Everything but SIGCHLD is blocked while the clone is made: no handler may run in the
    // child. SIGCHLD stays open because the kernel drops a SIGCHLD that nobody handles only
    // when the receiving thread does not block it; blocked, it is queued and wakes another
    // thread of the daemon (Asio's resolver thread, for every plugin that ended during a
    // spawn). The child resets SIGCHLD to SIG_DFL first thing.
    sigfillset(&all_signals_);
    sigdelset(&all_signals_, SIGCHLD);
    reset_signals_ = signals_to_reset();
}

// kSignalsToReset, and every other signal this process ignores or handles now: whoever
// started the daemon may have left some ignored (glibc's own 32 and 33 included, which
// libc's sigaction will not even show), and that would be inherited by every plugin.
std::vector<int> Spawner::signals_to_reset() {
    std::vector<int> signals(std::begin(kSignalsToReset), std::end(kSignalsToReset));
    for (int signal = 1; signal <= kLastSignal; ++signal) {
        unsigned long current[4] = {};  // the kernel's struct sigaction; [0] is the handler
        bool is_default =
            raw_syscall(SYS_rt_sigaction, signal, 0, as_long(current), kSignalMaskBytes) != 0 ||
            current[0] == reinterpret_cast<unsigned long>(SIG_DFL);
        if (!is_default && std::find(signals.begin(), signals.end(), signal) == signals.end()) {
            signals.push_back(signal);
        }
    }
    return signals;
}

SpawnAttempt Spawner::spawn(const Command& command, ChildPlan& plan, SpawnedProcess& process) {
    auto split = split_command_line(command.command_line, plan.words);
    SpawnAttempt attempt{split.mode, split.reason, {}, 0};
    if (split.mode == LineMode::invalid) {
        return attempt;
    }
    plan.envp = environment(command, plan);
    plan.shell = shell_.c_str();
    plan.reset_signals = reset_signals_.data();
    plan.reset_signal_count = static_cast<int>(reset_signals_.size());
    plan.arguments.clear();
    plan.arguments.push_back(nullptr);  // the shell's place, for a script without "#!"
    if (split.mode == LineMode::shell) {
        plan.arguments.push_back(shell_.data());
        plan.arguments.push_back(const_cast<char*>("-c"));
        plan.arguments.push_back(const_cast<char*>(command.command_line.c_str()));
        plan.arguments.push_back(nullptr);
        plan.path = shell_.c_str();
        attempt.program = shell_;
        attempt.error = start(plan, process);
        return attempt;
    }
    for (std::size_t i = 0, at = 0; i < split.word_count; ++i) {
        plan.arguments.push_back(plan.words.data() + at);
        at = plan.words.find('\0', at) + 1;
    }
    plan.arguments.push_back(nullptr);
    plan.path = resolve(plan.arguments[1], plan.envp, plan, attempt.error);
    attempt.program = plan.path != nullptr ? plan.path : plan.arguments[1];
    if (plan.path == nullptr) {
        return attempt;
    }
    attempt.error = start(plan, process);
    return attempt;
}

int Spawner::start(ChildPlan& plan, SpawnedProcess& process) {
    UniqueFd out_read, out_write, err_read, err_write;
    if (int error = make_pipe(out_read, out_write); error != 0) {
        return error;
    }
    if (int error = make_pipe(err_read, err_write); error != 0) {
        return error;
    }
    plan.argv = plan.arguments.data() + 1;
    plan.stdin_fd = dev_null_.get();
    plan.stdout_fd = out_write.get();
    plan.stderr_fd = err_write.get();
    plan.exec_error = 0;
    plan.shell_fallback = false;
    if (int error = clone_child(plan, process); error != 0) {
        return error;
    }
    // Our write ends close here; the child holds its own copies (its descriptor table was
    // copied at the clone).
    process.out = std::move(out_read);
    process.err = std::move(err_read);
    return 0;
}

// Until we reap it, the child's pid (and so its process group id) cannot be reused, which
// is what makes kill(-pid) safe. Returns 0 once the child runs, else the errno of what
// failed (the child is then reaped already).
int Spawner::clone_child(ChildPlan& plan, SpawnedProcess& process) {
    char* stack_top = plan.stack.top();
    if (stack_top == nullptr) {
        return ENOMEM;
    }
    sigset_t previous_mask;
    ::pthread_sigmask(SIG_SETMASK, &all_signals_, &previous_mask);
    int pidfd = -1;
    pid_t pid = ::clone(child_main, stack_top, kCloneFlags, &plan, &pidfd);
    int clone_error = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous_mask, nullptr);
    if (pid < 0) {
        return clone_error;
    }
    UniqueFd owned_pidfd(pidfd);
    if (!kRawSyscalls && plan.exec_error != 0) {
        // With CLONE_VFORK the child has exec'd or failed by now: say so at once.
        siginfo_t ignored{};
        ::waitid(static_cast<idtype_t>(P_PIDFD), static_cast<id_t>(pidfd), &ignored, WEXITED);
        return plan.exec_error;
    }
    process.pid = pid;
    process.pidfd = std::move(owned_pidfd);
    return 0;
}

char* const* Spawner::environment(const Command& command, ChildPlan& plan) {
    if (command.env.empty()) {
        return base_envp_.data();
    }
    auto& envp = plan.environment;
    envp.clear();
    for (const auto& entry : command.env) {
        if (!variable_name(entry).empty()) {
            envp.push_back(const_cast<char*>(entry.c_str()));
        }
    }
    for (auto& entry : base_environment_) {
        auto name = variable_name(entry);
        bool overridden = false;
        for (const auto& given : command.env) {
            overridden = overridden || variable_name(given) == name;
        }
        if (!overridden) {
            envp.push_back(entry.data());
        }
    }
    envp.push_back(nullptr);
    return envp.data();
}

// execvp's search, done here because it must search the PATH the plugin is given, not the
// daemon's. Nagios commands nearly always name a path ($USER1$/check_x).
const char* Spawner::resolve(const char* name, char* const* envp, ChildPlan& plan, int& error) {
    if (has_slash(name)) {
        return name;
    }
    error = ENOENT;
    std::string_view dirs = path_variable(envp);
    while (true) {
        auto colon = dirs.find(':');
        auto dir = dirs.substr(0, colon);
        plan.resolved.assign(dir.empty() ? "." : dir);
        plan.resolved.push_back('/');
        plan.resolved.append(name);
        if (::access(plan.resolved.c_str(), X_OK) == 0) {
            error = 0;
            return plan.resolved.c_str();
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
