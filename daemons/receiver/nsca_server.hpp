#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "receiver/nsca.hpp"

namespace boost::asio {
class io_context;
}

namespace yagura::daemon {
class CommandRouter;
}

namespace yagura::receiver {

struct NscaServerSettings {
    std::string host = "0.0.0.0";
    std::uint16_t port = 5667;
    nsca::Settings protocol;
};

// Accepts NSCA connections and hands each result to the command router as a
// PROCESS_*_CHECK_RESULT line. A packet that does not decode (wrong password, bad CRC, stale)
// is logged and the connection closed, as nsca does; nothing else is affected. While the router
// cannot take results (no configuration yet, queue full) the connection is simply not read,
// so the sender waits instead of its results being lost.
class NscaServer {
public:
    NscaServer(boost::asio::io_context& io, NscaServerSettings settings,
               daemon::CommandRouter& commands, std::function<double()> now);
    ~NscaServer();
    NscaServer(const NscaServer&) = delete;
    NscaServer& operator=(const NscaServer&) = delete;

    // Binds and listens; throws core::Error(unavailable) when the address cannot be bound.
    void start();
    std::uint16_t port() const;
    void stop();
    nlohmann::json stats() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::receiver
