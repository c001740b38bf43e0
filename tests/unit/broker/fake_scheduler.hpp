#pragma once

// A scheduler for the broker's tests: a real HTTP server on 127.0.0.1, on its own thread,
// that speaks the broker's side of docs/protocol.md (get_broks with its long poll,
// fill_initial_broks, run_external_commands, get_running_id) with broks the test queues.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <yagura/net/router.hpp>
#include <yagura/net/server.hpp>

#include "broker/scheduler_endpoint.hpp"

namespace yagura::broker::testing {

class FakeScheduler {
public:
    // A scheduler of part `part_id` whose dump holds these hosts, each with one service "ping".
    FakeScheduler(std::string name, int part_id, std::vector<std::string> hosts);
    ~FakeScheduler();

    SchedulerEndpoint endpoint() const;
    std::uint16_t port() const { return port_; }

    // Queues broks for the broker (every broker name shares the queue).
    void push(nlohmann::json brok);
    void push_dump();
    // A new process on the same port: its connections are cut, then it answers with a new
    // running id, an empty queue, no broker name known.
    void restart();
    // Dumps on its own for a broker name it has not seen (as the protocol says it may).
    void set_auto_dump(bool on);
    // Long polls wait their whole `wait` even when broks are queued.
    void set_hold(bool on);
    // How often a held long poll looks at the queue (10 ms; the broker bench wants less).
    void set_poll_interval(std::chrono::milliseconds interval);
    // Answers run_external_commands with these commands (by name) rejected.
    void reject(std::string command_name);
    // Stops listening (calls fail) / listens again on the same port.
    void down();
    void up();

    int fill_requests() const;
    int get_broks_calls() const;
    int polls_waiting() const;  // get_broks calls being held now
    std::vector<std::string> broker_names() const;
    std::vector<std::string> commands() const;
    std::string running_id() const;

    // A brok of this scheduler's part.
    nlohmann::json brok(const std::string& type, nlohmann::json data) const;

private:
    void add_routes();
    nlohmann::json dump() const;

    std::string name_;
    int part_id_;
    std::vector<std::string> hosts_;
    net::Router router_;
    boost::asio::io_context io_;
    std::unique_ptr<net::HttpServer> server_;
    std::thread thread_;
    std::uint16_t port_ = 0;

    mutable std::mutex mutex_;
    std::string running_id_;
    std::vector<nlohmann::json> queue_;
    std::set<std::string> known_brokers_;
    bool auto_dump_ = false;
    bool hold_ = false;
    std::chrono::milliseconds poll_interval_{10};
    std::set<std::string> rejected_;
    int fill_requests_ = 0, get_broks_calls_ = 0, polls_waiting_ = 0, generation_ = 0;
    std::vector<std::string> broker_names_, commands_;
};

}  // namespace yagura::broker::testing
