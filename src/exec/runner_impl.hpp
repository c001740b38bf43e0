#pragma once

#include <array>
#include <cerrno>
#include <csignal>
#include <deque>
#include <memory>
#include <string>
#include <sys/epoll.h>
#include <unistd.h>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <yagura/exec/outcome.hpp>
#include <yagura/exec/runner.hpp>

#include "deadline_heap.hpp"
#include "spawner.hpp"

namespace yagura::exec {

namespace asio = boost::asio;

// Where a child is in its life. Every child runs, then either ends by itself (running,
// maybe draining) or is timed out (terminating, then reaping after its result went out).
enum class Phase {
    idle,         // the slot is free
    running,      // before the deadline
    draining,     // exited, but something it started holds its pipes; short grace
    terminating,  // timed out, SIGTERM sent, SIGKILL at the grace deadline
    reaping,      // SIGKILL sent and result delivered; waiting for the exit to reap it
};

// What is known of a pipe's write ends when it is read.
enum class PipeEnd {
    open,           // some writer still there (no EPOLLHUP)
    hung_up,        // every writer gone, bytes may be left (EPOLLHUP | EPOLLIN)
    hung_up_empty,  // every writer gone, nothing left (EPOLLHUP alone)
    unknown,        // read until EAGAIN or end of file to find out
};

struct Capture {
    detail::UniqueFd fd;
    std::string data;  // capacity kept from one child to the next
    std::size_t cap = 0;
    bool truncated = false;
};

struct Slot {
    std::uint32_t generation = 0;  // bumped on release; stale epoll events carry the old one
    Phase phase = Phase::idle;
    pid_t pid = -1;
    detail::UniqueFd pidfd;
    bool exited = false;
    Capture out;
    Capture err;
    Command command;
    Runner::Completion completion;
    LineMode mode = LineMode::direct;
    std::string_view program;  // what was exec'd, for messages; points into plan or spawner
    detail::ChildPlan plan;    // read by the child until it execs: kept until the reap
    double started = 0;        // core::monotonic_seconds()
    core::EpochSeconds start_time = 0;
    bool timed_out = false;
};

// Boost 1.81's any_completion_handler move assignment copies `other` as an lvalue into its
// generic constructor, which wraps the handler in itself without end: move-construct and
// swap instead, never assign (fixed in later Boost releases).
inline void move_into(Runner::Completion& target, Runner::Completion&& source) {
    Runner::Completion(std::move(source)).swap(target);
}

// Signals a child's whole process group. The child makes its group first thing after the
// clone, which may not have happened yet when the runner signals it at once (a stop() right
// after a start): then the group is made here (setpgid fails harmlessly once the child has
// exec'd, by when it has made it itself).
inline void signal_group(pid_t pid, int signal) {
    if (::kill(-pid, signal) == 0 || errno != ESRCH) {
        return;
    }
    ::setpgid(pid, pid);
    if (::kill(-pid, signal) != 0) {
        ::kill(pid, signal);
    }
}

struct QueuedRun {
    Command command;
    Runner::Completion completion;
};

class Runner::Impl {
public:
    Impl(asio::io_context& io, const core::Clock& clock, Limits limits);
    ~Impl();

    void start(Command command, Completion completion);
    void stop();
    Counters counters() const;
    const Limits& limits() const { return limits_; }

private:
    enum class Source : std::uint64_t { out = 0, err = 1, exit = 2 };

    // runner.cpp: starting, queueing, delivering, stopping.
    void launch(Command command, Completion completion);
    void fail_launch(std::size_t index, const ProcessOutcome& outcome);
    std::size_t acquire_slot();
    void release(std::size_t index);
    void start_queued();
    void deliver(Completion completion, Result result);
    void post_result(Completion completion, Result result);
    void kill_and_reap_all(double wait_seconds);

    // runner_events.cpp: the epoll set, the deadline timer, reading and finishing.
    int watch(std::size_t index, int fd, Source source);  // 0 or errno
    void wait_for_events();
    void on_events();
    void dispatch(std::uint64_t data, std::uint32_t events);
    bool read_capture(Capture& capture, PipeEnd writers);
    void read_and_rearm(std::size_t index, Source source, PipeEnd writers);
    epoll_event watched_event(std::size_t index, Source source) const;
    void rearm(std::size_t index, int fd, Source source);
    void on_exit(std::size_t index);
    void advance(std::size_t index);
    void set_deadline(std::size_t index, double deadline);
    void arm_timer();
    void on_timer();
    void on_deadline(std::size_t index);
    void finish(std::size_t index);
    void kill_group_and_finish(std::size_t index);
    struct Exit {
        bool known = false;  // false only if waitid failed, which it should not
        bool exited = false;
        int code = 0;
        int signal = 0;
    };
    Exit reap(Slot& slot);
    ProcessOutcome outcome_of(const Slot& slot) const;
    Result make_result(Slot& slot, const ProcessOutcome& outcome);

    asio::io_context& io_;
    const core::Clock& clock_;
    Limits limits_;
    detail::Spawner spawner_;
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // handlers check it first

    detail::UniqueFd epoll_;
    asio::posix::stream_descriptor epoll_watch_;
    asio::steady_timer timer_;
    double timer_armed_for_;  // monotonic seconds; +inf when no wait is pending

    std::deque<Slot> slots_;  // a deque: references stay valid while it grows
    std::vector<std::size_t> free_slots_;
    std::size_t busy_slots_ = 0;
    std::deque<QueuedRun> queue_;
    detail::DeadlineHeap deadlines_;
    std::array<epoll_event, 128> events_{};
    std::vector<char> read_buffer_ = std::vector<char>(64 * 1024);
    Counters counters_;
    bool stopped_ = false;
};

}  // namespace yagura::exec
