#pragma once

// External commands from Livestatus (COMMAND [ts] NAME;args) to the schedulers, as the
// receiver and the arbiter route them: a command about a host or a service goes to the
// scheduler that runs the part the host belongs to (the broker knows each object's part from
// its broks); global, group and contact commands go to every scheduler, since their objects
// span parts. Commands are sent with POST /run_external_commands, in order per scheduler,
// retried while a scheduler is unreachable, dropped (and logged) after `max_age`.

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/modules/livestatus/core.hpp>

#include "broker/scheduler_endpoint.hpp"

namespace boost::asio {
class io_context;
}

namespace yagura::net {
class HttpClient;
}

namespace yagura::broker {

namespace livestatus = modules::livestatus;

// Which scheduler parts a command is for.
struct CommandRoute {
    bool all = false;        // every scheduler
    std::vector<int> parts;  // otherwise the schedulers of these parts
    std::string reason;      // for the log: "host web1 is in part 2", "a global command"
};

// Decides from the command's name and first argument and the broker's state:
// - names with HOSTGROUP, SERVICEGROUP or CONTACT, and commands without arguments: all;
// - DEL_HOST_DOWNTIME, DEL_SVC_DOWNTIME, DEL_HOST_COMMENT, DEL_SVC_COMMENT: the part(s) holding
//   that downtime or comment id (ids are unique within a part only);
// - a first argument naming a known host: that host's part;
// - anything else (a global command with arguments, an unknown host): all, and each scheduler
//   accepts or rejects it.
CommandRoute route_command(const livestatus::ExternalCommand& command,
                           const livestatus::Core& state);

struct ForwarderSettings {
    std::chrono::milliseconds max_age{60'000};  // a command not delivered by then is dropped
    std::chrono::milliseconds retry{1'000};
    std::size_t batch = 500;           // commands per call
    std::size_t max_pending = 10'000;  // per scheduler; more are refused and logged
};

struct ForwarderStats {
    std::uint64_t sent = 0;  // commands a scheduler answered for
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;  // refused by the scheduler (unknown host, bad arguments)
    std::uint64_t dropped = 0;   // never delivered (scheduler unreachable past max_age, overflow)
    std::uint64_t failures = 0;  // calls that failed
    std::size_t pending = 0;
};

class CommandForwarder {
public:
    using ClientFor = std::function<net::HttpClient&(const SchedulerEndpoint&)>;

    CommandForwarder(boost::asio::io_context& io, ClientFor client_for,
                     ForwarderSettings settings = {});
    ~CommandForwarder();
    CommandForwarder(const CommandForwarder&) = delete;
    CommandForwarder& operator=(const CommandForwarder&) = delete;

    // Queues a Nagios command line for a scheduler. Never blocks.
    void send(const SchedulerEndpoint& to, std::string line);
    // Tries to deliver what is queued within `bound`, then drops the rest (logged).
    boost::asio::awaitable<void> stop(std::chrono::milliseconds bound);
    ForwarderStats stats() const;
    nlohmann::json stats_json() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

// The Livestatus CommandSink of the broker: route, then forward.
class CommandRouter final : public livestatus::CommandSink {
public:
    // Gives the schedulers a route stands for (the broker's current list and part owners).
    using Resolve = std::function<std::vector<SchedulerEndpoint>(const CommandRoute&)>;

    CommandRouter(const livestatus::Core& state, CommandForwarder& forwarder, Resolve resolve);
    void submit(const livestatus::ExternalCommand& command) override;
    std::uint64_t unroutable() const { return unroutable_; }

private:
    const livestatus::Core& state_;
    CommandForwarder& forwarder_;
    Resolve resolve_;
    std::uint64_t unroutable_ = 0;
};

}  // namespace yagura::broker
