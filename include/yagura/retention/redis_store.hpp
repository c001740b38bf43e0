#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <yagura/retention/store.hpp>

namespace yagura::retention {

struct RedisSettings {
    std::string server = "127.0.0.1";
    int port = 6379;
    std::string password;  // sent with AUTH when not empty
    int db = 0;            // SELECTed after connecting
    std::string key_prefix = "yagura";
    std::chrono::milliseconds connect_timeout{2000};
    std::chrono::milliseconds io_timeout{5000};
    std::size_t keys_per_command = 1000;  // keys per MSET / MGET; many are pipelined at once
};

class RedisConnection;

// Keys are "<key_prefix>:v<kFormatVersion>:<logical key>" holding the value as a plain string;
// "<key_prefix>:format" holds the format version of the last writer.
// Connects lazily and reconnects after any error: construction never fails because Redis is
// down, so a scheduler starts and keeps its state in memory until Redis is back.
class RedisStore final : public Store {
public:
    explicit RedisStore(RedisSettings settings);
    ~RedisStore() override;

    void write(std::span<const Change> changes) override;
    // Uses a connection of its own, so it never waits behind a write.
    LoadResult load(std::span<const std::string> keys) override;
    std::string describe() const override;

    std::string full_key(std::string_view key) const;  // with prefix and version
    std::string format_key() const;

private:
    RedisConnection& writer_connection();

    RedisSettings settings_;
    std::string namespace_;  // "<prefix>:v1:"
    std::unique_ptr<RedisConnection> writer_;
    bool format_written_ = false;  // per writer connection
};

}  // namespace yagura::retention
