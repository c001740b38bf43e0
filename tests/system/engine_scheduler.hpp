#pragma once

// The scheduler's HTTP face for the broker's system test, until the scheduler daemon is in
// main: the real monitoring engine (yagura::engine::Engine on the system clock, ticked every
// 100 ms) behind a yagura HTTP server on 127.0.0.1 that answers what a broker calls, as
// docs/protocol.md says: GET /get_broks?bname=&wait= (long poll; the engine gives a broker it
// has not seen its full dump first), POST /fill_initial_broks, POST /run_external_commands and
// GET /get_running_id. Only the HTTP glue is the test's; the broks, the states and what a
// command does are the engine's. The engine and the server run on one thread of their own.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/engine/engine.hpp>
#include <yagura/model/config.hpp>
#include <yagura/net/router.hpp>
#include <yagura/net/server.hpp>

namespace yagura::harness {

class EngineScheduler {
public:
    EngineScheduler(std::string name, int part_id, model::Config shard);
    ~EngineScheduler();
    EngineScheduler(const EngineScheduler&) = delete;
    EngineScheduler& operator=(const EngineScheduler&) = delete;

    std::uint16_t port() const { return port_; }
    const std::string& running_id() const { return running_id_; }

    // Runs an external command line in the engine, as if it came over HTTP; "[now] " is put
    // in front of a line without a timestamp. Returns whether the engine applied it.
    bool command(const std::string& line);
    // The command lines that came over POST /run_external_commands, in order.
    std::vector<std::string> received_commands() const;
    // Runs `read` on the engine's thread and waits for it (to read states the test compares).
    void inspect(const std::function<void(const engine::Engine&)>& read);

private:
    void add_routes();
    void tick_every_100ms();

    std::string name_;
    std::string running_id_;
    core::SystemClock clock_;
    std::unique_ptr<engine::Engine> engine_;
    net::Router router_;
    boost::asio::io_context io_;
    std::unique_ptr<net::HttpServer> server_;
    std::thread thread_;
    std::uint16_t port_ = 0;

    mutable std::mutex mutex_;
    std::vector<std::string> received_commands_;
};

}  // namespace yagura::harness
