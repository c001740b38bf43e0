#pragma once

// Pulls broks from one scheduler with the long poll of docs/protocol.md:
//
//   POST /fill_initial_broks?bname=<broker>   on first contact and after the scheduler
//                                              restarted (its running_id changed): a full dump
//   GET  /get_broks?bname=<broker>&wait=<s>    answers as soon as there are broks, or after
//                                              <s> seconds with none
//
// One coroutine per scheduler on the broker's loop. Each answer's broks go to the sink, in
// order, before the next call; a scheduler that does not answer is retried with a growing
// delay (1 s, 2 s, up to 5 s, as Shinken waits between reconnections).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include "broker/scheduler_endpoint.hpp"

namespace boost::asio {
class io_context;
}

namespace yagura::net {
class HttpClient;
}

namespace yagura::broker {

struct PullerSettings {
    std::string broker_name = "broker";  // bname: the scheduler keeps one queue per name
    std::chrono::seconds wait{10};       // long-poll length asked of the scheduler
    std::chrono::milliseconds retry_min{1'000};
    std::chrono::milliseconds retry_max{5'000};
    int max_check_attempts = 3;  // failures in a row before the scheduler counts as dead
};

struct PullerStats {
    std::string running_id;  // the scheduler's, at the last answer
    int part_id = -1;        // the part its last answer was about
    bool alive = false;      // answered, and fewer than max_check_attempts failures since
    int failures_in_a_row = 0;
    std::uint64_t calls = 0;  // get_broks calls answered
    std::uint64_t broks = 0;  // broks received
    std::uint64_t dumps_requested = 0;
    std::uint64_t restarts_seen = 0;  // running_id changes
    std::uint64_t failures = 0;
    double last_success = 0;  // epoch seconds
    std::string last_error;
};

class BrokPuller {
public:
    // Gets each non-empty batch of broks (the "broks" array of an answer) and the part_id of
    // that answer. The puller waits for it before its next call, so broks stay in order.
    using Sink = std::function<boost::asio::awaitable<void>(
        const SchedulerEndpoint& from, int part_id, std::shared_ptr<const nlohmann::json> broks)>;

    BrokPuller(boost::asio::io_context& io, net::HttpClient& client, SchedulerEndpoint scheduler,
               PullerSettings settings, Sink sink);
    ~BrokPuller();
    BrokPuller(const BrokPuller&) = delete;
    BrokPuller& operator=(const BrokPuller&) = delete;

    void start();
    // Cancels the call in flight and returns once the pulling coroutine has ended (or after
    // `bound`, and then it ends at its next step, handing nothing more to the sink).
    boost::asio::awaitable<void> stop(std::chrono::milliseconds bound = std::chrono::seconds(2));
    // The scheduler moved to another part without changing address: keep pulling.
    void update(const SchedulerEndpoint& scheduler);

    const SchedulerEndpoint& scheduler() const;
    // Whether the pulling coroutine still runs (false once stop() has seen it end).
    bool running() const;
    PullerStats stats() const;
    nlohmann::json stats_json() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::broker
