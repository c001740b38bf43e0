#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/net/client.hpp>

namespace yagura::daemon {

// What is known of a peer daemon's health, with Shinken's link semantics: a failed ping makes
// it unreachable and counts an attempt; `max_check_attempts` failures in a row make it dead;
// one success makes it alive and reachable again.
struct Liveness {
    bool alive = true;
    bool reachable = true;
    int attempts = 0;        // failures in a row
    double last_check = 0;   // epoch seconds of the last ping, 0 before the first
    std::string running_id;  // the peer's get_running_id at the last success
    std::string last_error;  // why the last ping failed
    bool restarted = false;  // the running id changed at the last success
};

// A link to another daemon: where it is and how it is doing. The arbiter keeps one per daemon
// of the configuration; satellites keep one per scheduler.
class PeerLink {
public:
    explicit PeerLink(net::Endpoint endpoint, int max_check_attempts = 3);

    const net::Endpoint& endpoint() const { return endpoint_; }
    const Liveness& liveness() const { return liveness_; }
    int max_check_attempts() const { return max_check_attempts_; }

    // Record the outcome of a check; each returns true when `alive` changed.
    bool record_success(const std::string& running_id, double now);
    bool record_failure(const std::string& error, double now);

    // GET /ping then GET /get_running_id with the client's short timeout, recorded as above.
    // Never throws for the peer's failures. Returns whether the peer is alive afterwards.
    boost::asio::awaitable<bool> check(net::HttpClient& client, double now);

    nlohmann::json to_json() const;

private:
    net::Endpoint endpoint_;
    int max_check_attempts_;
    Liveness liveness_;
};

}  // namespace yagura::daemon
