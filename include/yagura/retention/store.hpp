#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yagura::retention {

// One change to make durable: the latest value of a key, or its removal. It only views its
// bytes, which must stay alive until write() returns.
struct Change {
    std::string_view key;  // a logical key (keys.hpp)
    std::string_view value;
    bool erase = false;
};

struct LoadResult {
    // values[i] is the stored value of keys[i], nullopt when nothing is stored for it.
    std::vector<std::optional<std::string>> values;
    std::size_t found = 0;
    // The store holds data of another format version (a newer or older yagura wrote it).
    // It was ignored and logged; values are all nullopt.
    bool format_mismatch = false;
};

// Where retained state lives. Values are opaque bytes (the engine puts JSON there).
// write() is called by one thread at a time (the Writer's); load() may run concurrently with
// it from another thread. Both throw core::Error(unavailable) when the backend cannot be
// reached or written; a failed write may have applied part of the batch, which is harmless
// because every change carries the full latest value and the caller retries the whole batch.
class Store {
public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Makes every change durable before returning.
    virtual void write(std::span<const Change> changes) = 0;
    // Fetches the stored value of each key, in a few round trips / sequential reads.
    virtual LoadResult load(std::span<const std::string> keys) = 0;
    // For logs and stats: "redis 127.0.0.1:6379 db 0 prefix 'yagura'".
    virtual std::string describe() const = 0;
};

}  // namespace yagura::retention
