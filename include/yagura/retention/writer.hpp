#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <yagura/retention/store.hpp>

namespace yagura::retention {

struct WriterSettings {
    // A change reaches the store within about this long (plus the write itself).
    std::chrono::milliseconds flush_interval{1000};
    // Keys handed to one Store::write call (the store pipelines them).
    std::size_t max_batch = 5000;
    // While the store is down: first retry after retry_initial, doubling up to retry_max.
    std::chrono::milliseconds retry_initial{250};
    std::chrono::milliseconds retry_max{5000};
};

struct WriterStats {
    // Changes accepted but not yet durable (the backlog). A key changed again while its
    // previous change is being written counts twice until the next flush.
    std::size_t pending_keys = 0;
    std::uint64_t puts = 0;
    std::uint64_t erases = 0;
    std::uint64_t coalesced = 0;     // puts/erases that replaced a change still queued
    std::uint64_t written_keys = 0;  // changes made durable
    std::uint64_t batches = 0;       // successful Store::write calls
    std::uint64_t bytes = 0;         // key + value bytes made durable
    std::uint64_t errors = 0;        // failed Store::write calls
    std::uint64_t outages = 0;       // times the store went from working to failing
    bool store_available = true;     // false from a failed write until the next success
    double last_success = 0;         // epoch seconds of the last successful write, 0 if none
    double outage_since = 0;         // epoch seconds the current outage began, 0 if none
    std::string last_error;
    // Delay from put()/erase() (of the oldest change coalesced into a record) until it was
    // durable, in seconds, over the writer's life.
    double delay_p50 = 0;
    double delay_p90 = 0;
    double delay_p99 = 0;
    double delay_max = 0;
};

void to_json(nlohmann::json& out, const WriterStats& stats);

// Write-behind in front of a Store. The engine's thread calls put()/erase(): no I/O, one
// short lock, and a change to a key still queued replaces it (latest value wins), so memory
// holds at most the latest value per key (twice during a write in flight). A background thread
// hands everything queued to the store every flush_interval, in batches. When the store fails,
// the outage is logged once, retried with capped exponential backoff, the changes are kept
// and written when the store is back; stats() shows the backlog.
class Writer {
public:
    Writer(std::shared_ptr<Store> store, WriterSettings settings = {});
    // close() with a zero timeout: one last attempt to write what is queued.
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Copies key and value (into the buffer of a change still queued for the key, if any), so
    // a caller may serialise into one reused buffer and pass a view of it.
    void put(std::string_view key, std::string_view value);
    void erase(std::string_view key);

    // Blocks until every change accepted before the call is durable, asking for an immediate
    // write. False when the timeout passed first (the store is down); nothing is dropped then.
    bool flush(std::chrono::milliseconds timeout = std::chrono::milliseconds::max());
    // flush(timeout), then stops the thread. Changes still not durable are logged as lost.
    bool close(std::chrono::milliseconds timeout);

    // flush(timeout) then Store::load: the result reflects every put() made before the call.
    // Throws core::Error(unavailable) if the store cannot be reached or did not take the
    // queued changes in time.
    LoadResult load(std::span<const std::string> keys,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

    WriterStats stats() const;
    Store& store() { return *store_; }

private:
    class Flusher;
    std::shared_ptr<Store> store_;
    std::unique_ptr<Flusher> flusher_;
};

}  // namespace yagura::retention
