// The scheduler with the real daemons around it: the arbiter pushes the part, a poller runs
// real plugins, a reactionner runs the notification command (it appends to a file).
#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/site.hpp"
#include "scheduler_site.hpp"

namespace yagura::harness {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

TEST(SchedulerSystem, ChecksFlowFromARealPollerAndNotificationsThroughARealReactionner) {
    Site site;
    auto& scheduler = site.add("scheduler", "scheduler-1");
    auto& poller = site.add("poller", "poller-1");
    auto& reactionner = site.add("reactionner", "reactionner-1");
    auto& arbiter = site.add("arbiter", "arbiter-master", {{"interval_length", "1"}});
    MonitoringObjects objects(site);
    objects.service("crit", "2", {{"max_check_attempts", "1"}, {"check_interval", "2"}});
    objects.service("fine", "0", {{"check_interval", "2"}});
    objects.write(arbiter, {&scheduler}, {}, poller, reactionner);
    for (auto* d : {&scheduler, &poller, &reactionner, &arbiter}) {
        d->start();
    }

    ASSERT_TRUE(wait_for(std::chrono::seconds(60),
                         [&] {
                             auto s = service(scheduler, "crit");
                             return s["state"] == "CRITICAL" && s["state_type"] == "HARD";
                         }))
        << arbiter.log() << scheduler.log();
    EXPECT_THAT(service(scheduler, "crit")["output"].get<std::string>(), HasSubstr("crit"));
    ASSERT_TRUE(wait_for(std::chrono::seconds(30),
                         [&] { return service(scheduler, "fine")["has_been_checked"] == true; }));
    EXPECT_EQ(service(scheduler, "fine")["state"], "OK");
    // The reactionner ran the notification command.
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return objects.notifications("crit").size() == 1;
    })) << reactionner.log();
    EXPECT_THAT(objects.notifications("crit")[0], HasSubstr("PROBLEM web1/crit 1 admin"));

    // The poller waits in a long poll between checks; checks that became due woke it.
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return stats(scheduler)["long_polls"]["get_checks"]["woken"].get<int>() >= 2;
    })) << stats(scheduler).dump();

    // External commands, accepted and rejected.
    auto answer = scheduler.post_json(
        "/run_external_commands",
        {{"commands",
          {"[0] ACKNOWLEDGE_SVC_PROBLEM;web1;crit;1;1;0;admin;on it", "[0] NOT_A_COMMAND;x"}}});
    EXPECT_EQ(answer["accepted"], 1) << answer.dump();
    ASSERT_EQ(answer["rejected"].size(), 1u) << answer.dump();
    EXPECT_EQ(answer["rejected"][0]["command"], "[0] NOT_A_COMMAND;x");
    EXPECT_EQ(service(scheduler, "crit")["problem_has_been_acknowledged"], true);

    // A malformed result batch is refused with 400 and the daemon carries on.
    auto bad = scheduler.get("/get_checks?wait=soon");
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(scheduler.get_json("/ping"), "pong");
}

}  // namespace
}  // namespace yagura::harness
