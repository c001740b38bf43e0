#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/retention/keys.hpp>
#include <yagura/retention/redis_store.hpp>
#include <yagura/retention/writer.hpp>

#include "redis_server.hpp"
#include "test_support.hpp"

namespace yagura::retention {
namespace {

using namespace std::chrono_literals;
using test::eventually;
using testing::RedisServer;

// Records what the writer hands to the store, to check batching and coalescing. It can be
// told to fail, like a store whose backend is down.
class RecordingStore final : public Store {
public:
    void write(std::span<const Change> changes) override {
        std::lock_guard lock(mutex_);
        ++attempts_;
        if (failing_) {
            throw core::Error(core::ErrorKind::unavailable, "recording store: down");
        }
        batches_.emplace_back();
        for (const auto& change : changes) {
            batches_.back().emplace_back(std::string(change.key),
                                         change.erase ? "<erased>" : std::string(change.value));
        }
    }
    LoadResult load(std::span<const std::string> keys) override {
        LoadResult result;
        result.values.resize(keys.size());
        return result;
    }
    std::string describe() const override { return "recording store"; }

    void set_failing(bool failing) {
        std::lock_guard lock(mutex_);
        failing_ = failing;
    }
    std::vector<std::vector<std::pair<std::string, std::string>>> batches() const {
        std::lock_guard lock(mutex_);
        return batches_;
    }
    int attempts() const {
        std::lock_guard lock(mutex_);
        return attempts_;
    }

private:
    mutable std::mutex mutex_;
    bool failing_ = false;
    int attempts_ = 0;
    std::vector<std::vector<std::pair<std::string, std::string>>> batches_;
};

RedisSettings settings_for(const RedisServer& server) {
    RedisSettings settings;
    settings.port = server.port();
    settings.connect_timeout = 300ms;
    settings.io_timeout = 2000ms;
    return settings;
}

// A writer that only writes when asked to (or at close).
WriterSettings manual() {
    return WriterSettings{.flush_interval = std::chrono::hours(1)};
}

TEST(Writer, CoalescesChangesToTheSameKey) {
    auto store = std::make_shared<RecordingStore>();
    Writer writer(store, manual());
    for (int i = 0; i < 100; ++i) {
        writer.put(host_key("h"), "state " + std::to_string(i));
    }
    writer.put(host_key("other"), "x");
    writer.erase(host_key("other"));
    ASSERT_TRUE(writer.flush(10s));

    auto batches = store->batches();
    ASSERT_EQ(batches.size(), 1u);
    std::map<std::string, std::string> written(batches[0].begin(), batches[0].end());
    EXPECT_EQ(written.size(), 2u);
    EXPECT_EQ(written[host_key("h")], "state 99");
    EXPECT_EQ(written[host_key("other")], "<erased>");
    auto stats = writer.stats();
    EXPECT_EQ(stats.puts, 101u);
    EXPECT_EQ(stats.erases, 1u);
    EXPECT_EQ(stats.coalesced, 100u);
    EXPECT_EQ(stats.written_keys, 2u);
    EXPECT_EQ(stats.pending_keys, 0u);
}

TEST(Writer, SplitsLargeBacklogsIntoBatches) {
    auto store = std::make_shared<RecordingStore>();
    auto settings = manual();
    settings.max_batch = 100;
    Writer writer(store, settings);
    for (int i = 0; i < 1050; ++i) {
        writer.put(host_key("h" + std::to_string(i)), "v");
    }
    ASSERT_TRUE(writer.flush(10s));
    auto batches = store->batches();
    ASSERT_EQ(batches.size(), 11u);
    std::size_t total = 0;
    for (const auto& batch : batches) {
        EXPECT_LE(batch.size(), 100u);
        total += batch.size();
    }
    EXPECT_EQ(total, 1050u);
    EXPECT_EQ(writer.stats().batches, 11u);
}

TEST(Writer, ChangeReachesRedisWithinTheFlushInterval) {
    RedisServer server;
    Writer writer(std::make_shared<RedisStore>(settings_for(server)),
                  WriterSettings{.flush_interval = 200ms});
    writer.put(service_key("web01", "HTTP"), "{\"state\":2}");
    // No flush(): the background thread must write it by itself.
    EXPECT_TRUE(eventually([&] {
        return server.command({"GET", "yagura:v1:service:web01:HTTP"}) == "{\"state\":2}";
    }));
    auto stats = writer.stats();
    EXPECT_EQ(stats.written_keys, 1u);
    EXPECT_GT(stats.last_success, 0);
    EXPECT_GT(stats.delay_max, 0);
    EXPECT_LE(stats.delay_p50, stats.delay_max);
}

TEST(Writer, KeepsChangesWhileRedisIsDownAndDeliversTheLatestWhenItReturns) {
    test::TempDir logs("retention-writer-log");
    auto log_file = logs.path() / "retention.log";
    core::configure_logging({.level = "info", .file = log_file.string()});

    RedisServer server;
    WriterSettings settings{.flush_interval = 50ms, .retry_initial = 20ms, .retry_max = 100ms};
    Writer writer(std::make_shared<RedisStore>(settings_for(server)), settings);
    const int keys = 500;
    for (int i = 0; i < keys; ++i) {
        writer.put(host_key("h" + std::to_string(i)), "round 0");
    }
    ASSERT_TRUE(writer.flush(10s));

    server.kill();
    for (int round = 1; round <= 3; ++round) {  // accepted while Redis is gone
        for (int i = 0; i < keys; ++i) {
            writer.put(host_key("h" + std::to_string(i)), "round " + std::to_string(round));
        }
    }
    writer.put(host_key("new"), "created during the outage");
    ASSERT_TRUE(eventually([&] { return writer.stats().errors >= 3; }));
    auto during = writer.stats();
    EXPECT_FALSE(during.store_available);
    EXPECT_EQ(during.outages, 1u);
    EXPECT_GT(during.outage_since, 0);
    EXPECT_EQ(during.pending_keys, static_cast<std::size_t>(keys + 1));  // latest per key only
    EXPECT_FALSE(writer.flush(50ms));

    server.start();  // same port, empty: no persistence
    ASSERT_TRUE(writer.flush(20s));
    for (int i = 0; i < keys; ++i) {
        ASSERT_EQ(server.command({"GET", "yagura:v1:host:h" + std::to_string(i)}), "round 3");
    }
    EXPECT_EQ(server.command({"GET", "yagura:v1:host:new"}), "created during the outage");
    auto after = writer.stats();
    EXPECT_TRUE(after.store_available);
    EXPECT_EQ(after.pending_keys, 0u);
    EXPECT_EQ(after.outage_since, 0);

    core::logger("retention")->flush();
    auto text = test::read_text(log_file);
    core::configure_logging({});
    std::size_t outage_lines = 0;
    for (auto at = text.find("retention store unavailable"); at != std::string::npos;
         at = text.find("retention store unavailable", at + 1)) {
        ++outage_lines;
    }
    EXPECT_EQ(outage_lines, 1u) << "logged once per outage, not per attempt:\n" << text;
    EXPECT_NE(text.find("is back after"), std::string::npos) << text;
}

TEST(Writer, FlushAtCloseMakesEverythingDurable) {
    RedisServer server;
    {
        Writer writer(std::make_shared<RedisStore>(settings_for(server)), manual());
        for (int i = 0; i < 2000; ++i) {
            writer.put(host_key("h" + std::to_string(i)), "v" + std::to_string(i));
        }
        EXPECT_TRUE(writer.close(10s));
    }
    EXPECT_EQ(server.command({"DBSIZE"}), "2001");  // and the format marker
    EXPECT_EQ(server.command({"GET", "yagura:v1:host:h1999"}), "v1999");
}

TEST(Writer, DestructorMakesOneLastAttempt) {
    RedisServer server;
    {
        Writer writer(std::make_shared<RedisStore>(settings_for(server)), manual());
        writer.put(host_key("h"), "written on the way out");
    }
    EXPECT_EQ(server.command({"GET", "yagura:v1:host:h"}), "written on the way out");
}

TEST(Writer, LoadSeesChangesNotYetFlushed) {
    RedisServer server;
    Writer writer(std::make_shared<RedisStore>(settings_for(server)), manual());
    writer.put(host_key("h"), "fresh");
    writer.put(host_key("gone"), "x");
    writer.erase(host_key("gone"));
    std::vector<std::string> keys = {host_key("h"), host_key("gone")};
    auto loaded = writer.load(keys);
    EXPECT_EQ(loaded.values[0], "fresh");
    EXPECT_FALSE(loaded.values[1]);
}

TEST(Writer, LoadRefusesWhenQueuedChangesCannotBeWritten) {
    auto store = std::make_shared<RecordingStore>();
    store->set_failing(true);
    Writer writer(store, manual());
    writer.put(host_key("h"), "v");
    std::vector<std::string> keys = {host_key("h")};
    EXPECT_THROW(writer.load(keys, 100ms), core::Error);
    store->set_failing(false);
    EXPECT_NO_THROW(writer.load(keys, 10s));
}

TEST(Writer, RetriesAFailingStoreWithoutLosingChanges) {
    auto store = std::make_shared<RecordingStore>();
    store->set_failing(true);
    Writer writer(store,
                  WriterSettings{.flush_interval = 20ms, .retry_initial = 10ms, .retry_max = 40ms});
    writer.put(host_key("h"), "first");
    ASSERT_TRUE(eventually([&] { return store->attempts() >= 3; }));
    writer.put(host_key("h"), "second");
    store->set_failing(false);
    ASSERT_TRUE(writer.flush(10s));
    auto batches = store->batches();
    ASSERT_EQ(batches.size(), 1u);  // the failed attempts wrote nothing
    EXPECT_EQ(batches[0].at(0).second, "second");
    EXPECT_GE(writer.stats().errors, 3u);
}

TEST(Writer, StatsSerialiseToJson) {
    auto store = std::make_shared<RecordingStore>();
    Writer writer(store, manual());
    writer.put("host:h", "12345");
    ASSERT_TRUE(writer.flush(10s));
    nlohmann::json json = writer.stats();
    EXPECT_EQ(json["written_keys"], 1);
    EXPECT_EQ(json["bytes"], 11);  // "host:h" + "12345"
    EXPECT_TRUE(json["store_available"].get<bool>());
    EXPECT_TRUE(json["delay_seconds"].contains("p99"));
}

}  // namespace
}  // namespace yagura::retention
