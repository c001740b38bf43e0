#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>

#include <yagura/net/tls.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::net {

class Router;

struct ServerSettings {
    std::string host = "127.0.0.1";  // address to bind; "0.0.0.0" or "::" for every interface
    std::uint16_t port = 0;          // 0: the kernel picks a free port (see HttpServer::port)
    TlsSettings tls;
    std::size_t body_limit = 64 * 1024 * 1024;  // larger bodies get 413
    std::size_t header_limit = 16 * 1024;
    // A client must send its TLS handshake and request headers within header_timeout, and the
    // body within body_timeout, or it is disconnected (slow clients cannot pin connections).
    std::chrono::milliseconds header_timeout{10'000};
    std::chrono::milliseconds body_timeout{60'000};
    std::chrono::milliseconds write_timeout{60'000};
    // An idle keep-alive connection is closed after this long.
    std::chrono::milliseconds idle_timeout{120'000};
};

struct ServerStats {
    std::uint64_t connections_accepted = 0;
    std::uint64_t connections_active = 0;
    std::uint64_t requests = 0;
    std::uint64_t requests_in_flight = 0;
    std::uint64_t errors_4xx = 0;
    std::uint64_t errors_5xx = 0;
    std::uint64_t tls_handshake_failures = 0;
    std::uint64_t timeouts = 0;  // connections cut because a client was too slow
};

// An HTTP/1.1 (or HTTPS) server on the caller's io_context. Every connection is a coroutine
// on that context, so handlers run on the daemon's one logic thread and need no locks.
class HttpServer {
public:
    HttpServer(boost::asio::io_context& io, ServerSettings settings, const Router& router);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and starts accepting. Throws core::Error(invalid_input) for unusable TLS
    // files and core::Error(unavailable) when the address cannot be bound.
    void start();
    // The bound port (the kernel's choice when settings.port was 0). Valid after start().
    std::uint16_t port() const;

    // Graceful stop: stops accepting, closes idle connections, lets requests in flight finish
    // for at most `grace`, then cancels what is left (long polls) and closes everything.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds grace);

    const ServerStats& stats() const;
    const ServerSettings& settings() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::net
