#pragma once

// A carbon server for tests: a real TCP listener on 127.0.0.1 (a free port, kept across
// restarts) on its own thread, that records every line it reads. stop_reading() then stop()
// behave like a carbon that hangs and dies: data piles up unread in its socket buffers (its
// TCP stack acknowledges it), then the connections are reset and that data is lost.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace yagura::modules::graphite::testing {

class CarbonSink {
public:
    CarbonSink();
    ~CarbonSink();

    std::uint16_t port() const { return port_; }
    // Listens again on the same port.
    void start();
    // Leaves what arrives unread in the socket buffers.
    void stop_reading();
    // Resets every connection (unread data is lost) and stops listening.
    void stop();

    std::vector<std::string> lines() const;  // in arrival order, duplicates included
    std::set<std::string> distinct_lines() const;
    std::size_t connections() const;

private:
    void accept();
    void read(std::shared_ptr<boost::asio::ip::tcp::socket> socket,
              std::shared_ptr<std::string> partial);
    void run_on_thread(const std::function<void()>& work);

    boost::asio::io_context io_;
    std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
    std::vector<std::shared_ptr<boost::asio::ip::tcp::socket>> sockets_;
    std::uint16_t port_ = 0;
    bool reading_ = true;
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
    std::size_t connections_ = 0;
    std::thread thread_;
};

}  // namespace yagura::modules::graphite::testing
