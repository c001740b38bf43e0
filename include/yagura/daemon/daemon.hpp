#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/daemon/settings.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::net {
class Router;
class HttpClient;
class MetricsWriter;
}  // namespace yagura::net

namespace yagura::daemon {

class AsyncEvent;

// The runtime every yagura daemon shares: one io_context thread that runs the role's logic,
// the HTTP server and client; the pidfile; signals (SIGTERM/SIGINT stop, SIGHUP reopens logs
// and runs the reload hooks); systemd readiness; and the routes every daemon answers:
//   GET /ping, /get_running_id, /stats, /metrics, /api, /get_log_level; POST /set_log_level.
// A role registers its own routes, stats, metrics and hooks from its wiring code, before run().
class Daemon {
public:
    explicit Daemon(DaemonSettings settings);
    ~Daemon();
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    boost::asio::io_context& io();
    net::Router& router();
    // A client for calling peers with this daemon's TLS settings (its certificate is presented
    // when a peer asks) and Shinken's default timeouts.
    net::HttpClient& client();
    const DaemonSettings& settings() const { return settings_; }

    // Adds `key: provider()` to GET /stats.
    void add_stats(std::string key, std::function<nlohmann::json()> provider);
    // Adds samples to GET /metrics.
    void add_metrics(std::function<void(net::MetricsWriter&)> provider);
    // Run once the server listens, before systemd hears READY=1.
    void on_start(std::function<void()> hook);
    // Run when stopping, before the server stops (flush, say goodbye to peers). Bound your own
    // waits: the daemon must stop within a couple of seconds.
    void on_stop(std::function<boost::asio::awaitable<void>()> hook);
    // Run on SIGHUP after the logs were reopened (the arbiter reloads its configuration here).
    void on_reload(std::function<void()> hook);

    // An event for long polls that the daemon closes when it stops, so waiting handlers answer
    // at once instead of holding the stop up.
    std::shared_ptr<AsyncEvent> make_event();

    // Takes the pidfile, daemonizes if asked, listens, drops privileges, runs the loop until
    // stopped. Returns the exit code (0 after SIGTERM/SIGINT). Throws core::Error for what
    // prevents starting (pidfile held, port taken, bad certificate files).
    // `wire_roles` runs after the fork of -d and before listening: roles that start threads
    // (worker pools) must be built there, since threads do not survive a fork.
    int run(const std::function<void()>& wire_roles = {});
    // Stops as SIGTERM does; callable from the loop's thread.
    void request_stop();

    // The bound port, valid once run() has started listening (useful with port 0).
    std::uint16_t port() const;
    nlohmann::json stats() const;
    std::string metrics() const;

private:
    struct Impl;
    DaemonSettings settings_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yagura::daemon
