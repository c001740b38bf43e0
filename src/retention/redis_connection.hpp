#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <hiredis/hiredis.h>

#include <yagura/retention/redis_store.hpp>

namespace yagura::retention {

struct ReplyDeleter {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

// One blocking hiredis connection, authenticated and on the right db. Commands are pipelined:
// append() any number, then read_reply() once for each, in order. Every failure throws
// core::Error(unavailable) naming the server; the connection is then unusable (broken()).
class RedisConnection {
public:
    explicit RedisConnection(const RedisSettings& settings);
    ~RedisConnection() = default;
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    void append(std::span<const std::string_view> arguments);
    // The next reply; an error reply (-ERR ...) throws as well.
    Reply read_reply();
    // append() + read_reply().
    Reply command(std::span<const std::string_view> arguments);

    bool broken() const { return broken_; }
    const std::string& where() const { return where_; }

private:
    [[noreturn]] void fail(const std::string& what);

    std::string where_;  // "redis 127.0.0.1:6379" for messages
    struct ContextDeleter {
        void operator()(redisContext* context) const { redisFree(context); }
    };
    std::unique_ptr<redisContext, ContextDeleter> context_;
    bool broken_ = false;
};

}  // namespace yagura::retention
