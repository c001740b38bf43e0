// The runner's event side. One epoll set holds every child's stdout, stderr and pidfd; Asio
// watches that one descriptor, so a wake-up handles a whole batch of children with no
// handler allocation per child. One steady_timer serves the earliest deadline.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <yagura/core/logging.hpp>
#include <yagura/exec/plugin_output.hpp>

#include "runner_impl.hpp"

namespace yagura::exec {

namespace {

constexpr int kEventRoundsPerWakeup = 8;  // then let other handlers of the io_context run
constexpr int kReadsPerEvent = 16;        // 1 MiB: a flooding plugin cannot starve the rest

std::uint64_t event_data(std::uint32_t generation, std::size_t index, std::uint64_t source) {
    return (std::uint64_t{generation} << 32) | (std::uint64_t{index} << 2) | source;
}

std::chrono::steady_clock::time_point to_time_point(double monotonic_seconds) {
    using namespace std::chrono;
    return steady_clock::time_point(
        ceil<steady_clock::duration>(duration<double>(monotonic_seconds)));
}

// What an epoll event says of a pipe's writers. EPOLLHUP without EPOLLIN: all gone, nothing
// left to read.
PipeEnd hung_up(std::uint32_t events) {
    if ((events & EPOLLHUP) == 0) {
        return PipeEnd::open;
    }
    return (events & EPOLLIN) != 0 ? PipeEnd::hung_up : PipeEnd::hung_up_empty;
}

std::string_view captured(const Capture& capture) {
    return capture.truncated ? utf8_complete_prefix(capture.data) : std::string_view(capture.data);
}

}  // namespace

// The pidfd stays readable once the child exited: one report is all we want (one-shot).
// Pipes are edge-triggered: a level-triggered entry goes back on the ready list after each
// report and costs a second look at the next epoll_wait; read_capture empties the pipe or
// re-arms it, so no byte is left unreported.
epoll_event Runner::Impl::watched_event(std::size_t index, Source source) const {
    epoll_event event{};
    event.events = source == Source::exit ? EPOLLIN | EPOLLONESHOT : EPOLLIN | EPOLLET;
    event.data.u64 =
        event_data(slots_[index].generation, index, static_cast<std::uint64_t>(source));
    return event;
}

// After a read that stopped with bytes maybe left: an edge-triggered entry reports again
// only on new bytes, which a plugin blocked on a full pipe will never write. Modifying the
// entry makes epoll look at the pipe again and report it if it is readable.
void Runner::Impl::rearm(std::size_t index, int fd, Source source) {
    epoll_event event = watched_event(index, source);
    ::epoll_ctl(epoll_watch_.native_handle(), EPOLL_CTL_MOD, fd, &event);
}

int Runner::Impl::watch(std::size_t index, int fd, Source source) {
    epoll_event event = watched_event(index, source);
    if (::epoll_ctl(epoll_watch_.native_handle(), EPOLL_CTL_ADD, fd, &event) != 0) {
        int error = errno;  // ENOMEM, or ENOSPC past fs.epoll.max_user_watches
        core::logger("exec")->error("epoll_ctl(ADD) for plugin pid {}: {}", slots_[index].pid,
                                    std::strerror(error));
        return error;
    }
    return 0;
}

void Runner::Impl::wait_for_events() {
    epoll_watch_.async_wait(
        asio::posix::stream_descriptor::wait_read,
        [this, alive = std::weak_ptr<int>(alive_)](boost::system::error_code ec) {
            if (alive.expired() || ec == asio::error::operation_aborted) {
                return;
            }
            if (ec) {
                core::logger("exec")->error("epoll wait: {}", ec.message());
            }
            on_events();
        });
}

void Runner::Impl::on_events() {
    // Re-arming re-checks readiness (Asio modifies the registration), so events left over
    // after the last round wake us again at once. Done on every way out: a completion that
    // throws must not leave the runner deaf.
    struct Rearm {
        Impl& impl;
        ~Rearm() { impl.wait_for_events(); }
    } rearm{*this};
    int fd = epoll_watch_.native_handle();
    int capacity = static_cast<int>(events_.size());
    for (int round = 0; round < kEventRoundsPerWakeup; ++round) {
        int count = ::epoll_wait(fd, events_.data(), capacity, 0);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count < 0) {
            core::logger("exec")->error("epoll_wait: {}", std::strerror(errno));
            break;
        }
        for (int i = 0; i < count; ++i) {
            dispatch(events_[i].data.u64, events_[i].events);
        }
        if (count < capacity) {
            break;
        }
    }
}

void Runner::Impl::dispatch(std::uint64_t data, std::uint32_t events) {
    std::size_t index = static_cast<std::size_t>((data >> 2) & 0x3fffffff);
    auto generation = static_cast<std::uint32_t>(data >> 32);
    if (index >= slots_.size()) {
        return;
    }
    Slot& slot = slots_[index];
    // An event fetched in the same batch as the end of its child, maybe for a new child
    // in the same slot by now: the generation tells.
    if (slot.phase == Phase::idle || slot.generation != generation) {
        return;
    }
    switch (static_cast<Source>(data & 3)) {
        case Source::out:
            read_and_rearm(index, Source::out, hung_up(events));
            break;
        case Source::err:
            read_and_rearm(index, Source::err, hung_up(events));
            break;
        case Source::exit:
            on_exit(index);
            return;
    }
    advance(index);
}

void Runner::Impl::read_and_rearm(std::size_t index, Source source, PipeEnd writers) {
    Capture& capture = source == Source::out ? slots_[index].out : slots_[index].err;
    if (!read_capture(capture, writers)) {
        rearm(index, capture.fd.get(), source);
    }
}

// Takes what the pipe holds now. A read shorter than the buffer emptied it: with every
// writer gone (epoll said so) that is the end of the file, otherwise the next bytes come
// with the next edge. Either way the read that would only say EAGAIN or end of file is
// saved: most plugins cost one read per pipe. Without that knowledge (`writers` unknown,
// as after the exit) it reads until EAGAIN or end of file. Returns false when it stopped
// at kReadsPerEvent with the pipe maybe not empty (the caller re-arms it).
bool Runner::Impl::read_capture(Capture& capture, PipeEnd writers) {
    if (writers == PipeEnd::hung_up_empty) {
        capture.fd.reset();
        return true;
    }
    for (int i = 0; i < kReadsPerEvent && capture.fd; ++i) {
        ssize_t n = ::read(capture.fd.get(), read_buffer_.data(), read_buffer_.size());
        if (n > 0) {
            // Past the cap the bytes are read and dropped, so the plugin never blocks on a
            // full pipe and finishes as it would with nobody counting.
            std::size_t room =
                capture.cap > capture.data.size() ? capture.cap - capture.data.size() : 0;
            auto length = static_cast<std::size_t>(n);
            capture.truncated = capture.truncated || length > room;
            capture.data.append(read_buffer_.data(), std::min(length, room));
            if (length < read_buffer_.size() && writers == PipeEnd::hung_up) {
                capture.fd.reset();
                return true;
            }
            if (length < read_buffer_.size() && writers == PipeEnd::open) {
                return true;
            }
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            return true;
        }
        capture.fd.reset();  // end of file (or a read error): closing also unregisters it
    }
    return !capture.fd;
}

void Runner::Impl::on_exit(std::size_t index) {
    Slot& slot = slots_[index];
    slot.exited = true;
    // What the plugin wrote before exiting is in the pipes already: take it now, and most
    // children finish in this one event.
    read_and_rearm(index, Source::out, PipeEnd::unknown);
    read_and_rearm(index, Source::err, PipeEnd::unknown);
    advance(index);
}

// Moves a child on after something happened to it (output, end of file, exit).
void Runner::Impl::advance(std::size_t index) {
    Slot& slot = slots_[index];
    bool pipes_closed = !slot.out.fd && !slot.err.fd;
    switch (slot.phase) {
        case Phase::running:
            if (slot.exited && pipes_closed) {
                finish(index);
            } else if (slot.exited) {
                slot.phase = Phase::draining;
                set_deadline(index, core::monotonic_seconds() + limits_.output_drain_grace);
            }
            return;
        case Phase::draining:
            if (pipes_closed) {
                finish(index);
            }
            return;
        case Phase::terminating:
            if (slot.exited && pipes_closed) {
                kill_group_and_finish(index);
            }
            return;
        case Phase::reaping:
            if (slot.exited) {
                reap(slot);
                release(index);
                start_queued();
            }
            return;
        case Phase::idle:
            return;
    }
}

void Runner::Impl::set_deadline(std::size_t index, double deadline) {
    deadlines_.set(index, deadline);
    arm_timer();
}

void Runner::Impl::arm_timer() {
    if (deadlines_.empty() || deadlines_.top_deadline() >= timer_armed_for_) {
        return;  // the pending wait fires first anyway
    }
    timer_armed_for_ = deadlines_.top_deadline();
    timer_.expires_at(to_time_point(timer_armed_for_));
    timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](boost::system::error_code ec) {
        if (alive.expired() || ec == asio::error::operation_aborted) {
            return;
        }
        on_timer();
    });
}

void Runner::Impl::on_timer() {
    timer_armed_for_ = std::numeric_limits<double>::infinity();
    struct Rearm {
        Impl& impl;
        ~Rearm() { impl.arm_timer(); }
    } rearm{*this};
    double now = core::monotonic_seconds();
    while (!deadlines_.empty() && deadlines_.top_deadline() <= now) {
        on_deadline(deadlines_.top_slot());
    }
}

void Runner::Impl::on_deadline(std::size_t index) {
    deadlines_.erase(index);
    Slot& slot = slots_[index];
    switch (slot.phase) {
        case Phase::running:
            slot.timed_out = true;
            ++counters_.timed_out;
            if (limits_.kill_grace > 0) {
                signal_group(slot.pid, SIGTERM);
                slot.phase = Phase::terminating;
                set_deadline(index, core::monotonic_seconds() + limits_.kill_grace);
            } else {
                kill_group_and_finish(index);
            }
            return;
        case Phase::terminating:
            kill_group_and_finish(index);
            return;
        case Phase::draining:
            finish(index);  // what held the pipes is not the plugin: report what we have
            return;
        case Phase::reaping:
        case Phase::idle:
            return;
    }
}

// The plugin ended by itself: reap it and report how.
void Runner::Impl::finish(std::size_t index) {
    Slot& slot = slots_[index];
    Exit exit = reap(slot);
    ProcessOutcome outcome = outcome_of(slot);
    if (exit.known) {
        outcome.exited = exit.exited;
        outcome.exit_code = exit.code;
        outcome.signal = exit.signal;
    } else {
        outcome.exit_code = 3;
    }
    if (slot.plan.exec_error != 0) {
        // The child could not exec the plugin (missing, not executable): said in its plan.
        outcome.spawn_error = slot.plan.exec_error;
        if (slot.plan.shell_fallback) {
            outcome.program = slot.plan.shell;
        }
        ++counters_.spawn_failed;
    }
    Result result = make_result(slot, outcome);
    Completion completion = std::move(slot.completion);
    release(index);
    deliver(std::move(completion), std::move(result));
}

// Timed out: SIGKILL the whole group while the leader is unreaped (so its pid, the group
// id, cannot have been reused), report, and reap the leader as soon as it is gone.
void Runner::Impl::kill_group_and_finish(std::size_t index) {
    Slot& slot = slots_[index];
    signal_group(slot.pid, SIGKILL);
    ProcessOutcome outcome = outcome_of(slot);
    outcome.timed_out = true;
    Result result = make_result(slot, outcome);
    Completion completion = std::move(slot.completion);
    slot.out.fd.reset();
    slot.err.fd.reset();
    deadlines_.erase(index);
    if (slot.exited) {
        reap(slot);
        release(index);
    } else {
        slot.phase = Phase::reaping;  // the one-shot pidfd watch is still armed
    }
    deliver(std::move(completion), std::move(result));
}

Runner::Impl::Exit Runner::Impl::reap(Slot& slot) {
    siginfo_t info{};
    int rc;
    do {
        rc = ::waitid(static_cast<idtype_t>(P_PIDFD), static_cast<id_t>(slot.pidfd.get()), &info,
                      WEXITED);
    } while (rc != 0 && errno == EINTR);
    Exit exit;
    if (rc != 0) {
        core::logger("exec")->error("waitid for plugin pid {}: {}", slot.pid, std::strerror(errno));
        return exit;
    }
    exit.known = true;
    exit.exited = info.si_code == CLD_EXITED;
    exit.code = exit.exited ? info.si_status : -1;
    exit.signal = exit.exited ? 0 : info.si_status;
    return exit;
}

ProcessOutcome Runner::Impl::outcome_of(const Slot& slot) const {
    return ProcessOutcome{.kind = slot.command.kind,
                          .timeout_exit_status = slot.command.timeout_exit_status,
                          .mode = slot.plan.shell_fallback ? LineMode::shell : slot.mode,
                          .program = slot.program,
                          .out = captured(slot.out),
                          .err = captured(slot.err)};
}

Result Runner::Impl::make_result(Slot& slot, const ProcessOutcome& outcome) {
    Result result;
    interpret_outcome(outcome, result);
    result.start_time = slot.start_time;
    result.end_time = clock_.now();
    result.execution_time = core::monotonic_seconds() - slot.started;
    result.output_truncated = slot.out.truncated || slot.err.truncated;
    if (slot.command.keep_raw_output) {
        result.raw_stdout = std::string(captured(slot.out));
        result.raw_stderr = std::string(captured(slot.err));
    }
    return result;
}

}  // namespace yagura::exec
