// Issue 7: a scheduler dies (kill -9) and the spare the arbiter gives its part carries on with
// the same state - states, state types, attempts, acknowledgement, downtime, notification
// number and notified contacts - and sends no notification twice. With a real redis-server,
// then with the file store in a directory both schedulers share.
#include <chrono>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/site.hpp"
#include "redis_server.hpp"
#include "scheduler_site.hpp"

namespace yagura::harness {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// What must be the same on the spare.
const char* const kRetainedFields[] = {"state",
                                       "state_type",
                                       "attempt",
                                       "problem_has_been_acknowledged",
                                       "scheduled_downtime_depth",
                                       "current_notification_number",
                                       "notified_contacts",
                                       "has_been_checked"};

const char* const kServices[] = {"soft_critical", "soft_warning", "hard", "acked", "downtimed"};

json managed(Daemon& d) {
    return d.get_json("/what_i_managed");
}

// Nothing owed: no notification waiting or running, every change durable in the store.
bool settled(Daemon& scheduler) {
    auto s = stats(scheduler);
    const json& e = s["engine"];
    const json& writer = s["retention"]["writer"];
    return e["notifications"]["pending"] == 0 && e["reactionner_actions"]["pending"] == 0 &&
           e["reactionner_actions"]["in_flight"] == 0 && writer["pending_keys"] == 0 &&
           writer["store_available"] == true;
}

void run_failover(const std::map<std::string, std::string>& retention) {
    Site site;
    auto& master = site.add("scheduler", "scheduler-master");
    auto& spare = site.add("scheduler", "scheduler-spare");
    auto& poller = site.add("poller", "poller-1");
    auto& reactionner = site.add("reactionner", "reactionner-1");
    auto& arbiter = site.add("arbiter", "arbiter-master", {{"interval_length", "1"}});
    add_retention(master, retention);
    add_retention(spare, retention);

    MonitoringObjects objects(site);
    // SOFT states that stay SOFT: the retry is far away.
    objects.service(
        "soft_critical", "2",
        {{"max_check_attempts", "5"}, {"check_interval", "2"}, {"retry_interval", "600"}});
    objects.service(
        "soft_warning", "1",
        {{"max_check_attempts", "3"}, {"check_interval", "2"}, {"retry_interval", "600"}});
    // HARD problems notified once (notification_interval 0), re-checked every 2 s: a spare
    // that lost the notification state would notify again.
    objects.service("hard", "2", {{"max_check_attempts", "1"}, {"check_interval", "2"}});
    objects.service("acked", "2", {{"max_check_attempts", "1"}, {"check_interval", "2"}});
    objects.service("downtimed", "0", {{"check_interval", "2"}});
    objects.write(arbiter, {&master}, {&spare}, poller, reactionner);
    for (auto* d : {&master, &spare, &poller, &reactionner, &arbiter}) {
        d->start();
    }

    ASSERT_TRUE(wait_for(std::chrono::seconds(60),
                         [&] {
                             return service(master, "soft_critical")["state_type"] == "SOFT" &&
                                    service(master, "soft_warning")["state_type"] == "SOFT" &&
                                    service(master, "hard")["current_notification_number"] == 1 &&
                                    service(master, "acked")["current_notification_number"] == 1 &&
                                    service(master, "downtimed")["has_been_checked"] == true;
                         }))
        << arbiter.log() << master.log();
    EXPECT_TRUE(managed(spare).empty());

    long now = static_cast<long>(std::time(nullptr));
    auto commands = master.post_json(
        "/run_external_commands",
        {{"commands",
          {"[0] ACKNOWLEDGE_SVC_PROBLEM;web1;acked;2;1;1;admin;looking at it",
           "[0] SCHEDULE_SVC_DOWNTIME;web1;downtimed;" + std::to_string(now - 5) + ";" +
               std::to_string(now + 3600) + ";1;0;3600;admin;maintenance"}}});
    ASSERT_EQ(commands["accepted"], 2) << commands.dump();
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return service(master, "acked")["problem_has_been_acknowledged"] == true &&
               service(master, "downtimed")["scheduled_downtime_depth"] == 1 && settled(master);
    })) << stats(master).dump();

    std::map<std::string, json> before;
    std::map<std::string, std::size_t> sent;
    for (const char* name : kServices) {
        before[name] = service(master, name);
        sent[name] = objects.notifications(name).size();
    }
    EXPECT_EQ(sent["hard"], 1u);
    EXPECT_EQ(before["soft_critical"]["attempt"], 1);

    auto part = managed(master).begin().key();
    master.kill9();
    double killed_at = static_cast<double>(std::time(nullptr));
    ASSERT_TRUE(
        wait_for(std::chrono::seconds(60),
                 [&] { return managed(spare).contains(part) && !stats(spare)["part"].is_null(); }))
        << arbiter.log() << spare.log();
    EXPECT_GT(stats(spare)["retention"]["loaded"]["applied"].get<int>(), 5);

    for (const char* name : kServices) {
        json after = service(spare, name);
        for (const char* field : kRetainedFields) {
            EXPECT_EQ(after[field], before[name][field]) << name << "." << field;
        }
    }
    EXPECT_EQ(service(spare, "acked")["acknowledgement"], before["acked"]["acknowledgement"]);

    // The spare checks the HARD problems again (through the poller and the reactionner the
    // arbiter moved to it) and notifies nobody twice.
    ASSERT_TRUE(wait_for(std::chrono::seconds(60), [&] {
        return service(spare, "hard")["last_chk"].get<double>() > killed_at + 1 &&
               service(spare, "acked")["last_chk"].get<double>() > killed_at + 1 && settled(spare);
    })) << spare.log();
    for (const char* name : kServices) {
        EXPECT_EQ(objects.notifications(name).size(), sent[name]) << name;
        json after = service(spare, name);
        EXPECT_EQ(after["current_notification_number"], before[name]["current_notification_number"])
            << name;
    }
    EXPECT_EQ(service(spare, "soft_critical")["state_type"], "SOFT");
}

TEST(SchedulerFailover, TheSpareCarriesOnWithTheStateRetainedInRedis) {
    yagura::testing::RedisServer redis;
    run_failover({{"module_type", "retention-redis"},
                  {"module_name", "redis-retention"},
                  {"server", "127.0.0.1"},
                  {"port", std::to_string(redis.port())}});
}

TEST(SchedulerFailover, TheSpareCarriesOnWithTheStateRetainedInASharedDirectory) {
    TempDir shared("yagura-retention");
    run_failover({{"module_type", "retention-file"},
                  {"module_name", "file-retention"},
                  {"path", shared.path().string()}});
}

}  // namespace
}  // namespace yagura::harness
