#include <algorithm>
#include <vector>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/retention/keys.hpp>
#include <yagura/retention/redis_store.hpp>

#include "redis_connection.hpp"

namespace yagura::retention {

namespace {

// MGETs in flight at once while loading: enough to hide the round trip, few enough to bound
// the replies held in memory.
constexpr std::size_t kLoadWindow = 16;

void validate(const RedisSettings& settings) {
    auto bad = [](const std::string& message) {
        throw core::Error(core::ErrorKind::invalid_input, "retention redis: " + message);
    };
    if (settings.server.empty()) {
        bad("server is empty");
    }
    if (settings.port < 1 || settings.port > 65535) {
        bad("port " + std::to_string(settings.port) + " is not between 1 and 65535");
    }
    if (settings.db < 0) {
        bad("db " + std::to_string(settings.db) + " is negative");
    }
    if (settings.key_prefix.empty() ||
        std::any_of(settings.key_prefix.begin(), settings.key_prefix.end(),
                    [](unsigned char c) { return c <= ' ' || c == 0x7f; })) {
        bad("key_prefix '" + settings.key_prefix + "' must be non-empty, without spaces");
    }
    if (settings.keys_per_command == 0) {
        bad("keys_per_command must be at least 1");
    }
}

// Builds MSET and DEL commands of at most `limit` keys each and appends them to the pipeline.
class CommandBatcher {
public:
    CommandBatcher(RedisConnection& connection, std::string_view verb, std::size_t limit)
        : connection_(connection), verb_(verb), limit_(limit) {}

    void add(std::string full_key, std::string_view value, bool with_value) {
        keys_.push_back(std::move(full_key));
        values_.push_back(value);
        with_value_ = with_value;
        if (keys_.size() == limit_) {
            send();
        }
    }
    // Appends what is left; returns the number of commands appended overall.
    std::size_t finish() {
        send();
        return commands_;
    }

private:
    void send() {
        if (keys_.empty()) {
            return;
        }
        std::vector<std::string_view> arguments;
        arguments.reserve(1 + keys_.size() * 2);
        arguments.push_back(verb_);
        for (std::size_t i = 0; i < keys_.size(); ++i) {
            arguments.push_back(keys_[i]);
            if (with_value_) {
                arguments.push_back(values_[i]);
            }
        }
        connection_.append(arguments);
        ++commands_;
        keys_.clear();
        values_.clear();
    }

    RedisConnection& connection_;
    std::string_view verb_;
    std::size_t limit_;
    bool with_value_ = false;
    std::vector<std::string> keys_;
    std::vector<std::string_view> values_;
    std::size_t commands_ = 0;
};

void read_mget_reply(RedisConnection& connection, std::size_t first, std::size_t count,
                     LoadResult& result) {
    auto reply = connection.read_reply();
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != count) {
        throw core::Error(core::ErrorKind::internal,
                          connection.where() + ": unexpected reply to MGET");
    }
    for (std::size_t i = 0; i < count; ++i) {
        const redisReply* element = reply->element[i];
        if (element->type == REDIS_REPLY_STRING) {
            result.values[first + i].emplace(element->str, element->len);
            ++result.found;
        }
    }
}

}  // namespace

RedisStore::RedisStore(RedisSettings settings) : settings_(std::move(settings)) {
    validate(settings_);
    namespace_ = settings_.key_prefix + ":v" + std::to_string(kFormatVersion) + ":";
}

RedisStore::~RedisStore() = default;

std::string RedisStore::full_key(std::string_view key) const {
    std::string full;
    full.reserve(namespace_.size() + key.size());
    full += namespace_;
    full += key;
    return full;
}

std::string RedisStore::format_key() const {
    return settings_.key_prefix + ":format";
}

std::string RedisStore::describe() const {
    return "redis " + settings_.server + ":" + std::to_string(settings_.port) + " db " +
           std::to_string(settings_.db) + " prefix '" + settings_.key_prefix + "'";
}

RedisConnection& RedisStore::writer_connection() {
    if (!writer_ || writer_->broken()) {
        writer_.reset();
        format_written_ = false;
        writer_ = std::make_unique<RedisConnection>(settings_);
    }
    return *writer_;
}

void RedisStore::write(std::span<const Change> changes) {
    if (changes.empty()) {
        return;
    }
    try {
        auto& connection = writer_connection();
        std::size_t commands = 0;
        auto version = std::to_string(kFormatVersion);
        if (!format_written_) {
            auto key = format_key();
            std::string_view set_format[] = {"SET", key, version};
            connection.append(set_format);
            ++commands;
        }
        CommandBatcher sets(connection, "MSET", settings_.keys_per_command);
        CommandBatcher deletes(connection, "DEL", settings_.keys_per_command);
        for (const auto& change : changes) {
            if (change.erase) {
                deletes.add(full_key(change.key), {}, false);
            } else {
                sets.add(full_key(change.key), change.value, true);
            }
        }
        commands += sets.finish() + deletes.finish();
        for (std::size_t i = 0; i < commands; ++i) {
            connection.read_reply();
        }
        format_written_ = true;
    } catch (const core::Error&) {
        writer_.reset();  // reconnect on the next attempt
        throw;
    }
}

LoadResult RedisStore::load(std::span<const std::string> keys) {
    LoadResult result;
    result.values.resize(keys.size());
    if (keys.empty()) {
        return result;
    }
    RedisConnection connection(settings_);
    auto format = format_key();
    std::string_view get_format[] = {"GET", format};
    auto stored_format = connection.command(get_format);
    if (stored_format->type == REDIS_REPLY_STRING &&
        std::string_view(stored_format->str, stored_format->len) !=
            std::to_string(kFormatVersion)) {
        core::logger("retention")
            ->error(
                "{}: retention data was written in format version {}, this yagura reads "
                "version {}; ignoring it, {} elements start without retained state",
                describe(), std::string_view(stored_format->str, stored_format->len),
                kFormatVersion, keys.size());
        result.format_mismatch = true;
        return result;
    }

    const std::size_t chunk = settings_.keys_per_command;
    std::size_t sent = 0;      // keys whose MGET is appended
    std::size_t received = 0;  // keys whose reply is read
    std::vector<std::string> full_keys;
    while (received < keys.size()) {
        while (sent < keys.size() && sent - received < chunk * kLoadWindow) {
            auto count = std::min(chunk, keys.size() - sent);
            full_keys.clear();
            std::vector<std::string_view> arguments{"MGET"};
            for (std::size_t i = 0; i < count; ++i) {
                full_keys.push_back(full_key(keys[sent + i]));
            }
            arguments.insert(arguments.end(), full_keys.begin(), full_keys.end());
            connection.append(arguments);
            sent += count;
        }
        auto count = std::min(chunk, keys.size() - received);
        read_mget_reply(connection, received, count, result);
        received += count;
    }
    return result;
}

}  // namespace yagura::retention
