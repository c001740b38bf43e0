#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/net/metrics.hpp>
#include <yagura/net/tls.hpp>
#include <yagura/satellite/config.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::core {
class Clock;
}

namespace yagura::satellite {

struct SatelliteOptions {
    Role role = Role::poller;
    // The worker_name sent to schedulers, unless the link names the satellite.
    std::string name;
    // TLS files for calling schedulers whose link says use_ssl 1 (the daemon's own CA,
    // certificate and key); use_ssl here is ignored: each scheduler entry decides.
    net::TlsSettings tls;
    // How long a get_checks call may wait at the scheduler for an action to become due.
    // The call itself is given this plus the scheduler link's `timeout`, so a scheduler that
    // died without closing its socket is noticed within that time.
    std::chrono::milliseconds long_poll_wait{10'000};
    // Under load, how long to let work gather before the next call: more free slots or more
    // due actions before a get_checks, more results before a put_results. It batches the
    // calls when checks come and go by the thousand per second, at the cost of at most this
    // much delay; an idle satellite asks at once. 0: never wait.
    std::chrono::milliseconds coalesce{5};
    // Pause after a failed call to a scheduler: doubled after each failure in a row, from
    // retry_min up to retry_max.
    std::chrono::milliseconds retry_min{250};
    std::chrono::milliseconds retry_max{5'000};
    // A scheduler that left the list keeps getting the results owed to it; after this many
    // failed put_results in a row they are dropped (it is gone, or no longer runs that part).
    int removed_scheduler_attempts = 3;
    // Timeout of an action that comes without one: Nagios' service_check_timeout (60 s) for
    // pollers, notification_timeout (30 s) for reactionners; 0 picks that by role.
    double default_timeout = 0;
    // Where result times come from (tests pass a FakeClock); nullptr: the system clock.
    const core::Clock* clock = nullptr;
};

// Counters of the whole satellite (per-scheduler ones are in stats()).
struct SatelliteCounters {
    std::uint64_t received = 0;      // actions accepted from schedulers
    std::uint64_t started = 0;       // plugins started
    std::uint64_t done = 0;          // plugins finished, whatever their outcome
    std::uint64_t timed_out = 0;     // killed at their timeout
    std::uint64_t spawn_failed = 0;  // could not be started at all
    std::uint64_t rejected = 0;      // malformed actions (answered UNKNOWN when they had an id)
    std::uint64_t duplicates = 0;    // an action id already running here, not run twice
    std::uint64_t results_acknowledged = 0;  // in a put_results call that succeeded
    std::uint64_t results_unknown = 0;       // acknowledged but unknown to the scheduler
    std::uint64_t results_dropped = 0;       // never delivered (restart, removal, stop)
    std::size_t peak_running = 0;            // most plugins running at once so far
};

// The engine shared by the poller and the reactionner: pulls actions from every scheduler of
// its list with the long poll (one coroutine per scheduler on the daemon's loop), runs them
// with exec::Runner within the capacity of its link, and returns the results in batches,
// keeping each until its scheduler acknowledged it (see docs/daemons.md, "Pollers and
// reactionners").
//
// Single-threaded: every call from the io_context's thread. The coroutines it spawns keep
// its state alive, so the Satellite object itself may be destroyed at any time after stop();
// the state goes away when the last of them ends (at the latest with the io_context).
class Satellite {
public:
    Satellite(boost::asio::io_context& io, SatelliteOptions options);
    ~Satellite();
    Satellite(const Satellite&) = delete;
    Satellite& operator=(const Satellite&) = delete;

    // Creates the runner and the scheduler clients and starts serving the configuration given
    // so far. Nothing bound to the io_context exists before (so a daemon that fails to start
    // can destroy a Satellite after its loop).
    void start();

    // Takes a new scheduler list and link settings, at once: new schedulers are pulled from
    // right away; a scheduler no longer listed is no longer pulled from (its call in flight
    // is cancelled), while the results it is owed are still delivered if it answers (it may
    // still run that part) and dropped after removed_scheduler_attempts failures; a scheduler
    // still listed keeps its connection, its results and its actions in flight even if its
    // part or flavor changed. An empty list (wait_new_conf) stops all pulling. Before
    // start(), the configuration is kept for start().
    void apply_config(SatelliteConfig config);

    // Graceful stop, within `bound`: stops pulling, kills every running plugin (their
    // aborted results are not sent: the schedulers reschedule those actions), drops the
    // actions still waiting, then tries to deliver the results already owed until `bound`
    // passes, and drops (and logs) what is left.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds bound);

    // The "poller"/"reactionner" entry of GET /stats.
    nlohmann::json stats() const;
    // Samples for GET /metrics, each labelled with `who` (role and name).
    void write_metrics(net::MetricsWriter& writer, const net::Labels& who) const;

    const SatelliteCounters& counters() const;
    Capacity capacity() const;
    std::size_t running() const;  // plugins running now
    std::size_t waiting() const;  // actions held, waiting for a running slot
    // Results owed to the scheduler named so (pending or in a call in flight), 0 if unknown.
    std::size_t results_owed(const std::string& scheduler_name) const;
    bool has_config() const;

    class Impl;

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::satellite
