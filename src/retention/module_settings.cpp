#include <cmath>
#include <set>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/retention/module_settings.hpp>

namespace yagura::retention {

namespace {

// Keys every `define module` block may carry, which are not ours to judge.
const std::set<std::string, std::less<>> kGenericKeys = {"module_name", "module_type", "name",
                                                         "use",         "register",    "modules"};
const std::set<std::string, std::less<>> kRedisKeys = {
    "server", "host", "port", "password", "db", "key_prefix", "timeout", "expire_time"};
const std::set<std::string, std::less<>> kFileKeys = {"path", "directory", "key_prefix"};
const std::set<std::string, std::less<>> kWriterKeys = {"flush_interval", "retry_max"};

class Parser {
public:
    explicit Parser(const ModuleParameters& parameters) {
        for (const auto& [key, value] : parameters) {
            if (key == "module_name") {
                name_ = core::trim(value);
            }
        }
    }

    [[noreturn]] void fail(const std::string& key, const std::string& message) const {
        throw core::Error(core::ErrorKind::invalid_input,
                          "retention module '" + name_ + "': " + key + " " + message);
    }

    std::string text(const std::string& key, std::string_view value) const {
        auto trimmed = std::string(core::trim(value));
        if (trimmed.empty()) {
            fail(key, "is empty");
        }
        return trimmed;
    }

    int integer(const std::string& key, std::string_view value, int low, int high) const {
        auto number = core::parse_int(value);
        if (!number || *number < low || *number > high) {
            fail(key, "'" + std::string(value) + "' is not a whole number from " +
                          std::to_string(low) + " to " + std::to_string(high));
        }
        return static_cast<int>(*number);
    }

    std::chrono::milliseconds seconds(const std::string& key, std::string_view value) const {
        auto number = core::parse_double(value);
        if (!number || !std::isfinite(*number) || *number <= 0 || *number > 3600) {
            fail(key, "'" + std::string(value) + "' is not a number of seconds (0 < s <= 3600)");
        }
        return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(*number * 1000)));
    }

    const std::string& name() const { return name_; }

private:
    std::string name_ = "(unnamed)";
};

StoreKind parse_kind(const Parser& parser, const ModuleParameters& parameters) {
    for (const auto& [key, value] : parameters) {
        if (key != "module_type") {
            continue;
        }
        auto type = core::to_lower(core::trim(value));
        if (type == "retention-redis" || type == "redis_retention") {
            return StoreKind::redis;
        }
        if (type == "retention-file") {
            return StoreKind::file;
        }
        parser.fail("module_type", "'" + std::string(value) +
                                       "' is not a retention module (retention-redis, "
                                       "redis_retention, retention-file)");
    }
    parser.fail("module_type", "is missing (retention-redis or retention-file)");
}

void apply(ModuleSettings& settings, const Parser& parser, const std::string& key,
           std::string_view value) {
    if (key == "server" || key == "host") {
        settings.redis.server = parser.text(key, value);
    } else if (key == "port") {
        settings.redis.port = parser.integer(key, value, 1, 65535);
    } else if (key == "password") {
        settings.redis.password = std::string(value);
    } else if (key == "db") {
        settings.redis.db = parser.integer(key, value, 0, 1 << 20);
    } else if (key == "timeout") {
        settings.redis.io_timeout = parser.seconds(key, value);
        settings.redis.connect_timeout = settings.redis.io_timeout;
    } else if (key == "key_prefix") {
        settings.redis.key_prefix = settings.file.key_prefix = parser.text(key, value);
    } else if (key == "path" || key == "directory") {
        settings.file.directory = parser.text(key, value);
    } else if (key == "flush_interval") {
        settings.writer.flush_interval = parser.seconds(key, value);
    } else if (key == "retry_max") {
        settings.writer.retry_max = parser.seconds(key, value);
    } else if (key == "expire_time") {
        settings.warnings.push_back(
            "expire_time is ignored: yagura writes each change as it happens, so an element "
            "whose state does not change would expire");
    }
}

}  // namespace

ModuleSettings parse_module_settings(const ModuleParameters& parameters) {
    Parser parser(parameters);
    ModuleSettings settings;
    settings.module_name = parser.name();
    settings.kind = parse_kind(parser, parameters);
    const auto& own_keys = settings.kind == StoreKind::redis ? kRedisKeys : kFileKeys;
    for (const auto& [key, value] : parameters) {
        if (kGenericKeys.contains(key)) {
            continue;
        }
        if (!own_keys.contains(key) && !kWriterKeys.contains(key)) {
            settings.warnings.push_back("unknown parameter '" + key + "' is ignored");
            continue;
        }
        apply(settings, parser, key, value);
    }
    if (settings.kind == StoreKind::file && settings.file.directory.empty()) {
        parser.fail("path", "is missing (the directory of the retention files)");
    }
    return settings;
}

std::shared_ptr<Store> make_store(const ModuleSettings& settings) {
    if (settings.kind == StoreKind::file) {
        return std::make_shared<FileStore>(settings.file);
    }
    return std::make_shared<RedisStore>(settings.redis);
}

}  // namespace yagura::retention
