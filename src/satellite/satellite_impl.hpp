#pragma once

#include <chrono>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json_fwd.hpp>
#include <spdlog/logger.h>

#include <yagura/core/clock.hpp>
#include <yagura/daemon/async_event.hpp>
#include <yagura/daemon/peer.hpp>
#include <yagura/exec/runner.hpp>
#include <yagura/net/client.hpp>
#include <yagura/satellite/outbox.hpp>
#include <yagura/satellite/satellite.hpp>
#include <yagura/satellite/wire.hpp>

#include "latency.hpp"

namespace yagura::satellite {

namespace asio = boost::asio;

struct LinkCounters {
    std::uint64_t received = 0;
    std::uint64_t results_acknowledged = 0;
    std::uint64_t results_unknown = 0;
    std::uint64_t dropped_restart = 0;  // results of a previous run of the scheduler
    std::uint64_t dropped_removed = 0;  // owed to a scheduler that left the list and is gone
    std::uint64_t dropped_stop = 0;     // not delivered before the satellite stopped
    std::uint64_t dropped_refused = 0;  // the scheduler answered 400 to them
    std::uint64_t rejected = 0;
    std::uint64_t duplicates = 0;
};

// The satellite's state, shared by the coroutines that work on it (an internal type: every
// member is public to the files of this module, none of it to anyone else).

// One scheduler of the list, or one that left it and is still owed results.
struct Link {
    Link(SchedulerEntry scheduler, asio::io_context& io, int max_check_attempts);

    SchedulerEntry entry;
    net::Endpoint endpoint;
    daemon::PeerLink peer;          // reachable / alive / running id, Shinken's link semantics
    std::uint64_t generation = 1;   // bumped when the scheduler's running id changes
    bool removed = false;           // no longer in the list: no more pulling
    bool check_running_id = false;  // a call failed: learn its running id before resending
    // Actions accepted from it and not finished (waiting or running): id -> generation.
    std::unordered_map<std::string, std::uint64_t> in_flight;
    ResultOutbox outbox;
    std::size_t sending = 0;      // results in the put_results call in flight
    std::size_t batch_limit = 0;  // lowered after a 413; 0: no limit of its own
    std::shared_ptr<daemon::AsyncEvent> results_ready;
    asio::cancellation_signal cancel_pull;
    asio::cancellation_signal cancel_send;
    bool pulling = false;  // its loops are running
    bool sending_loop = false;
    std::optional<int> answered_part_id;  // part_id of the last get_checks answer
    LinkCounters counters;
};

// How one get_checks call went.
struct PullOutcome {
    std::string error;  // empty when it succeeded
    std::size_t asked = 0;
    std::size_t got = 0;  // actions in the answer, malformed ones included
    double took = 0;      // seconds
};

// An accepted action waiting for a running slot.
struct Waiting {
    std::shared_ptr<Link> link;
    std::uint64_t generation = 0;
    ActionOrder order;
};

class Satellite::Impl : public std::enable_shared_from_this<Satellite::Impl> {
public:
    Impl(asio::io_context& io, SatelliteOptions options);
    ~Impl();

    // satellite.cpp: configuration and life cycle.
    void start();
    void apply_config(SatelliteConfig config);
    asio::awaitable<void> stop(std::chrono::milliseconds bound);

    // pull.cpp: getting actions.
    asio::awaitable<void> pull_loop(std::shared_ptr<Link> link);
    asio::awaitable<PullOutcome> pull_once(const std::shared_ptr<Link>& link, std::size_t free);
    void accept(const std::shared_ptr<Link>& link, ChecksAnswer& answer);
    void note_contact(Link& link, const std::string& running_id);
    void note_reachable(Link& link);
    void note_failure(Link& link, const std::string& error);

    // run.cpp: running them within the capacity.
    void start_waiting();
    void launch(Waiting next);
    void finished(const std::shared_ptr<Link>& link, const std::string& id,
                  std::uint64_t generation, double due, exec::Result result);

    // send.cpp: returning results.
    asio::awaitable<void> send_loop(std::shared_ptr<Link> link);

    // stats.cpp
    nlohmann::json stats() const;
    void write_metrics(net::MetricsWriter& writer, const net::Labels& who) const;

    std::size_t held() const { return running_ + waiting_.size(); }
    std::size_t free_slots() const {
        return capacity_.total() > held() ? capacity_.total() - held() : 0;
    }
    // Free slots worth a call on their own while others are busy: an eighth of the
    // capacity, at most 64 (1 for a small capacity: then every slot is worth it).
    std::size_t gather_threshold() const {
        return std::max<std::size_t>(1, std::min<std::size_t>(capacity_.total() / 8, 64));
    }
    const Link* find_link(const std::string& scheduler_name) const;

    asio::io_context& io_;
    SatelliteOptions options_;
    core::SystemClock system_clock_;
    const core::Clock& clock_;
    std::shared_ptr<spdlog::logger> log_;

    SatelliteConfig config_;
    bool has_config_ = false;
    Capacity capacity_;
    RunDefaults run_defaults_;
    bool started_ = false;
    bool stopping_ = false;
    double stop_deadline_ = 0;  // core::monotonic_seconds()

    std::unique_ptr<exec::Runner> runner_;
    std::unique_ptr<net::HttpClient> plain_client_;
    std::unique_ptr<net::HttpClient> tls_client_;
    std::map<std::string, std::shared_ptr<Link>> links_;  // by SchedulerEntry::peer_key()
    std::list<std::shared_ptr<Link>> removed_;            // left the list, still owed results
    std::deque<Waiting> waiting_;
    std::size_t running_ = 0;
    std::shared_ptr<daemon::AsyncEvent> capacity_changed_;
    SatelliteCounters counters_;
    LatencyWindow latency_;

    // satellite.cpp helpers.
    void update_capacity();
    void add_link(const SchedulerEntry& entry);
    void remove_link(const std::shared_ptr<Link>& link);
    void forget_if_done(const std::shared_ptr<Link>& link);
    std::string worker_name() const;
    net::HttpClient& client_for(const Link& link);
    std::chrono::milliseconds backoff(int failures) const;
    asio::awaitable<void> pause(std::chrono::milliseconds duration);
};

}  // namespace yagura::satellite
