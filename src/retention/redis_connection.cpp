#include "redis_connection.hpp"

#include <sys/time.h>
#include <vector>

#include <yagura/core/error.hpp>

namespace yagura::retention {

namespace {

timeval to_timeval(std::chrono::milliseconds duration) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
    return tv;
}

}  // namespace

RedisConnection::RedisConnection(const RedisSettings& settings)
    : where_("redis " + settings.server + ":" + std::to_string(settings.port)) {
    context_.reset(redisConnectWithTimeout(settings.server.c_str(), settings.port,
                                           to_timeval(settings.connect_timeout)));
    if (context_ == nullptr) {
        fail("cannot allocate a connection");
    }
    if (context_->err != 0) {
        fail(context_->errstr);
    }
    if (redisSetTimeout(context_.get(), to_timeval(settings.io_timeout)) != REDIS_OK) {
        fail("cannot set the I/O timeout");
    }
    redisEnableKeepAlive(context_.get());
    if (!settings.password.empty()) {
        std::string_view auth[] = {"AUTH", settings.password};
        command(auth);
    }
    if (settings.db != 0) {
        auto db = std::to_string(settings.db);
        std::string_view select[] = {"SELECT", db};
        command(select);
    }
}

void RedisConnection::fail(const std::string& what) {
    broken_ = true;
    throw core::Error(core::ErrorKind::unavailable, where_ + ": " + what);
}

void RedisConnection::append(std::span<const std::string_view> arguments) {
    std::vector<const char*> pointers;
    std::vector<std::size_t> lengths;
    pointers.reserve(arguments.size());
    lengths.reserve(arguments.size());
    for (auto argument : arguments) {
        pointers.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    if (redisAppendCommandArgv(context_.get(), static_cast<int>(arguments.size()), pointers.data(),
                               lengths.data()) != REDIS_OK) {
        fail(context_->errstr);
    }
}

Reply RedisConnection::read_reply() {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK || raw == nullptr) {
        fail(context_->err != 0 ? context_->errstr : "connection lost");
    }
    Reply reply(static_cast<redisReply*>(raw));
    if (reply->type == REDIS_REPLY_ERROR) {
        // The connection stays in sync, but callers treat any error as a reason to reconnect.
        fail(std::string(reply->str, reply->len));
    }
    return reply;
}

Reply RedisConnection::command(std::span<const std::string_view> arguments) {
    append(arguments);
    return read_reply();
}

}  // namespace yagura::retention
