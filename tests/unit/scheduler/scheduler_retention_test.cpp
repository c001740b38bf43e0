// The scheduler's retention with a real redis-server: continuous saving, loading before the
// first check, and carrying on while the store is down.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "redis_server.hpp"
#include "scheduler_fixture.hpp"
#include "shard_builder.hpp"

namespace yagura::scheduler::testing {
namespace {

using nlohmann::json;

model::Config shard() {
    engine::test::ShardBuilder b;
    b.with_basics().global("interval_length", "1");
    b.host("web1", {{"check_command", "check_ok"}, {"check_interval", "600"}});
    b.service("web1", "HTTP", {{"check_interval", "600"}});
    return b.build();
}

SchedulerOptions redis_options(const yagura::testing::RedisServer& redis) {
    SchedulerOptions options;
    options.default_retention = retention::ModuleParameters{{"module_type", "retention-redis"},
                                                            {"module_name", "redis-retention"},
                                                            {"server", "127.0.0.1"},
                                                            {"port", std::to_string(redis.port())},
                                                            {"flush_interval", "0.1"}};
    return options;
}

json command(SchedulerProcess& s, const std::string& line) {
    return s.post("/run_external_commands", json{{"commands", {line}}}.dump()).json();
}

json writer(SchedulerProcess& s) {
    return s.stats()["retention"]["writer"];
}

TEST(SchedulerRetention, ChangesAreSavedContinuouslyAndLoadedBeforeTheFirstCheck) {
    yagura::testing::RedisServer redis;
    TempDir dir;
    {
        SchedulerProcess first(dir.path() / "first", redis_options(redis));
        first.run();
        first.run_part(shard(), 2);
        ASSERT_TRUE(eventually([&] { return !first.stats()["part"].is_null(); }));
        ASSERT_EQ(command(first, "[0] DISABLE_SVC_NOTIFICATIONS;web1;HTTP")["accepted"], 1);
        // Saved while running, not at stop: the key is in Redis while the scheduler runs.
        ASSERT_TRUE(eventually([&] {
            auto value = redis.command({"GET", "yagura:v1:service:web1:HTTP"});
            return value && value->find("\"notifications_enabled\":false") != std::string::npos;
        })) << first.stats().dump();
    }
    SchedulerProcess second(dir.path() / "second", redis_options(redis));
    second.run();
    second.run_part(shard(), 2);
    ASSERT_TRUE(eventually([&] { return !second.stats()["part"].is_null(); }));
    EXPECT_GE(second.stats()["retention"]["loaded"]["applied"].get<int>(), 1);
    auto http = second.get_json("/get_service?host=web1&service=HTTP");
    EXPECT_EQ(http["notifications_enabled"], false) << http.dump();
}

TEST(SchedulerRetention, ARedisOutageDoesNotStopTheSchedulerAndNothingIsLost) {
    yagura::testing::RedisServer redis;
    TempDir dir;
    SchedulerProcess s(dir.path(), redis_options(redis));
    s.run();
    s.run_part(shard(), 2);
    ASSERT_TRUE(eventually([&] { return !s.stats()["part"].is_null(); }));

    redis.kill();
    ASSERT_EQ(command(s, "[0] DISABLE_SVC_NOTIFICATIONS;web1;HTTP")["accepted"], 1);
    ASSERT_TRUE(eventually([&] { return writer(s)["store_available"] == false; }))
        << s.stats().dump();
    // Still serving: commands, views, polls.
    EXPECT_EQ(command(s, "[0] DISABLE_SVC_CHECK;web1;HTTP")["accepted"], 1);
    EXPECT_EQ(s.get("/get_checks?wait=0").status, 200);
    EXPECT_GT(writer(s)["pending_keys"].get<int>(), 0);

    redis.start();  // empty: no persistence
    ASSERT_TRUE(eventually([&] {
        auto w = writer(s);
        return w["store_available"] == true && w["pending_keys"] == 0;
    })) << s.stats().dump();
    auto value = redis.command({"GET", "yagura:v1:service:web1:HTTP"});
    ASSERT_TRUE(value.has_value());
    EXPECT_NE(value->find("\"notifications_enabled\":false"), std::string::npos) << *value;
}

}  // namespace
}  // namespace yagura::scheduler::testing
