#pragma once

// A client of carbon's plaintext protocol ("<path> <value> <timestamp>\n" over TCP) that
// loses nothing through an outage of the carbon server: lines wait in a bounded in-memory
// buffer while it is unreachable, the client reconnects with a growing delay, and lines that
// were written shortly before a connection broke are written again on the next one.
//
// Delivery is at least once: a line can reach carbon twice around a broken connection. Carbon
// keeps one value per metric and timestamp, so a repeated line changes nothing. A line counts
// as delivered once carbon's TCP stack acknowledged it (SIOCOUTQ) and `resend_window` has
// passed without the connection breaking (carbon may not have read what it acknowledged when
// it stops). Only the buffer bound drops lines, oldest first, counted and logged.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::modules::graphite {

struct CarbonSettings {
    std::string host = "127.0.0.1";
    std::uint16_t port = 2003;
    std::size_t max_buffer_bytes = 64u << 20;  // waiting + unconfirmed lines
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds reconnect_min{500};  // first retry delay, doubled up to...
    std::chrono::milliseconds reconnect_max{10'000};
    std::chrono::milliseconds resend_window{5'000};
    std::size_t max_write_bytes = 256u << 10;  // per write call
    std::string name = "graphite";             // for logs
};

struct CarbonStats {
    bool connected = false;
    std::uint64_t connects = 0;          // connections opened
    std::uint64_t connect_failures = 0;  // attempts that failed
    std::uint64_t disconnects = 0;       // connections that broke
    std::uint64_t lines_queued = 0;
    std::uint64_t lines_written = 0;    // including lines written again
    std::uint64_t lines_resent = 0;     // lines queued again after a broken connection
    std::uint64_t lines_dropped = 0;    // dropped by the buffer bound (oldest first)
    std::uint64_t lines_confirmed = 0;  // acknowledged and past the resend window
    std::size_t buffered_lines = 0;     // waiting or not yet confirmed
    std::size_t buffered_bytes = 0;
    std::string last_error;
};

class CarbonClient {
public:
    CarbonClient(boost::asio::io_context& io, CarbonSettings settings);
    ~CarbonClient();
    CarbonClient(const CarbonClient&) = delete;
    CarbonClient& operator=(const CarbonClient&) = delete;

    // Starts connecting and sending (in the background, on the io_context).
    void start();
    // Queues `lines` (complete lines, each ending with '\n'; `count` of them). Never blocks:
    // when the buffer is over its bound the oldest lines are dropped and counted.
    void send(std::string lines, std::size_t count);
    // Writes what it can within `budget`, then closes. Lines still buffered are logged as lost.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds budget);

    CarbonStats stats() const;
    const CarbonSettings& settings() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::modules::graphite
