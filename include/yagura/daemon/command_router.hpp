#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/daemon/command_spool.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/tls.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::net {
class MetricsWriter;
}

// External commands on their way from the doors (HTTP, the command_file pipe, NSCA) to the
// schedulers, shared by the receiver and the arbiter: each line is checked against the engine's
// command table, then queued for the scheduler running the part that owns its host (global
// commands: for every part), and delivered in order, many per POST /run_external_commands.
namespace yagura::daemon {

// A scheduler and the part it runs, as the arbiter's configuration says.
struct CommandTarget {
    std::int64_t part_id = 0;
    std::string name;  // scheduler_name, for logs and /stats
    net::Endpoint endpoint;
    bool use_ssl = false;
};

// Where commands go: the scheduler of each part and the part of each host. A part in
// host_parts without a target (its scheduler is dead and no spare took it) keeps its queue
// until one appears.
struct CommandRoutes {
    std::vector<CommandTarget> targets;
    std::unordered_map<std::string, std::int64_t> host_parts;
};

struct CommandRouterOptions {
    std::string owner = "receiver";  // for log lines
    // The journals of the queues, one file per part ("part-<id>.spool"); empty: memory only.
    std::filesystem::path spool_dir;
    SpoolLimits limits;
    std::size_t batch_lines = 5000;             // commands per POST at most
    std::size_t batch_bytes = 4 * 1024 * 1024;  // and bytes per POST
    // Check results for hosts nobody owns are passed to one scheduler (the lowest part), whose
    // engine publishes them as unknown_*_check_result broks (Shinken's behaviour), instead of
    // being refused. Other commands naming an unknown host are always refused.
    bool accept_unknown_check_results = false;
    // TLS files for calling schedulers; with tls.use_ssl every call is TLS, else only those
    // whose link says use_ssl.
    net::TlsSettings tls;
    std::chrono::milliseconds retry_min{200};
    std::chrono::milliseconds retry_max{5000};
};

// What happened to a submitted batch. The batch is all or nothing: when any line is refused,
// nothing is queued and `rejected` says why for each refused line.
struct SubmitOutcome {
    struct Rejection {
        std::size_t index = 0;  // position in the submitted lines
        std::string command;
        std::string error;
    };
    std::size_t accepted = 0;
    std::vector<Rejection> rejected;
    // {"accepted": n, "rejected": [{"command": ..., "error": ...}]} (protocol.md).
    nlohmann::json to_json() const;
};

class CommandRouter {
public:
    CommandRouter(boost::asio::io_context& io, CommandRouterOptions options);
    ~CommandRouter();
    CommandRouter(const CommandRouter&) = delete;
    CommandRouter& operator=(const CommandRouter&) = delete;

    // New routes from the arbiter. Queues follow their part to its new scheduler (failover);
    // the queue of a part that no longer exists is routed again line by line.
    void set_routes(CommandRoutes routes);
    // accept_passive_unknown_check_results as the configuration says (see the options).
    void accept_unknown_check_results(bool accept);
    // Forgets the routes (the daemon was told to wait for a new configuration): queues are
    // kept and not delivered, submit() refuses with 503 until set_routes() is called again.
    void clear_routes();
    // Whether routes were ever set (before that every submit is refused with 503: the
    // receiver does not know where anything goes yet).
    bool has_routes() const;

    // Checks every line (command table, argument count, host known), stamps lines without a
    // "[timestamp]" with `now`, and queues them. Throws core::Error(unavailable) when no
    // routes are known yet or a queue is full; then nothing was queued.
    SubmitOutcome submit(std::span<const std::string> lines, double now);

    // Stops the senders without waiting (a delivery in flight is abandoned; its lines stay
    // queued and are sent again after a restart).
    void request_stop();
    // Lets deliveries in flight finish for at most `bound`, then stops the senders; what is
    // still queued stays in the spool files for the next start.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds bound);

    // Lines waiting, over every part.
    std::size_t queued() const;
    nlohmann::json stats() const;
    void write_metrics(net::MetricsWriter& out) const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::daemon
