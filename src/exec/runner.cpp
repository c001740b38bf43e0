// The runner's life cycle: starting, queueing, delivering results, stopping.
// The event side (epoll, deadlines, reading, finishing) is in runner_events.cpp.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <boost/asio/post.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>

#include "runner_impl.hpp"

namespace yagura::exec {

namespace {

// A year: longer timeouts are typos, and a deadline must stay within steady_clock's range.
constexpr double kLongestTimeout = 365.0 * 24 * 3600;

// The child's dup2 onto 0, 1 and 2 goes wrong if a pipe end itself got one of those
// numbers, which happens when the daemon closed them; a daemon should hold /dev/null there.
void ensure_standard_descriptors_open() {
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            ::open("/dev/null", O_RDWR);  // takes the lowest free number: this one
        }
    }
}

// With SIGCHLD ignored the kernel reaps children itself and waitid cannot report how a
// plugin ended.
void ensure_children_are_waitable() {
    struct sigaction current {};
    ::sigaction(SIGCHLD, nullptr, &current);
    if (current.sa_handler == SIG_IGN || (current.sa_flags & SA_NOCLDWAIT) != 0) {
        core::logger("exec")->warn(
            "SIGCHLD was ignored; restoring its default so that plugin "
            "exit codes can be read");
        struct sigaction restored {};
        restored.sa_handler = SIG_DFL;
        sigemptyset(&restored.sa_mask);
        ::sigaction(SIGCHLD, &restored, nullptr);
    }
}

}  // namespace

std::vector<std::string> default_base_environment() {
    return {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"};
}

std::size_t ensure_descriptor_limit(std::size_t needed) {
    struct rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return 0;
    }
    if (limit.rlim_cur < needed) {
        limit.rlim_cur = std::min<rlim_t>(needed, limit.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<std::size_t>(limit.rlim_cur);
}

Runner::Impl::Impl(asio::io_context& io, const core::Clock& clock, Limits limits)
    : io_(io),
      clock_(clock),
      limits_(std::move(limits)),
      spawner_(limits_.base_environment, limits_.shell),
      epoll_watch_(io),
      timer_(io),
      timer_armed_for_(std::numeric_limits<double>::infinity()) {
    if (limits_.max_running == 0) {
        core::throw_error(core::ErrorKind::invalid_input, "exec: max_running must be at least 1");
    }
    ensure_standard_descriptors_open();
    ensure_children_are_waitable();
    int epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_fd < 0) {
        core::throw_error(core::ErrorKind::internal,
                          std::string("exec: epoll_create1: ") + std::strerror(errno));
    }
    epoll_watch_.assign(epoll_fd);  // Asio owns and closes it
    wait_for_events();
}

Runner::Impl::~Impl() {
    alive_.reset();  // handlers still queued in the io_context must not touch us
    queue_.clear();
    kill_and_reap_all(2.0);
}

void Runner::Impl::start(Command command, Completion completion) {
    if (stopped_) {
        Result result;
        interpret_outcome(ProcessOutcome{.kind = command.kind, .aborted = true}, result);
        ++counters_.aborted;
        post_result(std::move(completion), std::move(result));
        return;
    }
    if (busy_slots_ < limits_.max_running) {
        launch(std::move(command), std::move(completion));
    } else {
        queue_.push_back(QueuedRun{std::move(command), std::move(completion)});
    }
}

void Runner::Impl::launch(Command command, Completion completion) {
    std::size_t index = acquire_slot();
    Slot& slot = slots_[index];
    slot.command = std::move(command);
    move_into(slot.completion, std::move(completion));
    slot.started = core::monotonic_seconds();
    slot.start_time = clock_.now();
    detail::SpawnedProcess process;
    auto attempt = spawner_.spawn(slot.command, slot.plan, process);
    slot.mode = attempt.mode;
    slot.program = attempt.program;
    ProcessOutcome failure{.kind = slot.command.kind,
                           .mode = attempt.mode,
                           .invalid_reason = attempt.reason,
                           .program = attempt.program,
                           .spawn_error = attempt.error};
    if (attempt.mode == LineMode::invalid || attempt.error != 0) {
        fail_launch(index, failure);
        return;
    }
    slot.phase = Phase::running;
    slot.pid = process.pid;
    slot.pidfd = std::move(process.pidfd);
    slot.out.fd = std::move(process.out);
    slot.err.fd = std::move(process.err);
    std::size_t cap =
        slot.command.max_output > 0 ? slot.command.max_output : limits_.max_plugins_output_length;
    slot.out.cap = cap;
    slot.err.cap = cap;
    int error = watch(index, slot.out.fd.get(), Source::out);
    error = error != 0 ? error : watch(index, slot.err.fd.get(), Source::err);
    error = error != 0 ? error : watch(index, slot.pidfd.get(), Source::exit);
    if (error != 0) {
        // Unwatched, its end would go unnoticed: better not to run it at all.
        signal_group(slot.pid, SIGKILL);
        reap(slot);
        failure.spawn_error = error;
        fail_launch(index, failure);
        return;
    }
    ++counters_.started;
    double timeout = slot.command.timeout > 0 ? slot.command.timeout : limits_.default_timeout;
    set_deadline(index, slot.started + std::min(timeout, kLongestTimeout));
}

void Runner::Impl::fail_launch(std::size_t index, const ProcessOutcome& outcome) {
    ++counters_.spawn_failed;
    Slot& slot = slots_[index];
    Result result = make_result(slot, outcome);
    Completion waiting = std::move(slot.completion);
    release(index);
    post_result(std::move(waiting), std::move(result));  // never called inside start()
}

std::size_t Runner::Impl::acquire_slot() {
    ++busy_slots_;
    if (!free_slots_.empty()) {
        std::size_t index = free_slots_.back();  // the most recently used: warm in cache
        free_slots_.pop_back();
        return index;
    }
    slots_.emplace_back();
    return slots_.size() - 1;
}

void Runner::Impl::release(std::size_t index) {
    Slot& slot = slots_[index];
    deadlines_.erase(index);
    slot.phase = Phase::idle;
    ++slot.generation;
    slot.pid = -1;
    slot.pidfd.reset();  // closing a descriptor also takes it out of the epoll set
    slot.exited = false;
    slot.timed_out = false;
    for (Capture* capture : {&slot.out, &slot.err}) {
        capture->fd.reset();
        capture->data.clear();  // keeps the capacity for the next child
        capture->truncated = false;
    }
    slot.command = Command{};
    slot.program = {};
    slot.completion = nullptr;
    free_slots_.push_back(index);
    --busy_slots_;
}

void Runner::Impl::start_queued() {
    while (!stopped_ && !queue_.empty() && busy_slots_ < limits_.max_running) {
        QueuedRun next = std::move(queue_.front());
        queue_.pop_front();
        launch(std::move(next.command), std::move(next.completion));
    }
}

// Queued runs get the freed place before the completion runs, so a completion that starts
// a new run queues behind them: FIFO.
void Runner::Impl::deliver(Completion completion, Result result) {
    ++counters_.finished;
    start_queued();
    if (completion) {
        std::move(completion)(std::move(result));
    }
}

void Runner::Impl::post_result(Completion completion, Result result) {
    ++counters_.finished;
    asio::post(io_, [completion = std::move(completion), result = std::move(result)]() mutable {
        if (completion) {
            std::move(completion)(std::move(result));
        }
    });
}

void Runner::Impl::stop() {
    if (stopped_) {
        return;
    }
    stopped_ = true;
    std::vector<Completion> waiting;
    for (auto& slot : slots_) {
        if (slot.phase != Phase::idle && slot.phase != Phase::reaping && slot.completion) {
            waiting.push_back(std::move(slot.completion));
        }
    }
    for (auto& queued : queue_) {
        waiting.push_back(std::move(queued.completion));
    }
    queue_.clear();
    kill_and_reap_all(2.0);
    for (auto& completion : waiting) {
        Result result;
        interpret_outcome(ProcessOutcome{.aborted = true}, result);
        result.end_time = clock_.now();
        ++counters_.aborted;
        post_result(std::move(completion), std::move(result));
    }
}

// SIGKILL to every group, then wait (bounded) for the leaders to exit and reap them.
void Runner::Impl::kill_and_reap_all(double wait_seconds) {
    std::vector<std::size_t> pending;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (slots_[i].phase != Phase::idle) {
            signal_group(slots_[i].pid, SIGKILL);
            pending.push_back(i);
        }
    }
    double give_up = core::monotonic_seconds() + wait_seconds;
    std::vector<pollfd> polled;
    while (!pending.empty()) {
        polled.clear();
        for (std::size_t index : pending) {
            polled.push_back(pollfd{slots_[index].pidfd.get(), POLLIN, 0});
        }
        int wait_ms = static_cast<int>((give_up - core::monotonic_seconds()) * 1000);
        if (wait_ms <= 0 || ::poll(polled.data(), polled.size(), wait_ms) < 0) {
            break;
        }
        std::vector<std::size_t> still;
        for (std::size_t i = 0; i < pending.size(); ++i) {
            if ((polled[i].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) != 0) {
                reap(slots_[pending[i]]);
                release(pending[i]);
            } else {
                still.push_back(pending[i]);
            }
        }
        pending.swap(still);
    }
    if (!pending.empty()) {
        core::logger("exec")->warn(
            "{} plugin processes did not die within {}s of SIGKILL "
            "(uninterruptible sleep?); left unreaped",
            pending.size(), wait_seconds);
        for (std::size_t index : pending) {
            release(index);
        }
    }
}

Counters Runner::Impl::counters() const {
    Counters now = counters_;
    now.running = busy_slots_;
    now.queued = queue_.size();
    return now;
}

Runner::Runner(asio::io_context& io, const core::Clock& clock, Limits limits)
    : impl_(std::make_unique<Impl>(io, clock, std::move(limits))) {}

Runner::~Runner() = default;

void Runner::start(Command command, Completion completion) {
    impl_->start(std::move(command), std::move(completion));
}

void Runner::stop() {
    impl_->stop();
}

Counters Runner::counters() const {
    return impl_->counters();
}

const Limits& Runner::limits() const {
    return impl_->limits();
}

}  // namespace yagura::exec
