#pragma once

// A stand-in for the scheduler daemon's POST /run_external_commands (protocol.md), on a real
// HttpServer on 127.0.0.1 and its own thread, that records every command line it is given.
// It stands in until tests can start the real scheduler daemon; system tests use the real one.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include <yagura/net/client.hpp>
#include <yagura/net/router.hpp>
#include <yagura/net/server.hpp>

namespace yagura::testing {

class StandInScheduler {
public:
    // Listens on `port` (0: a free one).
    explicit StandInScheduler(std::uint16_t port = 0);
    ~StandInScheduler();

    std::uint16_t port() const { return port_; }
    net::Endpoint endpoint(std::string name = "scheduler") const {
        return {"127.0.0.1", port_, std::move(name)};
    }
    // Every line received so far, in order.
    std::vector<std::string> commands() const;
    std::size_t posts() const;
    // Answer every call with this status (503: a scheduler still waiting for its part).
    void answer_status(int status);
    // Stops listening (the scheduler is down) / listens again on the same port.
    void stop();
    void start();

private:
    std::uint16_t port_ = 0;
    net::Router router_;
    mutable std::mutex mutex_;
    std::vector<std::string> commands_;
    std::size_t posts_ = 0;
    int status_ = 200;
    std::unique_ptr<boost::asio::io_context> io_;
    std::unique_ptr<net::HttpServer> server_;
    std::thread thread_;
};

}  // namespace yagura::testing
