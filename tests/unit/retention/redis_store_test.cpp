#include <vector>

#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/retention/keys.hpp>
#include <yagura/retention/redis_store.hpp>

#include "redis_server.hpp"
#include "test_support.hpp"

namespace yagura::retention {
namespace {

using testing::RedisServer;

RedisSettings settings_for(const RedisServer& server) {
    RedisSettings settings;
    settings.port = server.port();
    settings.password = server.password();
    settings.connect_timeout = std::chrono::milliseconds(500);
    settings.io_timeout = std::chrono::milliseconds(2000);
    return settings;
}

TEST(RedisStore, WritesAndLoadsLatestValues) {
    RedisServer server;
    RedisStore store(settings_for(server));
    using namespace std::string_literals;
    auto binary = "{\"output\":\"a\r\nb\"}\0tail"s;
    test::OwnedChanges changes = {{host_key("web01"), "{\"state\":0}"},
                                  {service_key("web01", "HTTP"), binary}};
    store.write(changes);

    std::vector<std::string> keys = {host_key("web01"), host_key("unknown"),
                                     service_key("web01", "HTTP")};
    auto loaded = store.load(keys);
    ASSERT_EQ(loaded.values.size(), 3u);
    EXPECT_EQ(loaded.values[0], "{\"state\":0}");
    EXPECT_FALSE(loaded.values[1]);
    EXPECT_EQ(loaded.values[2], binary);
    EXPECT_EQ(loaded.found, 2u);
    EXPECT_FALSE(loaded.format_mismatch);
}

TEST(RedisStore, KeysAreNamespacedAndVersioned) {
    RedisServer server;
    auto settings = settings_for(server);
    settings.key_prefix = "site1";
    RedisStore store(settings);
    test::OwnedChanges changes = {{service_key("db:1", "Disk C:"), "v"}};
    store.write(changes);

    EXPECT_EQ(server.command({"GET", "site1:v1:service:db%3A1:Disk C%3A"}), "v");
    EXPECT_EQ(server.command({"GET", "site1:format"}), "1");
    EXPECT_EQ(server.command({"DBSIZE"}), "2");

    // Another prefix is another namespace.
    settings.key_prefix = "site2";
    RedisStore other(settings);
    std::vector<std::string> keys = {service_key("db:1", "Disk C:")};
    EXPECT_FALSE(other.load(keys).values[0]);
}

TEST(RedisStore, EraseRemovesTheKey) {
    RedisServer server;
    RedisStore store(settings_for(server));
    test::OwnedChanges put = {{host_key("a"), "1"}, {host_key("b"), "2"}};
    store.write(put);
    test::OwnedChanges erase = {{host_key("a"), std::nullopt}};
    store.write(erase);
    EXPECT_FALSE(server.command({"GET", "yagura:v1:host:a"}));
    EXPECT_EQ(server.command({"GET", "yagura:v1:host:b"}), "2");
}

TEST(RedisStore, UsesPasswordAndDatabase) {
    RedisServer server(RedisServer::Options{.password = "s3cret pass"});
    auto settings = settings_for(server);
    settings.db = 3;
    RedisStore store(settings);
    test::OwnedChanges changes = {{host_key("h"), "in db 3"}};
    store.write(changes);
    EXPECT_EQ(server.command({"GET", "yagura:v1:host:h"}, 3), "in db 3");
    EXPECT_FALSE(server.command({"GET", "yagura:v1:host:h"}, 0));

    settings.password = "wrong";
    RedisStore refused(settings);
    try {
        refused.write(changes);
        FAIL() << "a wrong password was accepted";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.kind(), core::ErrorKind::unavailable);
        EXPECT_NE(std::string(error.what()).find("127.0.0.1:" + std::to_string(server.port())),
                  std::string::npos)
            << error.what();
    }
}

TEST(RedisStore, DataOfAnotherFormatVersionIsIgnoredNotMisread) {
    RedisServer server;
    RedisStore store(settings_for(server));
    test::OwnedChanges changes = {{host_key("h"), "v1 value"}};
    store.write(changes);
    // A newer yagura took over this Redis and wrote its own format.
    server.command({"SET", "yagura:format", "2"});

    std::vector<std::string> keys = {host_key("h")};
    auto loaded = store.load(keys);
    EXPECT_TRUE(loaded.format_mismatch);
    EXPECT_FALSE(loaded.values[0]);
    EXPECT_EQ(loaded.found, 0u);
}

TEST(RedisStore, LoadsManyKeysInPipelinedChunks) {
    RedisServer server;
    auto settings = settings_for(server);
    settings.keys_per_command = 100;  // many MGETs, more than one window in flight
    RedisStore store(settings);
    std::vector<std::string> keys;
    std::vector<std::string> values;
    for (int i = 0; i < 5000; ++i) {
        keys.push_back(service_key("host" + std::to_string(i / 10), "svc" + std::to_string(i)));
        values.push_back("value-" + std::to_string(i));
    }
    std::vector<Change> changes;
    for (std::size_t i = 0; i < keys.size(); i += 2) {  // every other key exists
        changes.push_back({keys[i], values[i]});
    }
    store.write(changes);

    auto loaded = store.load(keys);
    ASSERT_EQ(loaded.values.size(), keys.size());
    EXPECT_EQ(loaded.found, keys.size() / 2);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i % 2 == 0) {
            ASSERT_EQ(loaded.values[i], values[i]) << keys[i];
        } else {
            ASSERT_FALSE(loaded.values[i]) << keys[i];
        }
    }
}

TEST(RedisStore, UnreachableRedisIsAnUnavailableError) {
    RedisSettings settings;
    settings.port = testing::free_tcp_port();  // nothing listens there
    settings.connect_timeout = std::chrono::milliseconds(300);
    RedisStore store(settings);  // never fails: Redis may come later
    test::OwnedChanges changes = {{host_key("h"), "v"}};
    std::vector<std::string> keys = {host_key("h")};
    try {
        store.write(changes);
        FAIL() << "write to a closed port succeeded";
    } catch (const core::Error& error) {
        EXPECT_EQ(error.kind(), core::ErrorKind::unavailable);
    }
    EXPECT_THROW(store.load(keys), core::Error);
}

TEST(RedisStore, ReconnectsAfterRedisRestarts) {
    RedisServer server;
    RedisStore store(settings_for(server));
    test::OwnedChanges first = {{host_key("h"), "before"}};
    store.write(first);
    server.kill();
    server.start();
    test::OwnedChanges second = {{host_key("h"), "after"}};
    // The old connection is dead; the first attempt may notice only then.
    try {
        store.write(second);
    } catch (const core::Error&) {
        store.write(second);
    }
    EXPECT_EQ(server.command({"GET", "yagura:v1:host:h"}), "after");
}

TEST(RedisStore, RejectsBadSettings) {
    RedisSettings settings;
    settings.port = 0;
    EXPECT_THROW(RedisStore{settings}, core::Error);
    settings = {};
    settings.key_prefix = "has space";
    EXPECT_THROW(RedisStore{settings}, core::Error);
    settings = {};
    settings.db = -1;
    EXPECT_THROW(RedisStore{settings}, core::Error);
}

}  // namespace
}  // namespace yagura::retention
