#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/core/error.hpp>
#include <yagura/net/http.hpp>
#include <yagura/net/tls.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::net {

// Where a peer daemon listens. `name` is the link's name (scheduler_name, ...); with
// hard_ssl_name_check the server certificate must match either `name` or `host`.
struct Endpoint {
    std::string host;
    std::uint16_t port = 0;
    std::string name;

    std::string key() const { return host + ":" + std::to_string(port); }
};

struct ClientSettings {
    TlsSettings tls;
    // Shinken's link timers: `timeout` for connecting and short calls (ping, stats) and
    // `data_timeout` for calls that move data or long-poll (get_checks, put_conf).
    std::chrono::milliseconds timeout{3'000};
    std::chrono::milliseconds data_timeout{120'000};
    std::size_t max_idle_per_peer = 8;  // idle keep-alive connections kept per peer
    std::size_t max_response_body = 256 * 1024 * 1024;
};

struct CallOptions {
    bool long_call = false;                            // use data_timeout instead of timeout
    std::optional<std::chrono::milliseconds> timeout;  // overrides both
    Headers headers;
};

struct ClientResponse {
    int status = 0;
    Headers headers;  // lower-cased names
    std::string body;

    bool ok() const { return status >= 200 && status < 300; }
    // The body as JSON; throws core::Error(invalid_input) when it is not JSON.
    nlohmann::json json() const;
};

struct ClientStats {
    std::uint64_t connections_opened = 0;
    std::uint64_t requests = 0;
    std::uint64_t failures = 0;
};

// An HTTP(S) client for talking to peer daemons, on the daemon's io_context. Connections are
// kept alive and reused per host:port. Use it from the io_context's thread only.
class HttpClient {
public:
    HttpClient(boost::asio::io_context& io, ClientSettings settings);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // One request. Any HTTP status is returned as is; a peer that cannot be reached, refuses
    // TLS or closes early throws core::Error(unavailable), one that does not answer in time
    // throws core::Error(timeout). Messages name the peer and the call.
    boost::asio::awaitable<ClientResponse> request(const Endpoint& peer, std::string method,
                                                   std::string target, std::string body = {},
                                                   CallOptions options = {});

    // JSON helpers: a non-2xx answer throws core::Error with the kind matching the status
    // (404 not_found, 409 conflict, 503 unavailable, ...) and the peer's error text.
    boost::asio::awaitable<nlohmann::json> get_json(const Endpoint& peer, std::string target,
                                                    CallOptions options = {});
    boost::asio::awaitable<nlohmann::json> post_json(const Endpoint& peer, std::string target,
                                                     const nlohmann::json& body,
                                                     CallOptions options = {});

    // Drops every idle connection (e.g. when a peer's running id changed).
    void close_idle();
    const ClientStats& stats() const;
    const ClientSettings& settings() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The core::ErrorKind that a non-2xx status stands for (the inverse of status_for).
core::ErrorKind error_kind_for_status(int status);

}  // namespace yagura::net
