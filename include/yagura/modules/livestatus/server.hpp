#pragma once

// The Livestatus socket server: TCP (127.0.0.1:50000 by default) and a unix socket, on Asio
// coroutines in the caller's io_context. Queries run on that io_context's thread, the same
// thread that feeds the core, so a query reads a consistent state without locks; waiting
// queries (WaitCondition/WaitTrigger) are suspended coroutines that cost no thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <yagura/modules/livestatus/core.hpp>
#include <yagura/modules/livestatus/livestatus.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::modules::livestatus {

struct ServerSettings {
    bool tcp_enabled = true;
    std::string tcp_address = "127.0.0.1";
    std::uint16_t tcp_port = 50000;  // 0: any free port (read it back with tcp_port())
    std::string unix_socket;         // path; empty: no unix socket
    unsigned unix_socket_mode = 0660;
    std::size_t max_request_bytes = 1u << 20;        // larger requests get 413 and are closed
    std::chrono::milliseconds idle_timeout{60'000};  // silent clients are closed after this
    std::chrono::milliseconds max_wait{600'000};     // cap of WaitTimeout (0 there means this)
    std::size_t max_connections = 512;               // more are closed at once, with a log line
};

struct ServerStats {
    std::uint64_t connections_accepted = 0, connections_refused = 0, requests = 0, errors = 0;
    std::size_t connections_open = 0, waiting = 0;
};

class Server {
public:
    Server(boost::asio::io_context& io, const Livestatus& livestatus, ServerSettings settings);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the sockets and starts accepting. Throws core::Error(unavailable) naming the
    // address or path that could not be bound.
    void start();
    // Stops accepting, closes every connection, removes the unix socket file.
    void stop();

    std::uint16_t tcp_port() const;
    // Wakes the queries waiting for this trigger (and those waiting for `all`). Call it after
    // the core applied a change, on the io_context's thread.
    void notify(Trigger trigger);
    ServerStats stats() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::modules::livestatus
