#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace yagura::engine::detail {

// The broks waiting for brokers. Deltas are kept once, in one stream, and each broker reads it
// through its own cursor, so a brok costs the same with one broker or three. A broker that
// falls more than `limit` broks behind is not allowed to hold the stream: its cursor jumps to
// the end, the skipped broks are counted and logged, and it is marked to take a new full dump
// (its state is rebuilt from that, never silently missing an event). A broker not seen before
// takes a dump first; the first broker of the engine's life also gets the log lines emitted
// before it came.
class BrokHub {
public:
    struct Broker {
        std::string name;
        std::uint64_t cursor = 0;      // next stream sequence number to read
        std::deque<std::string> dump;  // the initial dump being read, served first
        bool needs_dump = true;
        std::uint64_t dumps = 0;    // full dumps built for it
        std::uint64_t dropped = 0;  // deltas skipped because it lagged (replaced by a dump)
        std::uint64_t delivered = 0;
    };

    void set_limit(std::size_t limit) { limit_ = limit; }
    std::size_t limit() const { return limit_; }

    // Whether some broker reads deltas (without brokers only log lines are kept).
    bool has_brokers() const { return !brokers_.empty(); }

    // Appends a brok for every broker. Without a broker only log broks are kept (bounded).
    void publish(std::string brok, bool is_log);

    // The broker named `name`, registered (to take a dump) when new.
    Broker& broker(std::string_view name);
    const Broker* find(std::string_view name) const;
    const std::vector<Broker>& brokers() const { return brokers_; }

    // Skips what the broker has not read (it asked for a new dump, which replaces it).
    void skip_to_end(Broker& b) {
        b.cursor = end_;
        trim();
    }

    // Moves up to `max` (0: all) broks of the broker's dump, then its deltas, into `out`.
    std::size_t take(Broker& b, std::size_t max, std::vector<std::string>& out);

    std::uint64_t stream_size() const { return end_ - begin_; }
    std::uint64_t dropped_without_broker() const { return dropped_without_broker_; }
    std::uint64_t lag(const Broker& b) const { return end_ - b.cursor; }
    std::uint64_t published() const { return end_; }

private:
    void trim();
    void check_lag();

    std::deque<std::string> stream_;
    std::uint64_t begin_ = 0;  // sequence number of stream_.front()
    std::uint64_t end_ = 0;    // sequence number of the next brok
    std::vector<Broker> brokers_;
    std::size_t limit_ = 100000;
    std::uint64_t dropped_without_broker_ = 0;
};

}  // namespace yagura::engine::detail
