#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/io_context.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/exec/action.hpp>

namespace yagura::exec {

// The environment every plugin starts with: a fixed PATH and nothing of the daemon's own
// (no secrets, no locale that turns "0.5" into "0,5" in perfdata).
std::vector<std::string> default_base_environment();

struct Limits {
    // Plugins running at once; further requests wait in a FIFO queue. Each running plugin
    // holds three descriptors (stdout, stderr, pidfd): see ensure_descriptor_limit().
    std::size_t max_running = 256;
    // Default cap of captured stdout and of stderr (Shinken's max_plugins_output_length).
    std::size_t max_plugins_output_length = 8192;
    // On timeout the group first gets SIGTERM, then SIGKILL after this many seconds, so
    // plugins can clean up (close an ssh session, remove a lock file); 0 sends SIGKILL at once.
    double kill_grace = 1.0;
    // When a plugin has exited but something it started still holds its stdout or stderr
    // open (a daemon restarted by an event handler), wait this long for the pipes to close,
    // then report with what was read instead of waiting for the timeout as Nagios does.
    double output_drain_grace = 0.5;
    // Used for a Command whose timeout is not positive (Shinken's service_check_timeout).
    double default_timeout = 60.0;
    std::vector<std::string> base_environment = default_base_environment();
    std::string shell = "/bin/sh";
};

struct Counters {
    std::uint64_t started = 0;   // plugins spawned
    std::uint64_t finished = 0;  // results delivered, all kinds included
    std::uint64_t timed_out = 0;
    std::uint64_t spawn_failed = 0;  // invalid command lines and failed spawns
    std::uint64_t aborted = 0;       // delivered as aborted by stop()
    std::size_t running = 0;         // processes alive now (killed ones until reaped)
    std::size_t queued = 0;          // waiting for a free place under max_running
};

// Runs plugins on the caller's io_context, from one thread, without blocking it:
//
//     exec::Runner runner(io, clock, {.max_running = 512});
//     runner.start(exec::Command{.command_line = "/usr/lib/nagios/plugins/check_load -r",
//                                .timeout = 30},
//                  [](exec::Result result) { ... });
//     exec::Result r = co_await runner.async_run(std::move(command), asio::use_awaitable);
//
// Each plugin is started as posix_spawn would (vfork-style clone, then execve; see
// src/exec/spawner.hpp for why by hand) in a process group of its own, with stdin on
// /dev/null, no descriptor of the daemon, and a clean environment; its pipes and a pidfd
// are watched by one epoll set that the io_context polls, so thousands of children cost no
// thread each. Every child is reaped. A timeout kills its whole process group. The only
// blocking calls are the spawn itself (the clone returns once the child has exec'd, some
// tens of microseconds) and stop() / the destructor (they wait for killed children,
// at most two seconds). Result::start_time and end_time come from `clock` (which must
// outlive the runner), execution_time from the monotonic clock.
//
// Completions run on the io_context's thread, from inside the runner's event handling,
// never from inside start()/async_run() (even a spawn failure is posted). A completion
// may call start(), async_run() and stop(), but must not destroy the runner; one that
// throws lets the exception out of io_context::run(), and the runner stays usable.
// The runner is not thread safe: use it from the io_context's thread only.
class Runner {
public:
    using Completion = boost::asio::any_completion_handler<void(Result)>;

    Runner(boost::asio::io_context& io, const core::Clock& clock, Limits limits = {});
    // Kills every process group still running (SIGKILL), reaps them, and drops pending and
    // queued completions without calling them: call stop() first to have them called.
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Runs `command` now, or queues it while max_running plugins are running.
    void start(Command command, Completion completion);

    // The same with any Asio completion token (a callback, use_awaitable, deferred, ...).
    // With g++ 12, build the Command in a named variable before `co_await`: it destroys the
    // temporaries of a full expression holding a co_await twice (a compiler bug).
    template <typename Token>
    auto async_run(Command command, Token&& token) {
        return boost::asio::async_initiate<Token, void(Result)>(
            [this](auto handler, Command cmd) {
                start(std::move(cmd), Completion(std::move(handler)));
            },
            token, std::move(command));
    }

    // Kills every running process group, reaps the processes, and posts every running and
    // queued completion with an aborted Result (exit_status 3). Later starts are aborted too.
    void stop();

    Counters counters() const;
    const Limits& limits() const;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

// Raises this process's soft RLIMIT_NOFILE to at least `needed` descriptors (never above
// the hard limit) and returns the soft limit now in force. A daemon running N plugins at
// once wants about 3*N + its own sockets; the default soft limit is often 1024.
std::size_t ensure_descriptor_limit(std::size_t needed);

}  // namespace yagura::exec
