// Broks (docs/broks.md: dump then deltas, bounded queues) and retention records (reload
// without duplicate notifications, the modified-attributes rule).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "harness.hpp"

namespace yagura::engine::test {
namespace {

model::Config shard() {
    ShardBuilder b;
    b.with_basics().contactgroup("admins", "admin");
    b.host("web1", {{"check_command", "check_ok"}});
    b.service("web1", "HTTP", {{"max_check_attempts", "1"}, {"notification_interval", "60"}});
    b.service("web1", "SSH", {{"max_check_attempts", "3"}});
    b.hostgroup("webs", "web1");
    b.servicegroup("svcs", "web1,HTTP");
    return b.build();
}

std::vector<nlohmann::json> pop(Engine& engine, const std::string& broker, std::size_t max = 0) {
    std::vector<std::string> texts;
    engine.pop_broks(broker, max, texts);
    std::vector<nlohmann::json> out;
    for (const std::string& t : texts) {
        out.push_back(nlohmann::json::parse(t));  // every brok is valid JSON
    }
    return out;
}

TEST(Broks, InitialDumpInOrder) {
    core::FakeClock clock(kStart);
    EngineSettings settings;
    settings.part_id = 7;
    Engine engine(shard(), settings, clock);
    auto broks = pop(engine, "broker-1");
    ASSERT_GE(broks.size(), 4u);
    EXPECT_EQ(broks.front()["type"], "clean_all_my_instance_id");
    EXPECT_EQ(broks[1]["type"], "program_status");
    EXPECT_EQ(broks.back()["type"], "initial_broks_done");
    std::multiset<std::string> types;
    for (const auto& b : broks) {
        EXPECT_EQ(b["instance_id"], 7);
        types.insert(b["type"].get<std::string>());
    }
    EXPECT_EQ(types.count("initial_host_status"), 1u);
    EXPECT_EQ(types.count("initial_service_status"), 2u);
    EXPECT_EQ(types.count("initial_hostgroup_status"), 1u);
    EXPECT_EQ(types.count("initial_servicegroup_status"), 1u);
    EXPECT_EQ(types.count("initial_contact_status"), 1u);
    EXPECT_EQ(types.count("initial_contactgroup_status"), 1u);
    EXPECT_GE(types.count("initial_command_status"), 5u);
    EXPECT_EQ(types.count("initial_timeperiod_status"), 2u);
    for (const auto& b : broks) {
        if (b["type"] == "initial_service_status" && b["data"]["service_description"] == "HTTP") {
            const auto& d = b["data"];
            EXPECT_EQ(d["host_name"], "web1");
            EXPECT_EQ(d["state"], "PENDING");
            EXPECT_EQ(d["max_check_attempts"], 1);
            EXPECT_EQ(d["contacts"], nlohmann::json::array({"admin"}));
            EXPECT_EQ(d["servicegroups"], nlohmann::json::array({"svcs"}));
            EXPECT_TRUE(d["comments"].is_array());
        }
    }
    // Then deltas only.
    EXPECT_TRUE(pop(engine, "broker-1").empty());
}

TEST(Broks, DeltasFollowChecksAndCommands) {
    Harness h(shard());
    h.advance(1);
    h.broks();
    h.check("web1", "HTTP", 2, "down");
    std::set<std::string> types;
    for (const auto& b : h.broks()) {
        types.insert(b["type"].get<std::string>());
        if (b["type"] == "service_check_result") {
            EXPECT_EQ(b["data"]["state"], "CRITICAL");
            EXPECT_EQ(b["data"]["state_type"], "HARD");
            EXPECT_EQ(b["data"]["output"], "down");
        }
    }
    EXPECT_TRUE(types.count("service_check_result"));
    EXPECT_TRUE(types.count("service_next_schedule"));
    EXPECT_TRUE(types.count("log"));
    EXPECT_TRUE(types.count("notification_raise"));
    h.command("DISABLE_SVC_NOTIFICATIONS;web1;HTTP");
    h.command("DISABLE_NOTIFICATIONS");
    types.clear();
    for (const auto& b : h.broks()) {
        types.insert(b["type"].get<std::string>());
        if (b["type"] == "update_service_status") {
            EXPECT_EQ(b["data"]["notifications_enabled"], false);
        }
    }
    EXPECT_TRUE(types.count("update_service_status"));
    EXPECT_TRUE(types.count("update_program_status"));
}

TEST(Broks, EveryBrokerGetsItsDumpAndTheDeltas) {
    Harness h(shard());
    auto second = pop(h.engine(), "broker-2");
    EXPECT_EQ(second.front()["type"], "clean_all_my_instance_id");
    h.advance(1);
    h.check("web1", "HTTP", 2);
    auto a = h.broks();
    auto b = pop(h.engine(), "broker-2");
    EXPECT_EQ(a.size(), b.size());
    EXPECT_EQ(a, b);
}

TEST(Broks, LogLinesBeforeTheFirstBrokerAreKeptForIt) {
    core::FakeClock clock(kStart);
    Engine engine(shard(), {}, clock);
    engine.run_external_command("[1700000000] DISABLE_NOTIFICATIONS");
    auto broks = pop(engine, "late-broker");
    int logs = 0;
    for (const auto& b : broks) {
        logs +=
            b["type"] == "log" && b["data"]["log"] == "EXTERNAL COMMAND: DISABLE_NOTIFICATIONS;";
    }
    EXPECT_EQ(logs, 1);
}

TEST(Broks, ALaggingBrokerIsAskedToTakeANewDumpNeverSilently) {
    core::FakeClock clock(kStart);
    EngineSettings settings;
    settings.brok_queue_limit = 1000;
    Engine engine(shard(), settings, clock);
    pop(engine, "slow");
    for (int i = 0; i < 1200; ++i) {
        engine.run_external_command("[1700000000] ADD_SVC_COMMENT;web1;HTTP;0;a;comment " +
                                    std::to_string(i));
    }
    auto stats = engine.stats()["broks"]["brokers"][0];
    EXPECT_GT(stats["dropped"].get<int>(), 0);
    EXPECT_TRUE(stats["needs_dump"].get<bool>());
    auto broks = pop(engine, "slow");
    EXPECT_EQ(broks.front()["type"], "clean_all_my_instance_id");
    // The dump carries the state the skipped deltas would have built.
    for (const auto& b : broks) {
        if (b["type"] == "initial_service_status" && b["data"]["service_description"] == "HTTP") {
            EXPECT_EQ(b["data"]["comments"].size(), 1200u);
        }
    }
    EXPECT_EQ(engine.stats()["broks"]["brokers"][0]["dumps"], 2);
}

TEST(Broks, FillInitialBroksGivesANewDump) {
    Harness h(shard());
    h.engine().request_full_dump("test-broker");
    auto broks = h.broks();
    ASSERT_FALSE(broks.empty());
    EXPECT_EQ(broks.front()["type"], "clean_all_my_instance_id");
    EXPECT_EQ(broks.back()["type"], "initial_broks_done");
}

TEST(Broks, BadUtf8InPluginOutputStillMakesValidJson) {
    Harness h(shard());
    h.advance(1);
    h.broks();
    h.check("web1", "HTTP", 0, std::string("caf\xE9 \"quoted\"\n\x01 end"));
    bool seen = false;
    for (const auto& b : h.broks()) {
        if (b["type"] == "service_check_result") {
            seen = true;
            EXPECT_EQ(b["data"]["output"], "caf\xEF\xBF\xBD \"quoted\"\n\x01 end");
        }
    }
    EXPECT_TRUE(seen);
}

std::vector<RetentionRecord> records_of(Engine& engine) {
    std::vector<RetentionRecord> out;
    engine.all_records(out);
    return out;
}

TEST(Retention, RecordsComeBackIntoAFreshShard) {
    std::vector<RetentionRecord> saved;
    std::uint64_t downtime = 0;
    {
        Harness h(shard());
        h.advance(1);
        h.check("web1", "HTTP", 2, "down");
        h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;2;0;1;alice;mine");
        h.command("SCHEDULE_SVC_DOWNTIME;web1;SSH;" + std::to_string(int(h.now())) + ";" +
                  std::to_string(int(h.now()) + 3600) + ";1;0;0;bob;patch");
        h.command("DISABLE_SVC_NOTIFICATIONS;web1;SSH");
        h.command("DISABLE_EVENT_HANDLERS");
        h.advance(1);
        downtime = h.service("web1", "SSH").downtimes[0].id;
        saved = records_of(h.engine());
    }
    Harness h(shard());
    RetentionLoad load = h.engine().load_retention(saved);
    EXPECT_EQ(load.applied, saved.size());
    EXPECT_EQ(load.invalid, 0u);
    const model::Service& http = h.service("web1", "HTTP");
    EXPECT_EQ(http.state, model::ServiceState::critical);
    EXPECT_EQ(http.output.view(), "down");
    EXPECT_TRUE(http.problem_has_been_acknowledged);
    ASSERT_TRUE(http.acknowledgement);
    EXPECT_TRUE(http.acknowledgement->sticky);
    const model::Service& ssh = h.service("web1", "SSH");
    ASSERT_EQ(ssh.downtimes.size(), 1u);
    EXPECT_EQ(ssh.scheduled_downtime_depth, 1);
    EXPECT_FALSE(ssh.notifications_enabled);
    EXPECT_FALSE(h.engine().config().globals.enable_event_handlers);
    // New ids continue after the retained ones, and the retained ones still work.
    h.command("ADD_SVC_COMMENT;web1;HTTP;1;c;new");
    std::set<std::uint64_t> ids;
    for (const auto& c : http.comments) {
        ids.insert(c.id);
    }
    for (const auto& c : ssh.comments) {
        ids.insert(c.id);
    }
    EXPECT_EQ(ids.size(), http.comments.size() + ssh.comments.size());
    h.command("DEL_SVC_DOWNTIME;" + std::to_string(downtime));
    EXPECT_TRUE(ssh.downtimes.empty());
}

TEST(Retention, ANotificationSentIsNotSentAgainAfterAReload) {
    std::vector<RetentionRecord> saved;
    double problem_at = 0;
    {
        Harness h(shard());
        h.advance(1);
        h.set_result("web1", "HTTP", 2);
        h.check("web1", "HTTP", 2);
        problem_at = h.now();
        h.advance(1);
        ASSERT_EQ(h.notifications().size(), 1u);
        h.engine().take_dirty_records(saved);
    }
    // A spare takes over 10 minutes later with what was saved.
    Harness h(shard());
    h.clock().set(problem_at + 600);
    h.engine().load_retention(saved);
    h.set_result("web1", "HTTP", 2);
    h.advance(40 * 60, 30);
    EXPECT_TRUE(h.notifications().empty());
    EXPECT_EQ(h.service("web1", "HTTP").current_notification_number, 1);
    h.advance(25 * 60, 30);  // 60 minutes after the first one: the second
    auto sent = h.notifications();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].command, "notify admin PROBLEM web1 HTTP 2 CRITICAL");
}

TEST(Retention, ConfigurationWinsUnlessACommandChangedIt) {
    std::vector<RetentionRecord> saved;
    {
        Harness h(shard());
        h.advance(1);
        h.command("CHANGE_NORMAL_SVC_CHECK_INTERVAL;web1;HTTP;2");
        h.command("DISABLE_SVC_CHECK;web1;HTTP");
        saved = records_of(h.engine());
    }
    // The new configuration says check_interval 10 for both services.
    auto cfg = shard();
    for (auto& s : cfg.services) {
        s.check_interval = 10;
    }
    Harness h(std::move(cfg));
    h.engine().load_retention(saved);
    EXPECT_DOUBLE_EQ(h.service("web1", "HTTP").check_interval, 2);  // changed by a command
    EXPECT_FALSE(h.service("web1", "HTTP").active_checks_enabled);
    EXPECT_DOUBLE_EQ(h.service("web1", "SSH").check_interval, 10);  // the new configuration
}

TEST(Retention, RecordsOfUnknownElementsAndBadRecordsAreSkipped) {
    Harness h(shard());
    RetentionRecord gone;
    gone.kind = RetentionRecord::Kind::service;
    gone.host_name = "web1";
    gone.service_description = "REMOVED";
    gone.value = R"({"state": {}})";
    RetentionRecord broken;
    broken.kind = RetentionRecord::Kind::host;
    broken.host_name = "web1";
    broken.value = "{not json";
    RetentionRecord wrong;
    wrong.kind = RetentionRecord::Kind::service;
    wrong.host_name = "web1";
    wrong.service_description = "HTTP";
    wrong.value = R"({"state": {"state": "SHINY"}})";
    std::vector<RetentionRecord> records{gone, broken, wrong};
    RetentionLoad load = h.engine().load_retention(records);
    EXPECT_EQ(load.unknown, 1u);
    EXPECT_EQ(load.invalid, 2u);
    EXPECT_EQ(load.applied, 0u);
    EXPECT_EQ(h.service("web1", "HTTP").state, model::ServiceState::pending);
}

TEST(Retention, DirtyRecordsNameEachChangedElementOnce) {
    Harness h(shard());
    h.advance(1);
    std::vector<RetentionRecord> first;
    h.engine().take_dirty_records(first);
    h.check("web1", "SSH", 2);
    h.check("web1", "SSH", 2);
    h.command("ADD_SVC_COMMENT;web1;SSH;1;a;b");
    std::vector<RetentionRecord> dirty;
    h.engine().take_dirty_records(dirty);
    int ssh = 0;
    for (const auto& r : dirty) {
        ssh += r.service_description == "SSH";
        auto value = nlohmann::json::parse(r.value);
        EXPECT_TRUE(value.is_object());
    }
    EXPECT_EQ(ssh, 1);
    std::vector<RetentionRecord> again;
    h.engine().take_dirty_records(again);
    EXPECT_TRUE(again.empty());
}

TEST(Stats, CountWhatHappens) {
    Harness h(shard());
    h.advance(600, 10);
    auto stats = h.engine().stats();
    EXPECT_EQ(stats["hosts"], 1);
    EXPECT_EQ(stats["services"], 2);
    EXPECT_GE(stats["results"]["total"].get<int>(), 3);
    EXPECT_GT(stats["results"]["per_second"].get<double>(), 0);
    EXPECT_EQ(stats["checks"]["scheduled"], 3);
    EXPECT_EQ(stats["checks"]["in_flight"], 0);
    EXPECT_GE(stats["latency"]["p99"].get<double>(), stats["latency"]["p50"].get<double>());
    EXPECT_EQ(stats["broks"]["brokers"].size(), 1u);
}

}  // namespace
}  // namespace yagura::engine::test
