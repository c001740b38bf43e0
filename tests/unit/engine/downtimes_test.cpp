// Downtimes: fixed, flexible, triggered, nested, cancelled, propagated, with their comments,
// log lines, notifications and broks (docs/scheduler.md, "Downtimes").
#include <gtest/gtest.h>

#include "harness.hpp"

namespace yagura::engine::test {
namespace {

std::string at(const Harness& h, double offset = 0) {
    return std::to_string(static_cast<long long>(h.now() + offset));
}

model::Config shard() {
    ShardBuilder b;
    b.with_basics();
    b.host("router", {{"check_command", "check_ok"}, {"max_check_attempts", "1"}});
    b.host("web1", {{"check_command", "check_ok"}, {"parents", "router"}});
    b.host("web2", {{"check_command", "check_ok"}, {"parents", "web1"}});
    b.service("web1", "HTTP", {{"max_check_attempts", "1"}});
    b.service("web1", "SSH", {{"max_check_attempts", "1"}});
    b.hostgroup("webs", "web1,web2");
    return b.build();
}

std::vector<std::string> types(Harness& h) {
    std::vector<std::string> out;
    for (const Sent& s : h.notifications()) {
        out.push_back(s.type);
    }
    return out;
}

TEST(Downtimes, FixedDowntimeRunsFromStartToEnd) {
    Harness h(shard());
    h.advance(1);
    h.logs();
    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + at(h, 60) + ";" + at(h, 660) +
              ";1;0;0;alice;kernel upgrade");
    const model::Service& s = h.service("web1", "HTTP");
    ASSERT_EQ(s.downtimes.size(), 1u);
    EXPECT_EQ(s.scheduled_downtime_depth, 0);
    ASSERT_EQ(s.comments.size(), 1u);
    EXPECT_EQ(s.comments[0].entry_type, model::CommentEntryType::downtime);
    EXPECT_NE(s.comments[0].comment.find("has been scheduled for fixed downtime"),
              std::string::npos);

    h.advance(61);
    EXPECT_EQ(s.scheduled_downtime_depth, 1);
    EXPECT_TRUE(s.downtimes[0].is_in_effect);
    EXPECT_EQ(types(h), std::vector<std::string>{"DOWNTIMESTART"});
    auto logs = h.logs();
    EXPECT_EQ(count_containing(logs,
                               "SERVICE DOWNTIME ALERT: web1;HTTP;STARTED; Service has "
                               "entered a period of scheduled downtime"),
              1);

    h.advance(600);
    EXPECT_EQ(s.scheduled_downtime_depth, 0);
    EXPECT_TRUE(s.downtimes.empty());
    EXPECT_TRUE(s.comments.empty());
    EXPECT_EQ(types(h), std::vector<std::string>{"DOWNTIMEEND"});
    EXPECT_EQ(count_containing(h.logs(),
                               "SERVICE DOWNTIME ALERT: web1;HTTP;STOPPED; Service has "
                               "exited from a period of scheduled downtime"),
              1);
}

TEST(Downtimes, DowntimeBroksAnnounceAndExpireIt) {
    Harness h(shard());
    h.advance(1);
    h.broks();
    h.command("SCHEDULE_HOST_DOWNTIME;web1;" + at(h) + ";" + at(h, 60) + ";1;0;0;alice;x");
    h.advance(61);
    bool raised = false;
    bool expired = false;
    bool comment_added = false;
    for (const auto& b : h.broks()) {
        raised = raised || (b["type"] == "downtime_raise" && b["data"]["host_name"] == "web1");
        expired = expired || b["type"] == "downtime_expire";
        comment_added = comment_added || (b["type"] == "comment" && b["data"]["action"] == "add");
    }
    EXPECT_TRUE(raised);
    EXPECT_TRUE(expired);
    EXPECT_TRUE(comment_added);
}

TEST(Downtimes, FlexibleDowntimeWaitsForAProblemThenLastsItsDuration) {
    Harness h(shard());
    h.advance(1);
    h.check("web1", "HTTP", 0);
    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + at(h) + ";" + at(h, 3600) +
              ";0;0;600;alice;may break");
    const model::Service& s = h.service("web1", "HTTP");
    EXPECT_EQ(s.pending_flex_downtime, 1);
    h.advance(120);
    EXPECT_EQ(s.scheduled_downtime_depth, 0);
    h.notifications();
    h.check("web1", "HTTP", 2);
    h.advance(1);
    EXPECT_EQ(s.scheduled_downtime_depth, 1);
    EXPECT_EQ(types(h), std::vector<std::string>{"DOWNTIMESTART"});  // and no PROBLEM
    h.set_result("web1", "HTTP", 2);
    h.advance(590);
    EXPECT_EQ(s.scheduled_downtime_depth, 1);
    h.advance(20);
    EXPECT_EQ(s.scheduled_downtime_depth, 0);
    // The problem outlived the downtime: it is notified at the next check.
    auto after = types(h);
    EXPECT_EQ(after.front(), "DOWNTIMEEND");
    h.advance(600);
    auto later = types(h);
    after.insert(after.end(), later.begin(), later.end());
    EXPECT_EQ(std::count(after.begin(), after.end(), "PROBLEM"), 1);
}

TEST(Downtimes, FlexibleDowntimeWithoutAProblemExpiresQuietly) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + at(h) + ";" + at(h, 300) +
              ";0;0;600;alice;may break");
    h.advance(301);
    const model::Service& s = h.service("web1", "HTTP");
    EXPECT_TRUE(s.downtimes.empty());
    EXPECT_EQ(s.pending_flex_downtime, 0);
    EXPECT_TRUE(types(h).empty());
}

TEST(Downtimes, TriggeredDowntimeStartsAndEndsWithItsTrigger) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_HOST_DOWNTIME;router;" + at(h, 60) + ";" + at(h, 600) +
              ";1;0;0;alice;router");
    const std::uint64_t trigger = h.host("router").downtimes[0].id;
    h.command("SCHEDULE_HOST_DOWNTIME;web1;" + at(h, 60) + ";" + at(h, 600) + ";1;" +
              std::to_string(trigger) + ";0;alice;behind the router");
    const model::Host& web1 = h.host("web1");
    h.advance(30);
    EXPECT_EQ(web1.scheduled_downtime_depth, 0);
    h.advance(31);
    EXPECT_EQ(h.host("router").scheduled_downtime_depth, 1);
    EXPECT_EQ(web1.scheduled_downtime_depth, 1);
    h.command("DEL_HOST_DOWNTIME;" + std::to_string(trigger));
    EXPECT_EQ(h.host("router").scheduled_downtime_depth, 0);
    EXPECT_EQ(web1.scheduled_downtime_depth, 0);
    EXPECT_TRUE(web1.downtimes.empty());
}

TEST(Downtimes, NestedDowntimesNotifyOnceAndCountDepth) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + at(h) + ";" + at(h, 600) + ";1;0;0;a;one");
    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + at(h) + ";" + at(h, 300) + ";1;0;0;b;two");
    h.advance(1);
    const model::Service& s = h.service("web1", "HTTP");
    EXPECT_EQ(s.scheduled_downtime_depth, 2);
    EXPECT_EQ(types(h), std::vector<std::string>{"DOWNTIMESTART"});
    h.advance(300);
    EXPECT_EQ(s.scheduled_downtime_depth, 1);
    EXPECT_TRUE(types(h).empty());
    h.advance(300);
    EXPECT_EQ(s.scheduled_downtime_depth, 0);
    EXPECT_EQ(types(h), std::vector<std::string>{"DOWNTIMEEND"});
}

TEST(Downtimes, CancellingADowntimeInEffect) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + at(h) + ";" + at(h, 600) + ";1;0;0;a;x");
    h.advance(1);
    h.notifications();
    h.logs();
    const std::uint64_t id = h.service("web1", "HTTP").downtimes[0].id;
    h.command("DEL_SVC_DOWNTIME;" + std::to_string(id));
    h.advance(1);
    EXPECT_EQ(h.service("web1", "HTTP").scheduled_downtime_depth, 0);
    EXPECT_EQ(types(h), std::vector<std::string>{"DOWNTIMECANCELLED"});
    EXPECT_EQ(count_containing(h.logs(),
                               "SERVICE DOWNTIME ALERT: web1;HTTP;CANCELLED; Scheduled "
                               "downtime for service has been cancelled."),
              1);
}

TEST(Downtimes, HostServiceDowntimeCoversEveryServiceNotTheHost) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_HOST_SVC_DOWNTIME;web1;" + at(h) + ";" + at(h, 600) + ";1;0;0;a;x");
    h.advance(1);
    EXPECT_EQ(h.service("web1", "HTTP").scheduled_downtime_depth, 1);
    EXPECT_EQ(h.service("web1", "SSH").scheduled_downtime_depth, 1);
    EXPECT_EQ(h.host("web1").scheduled_downtime_depth, 0);
}

TEST(Downtimes, PropagatedToEveryChild) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_AND_PROPAGATE_HOST_DOWNTIME;router;" + at(h) + ";" + at(h, 600) +
              ";1;0;0;a;x");
    h.advance(1);
    for (const char* name : {"router", "web1", "web2"}) {
        EXPECT_EQ(h.host(name).scheduled_downtime_depth, 1) << name;
        EXPECT_EQ(h.host(name).downtimes[0].trigger_id, 0u) << name;
    }
}

TEST(Downtimes, PropagatedAndTriggeredFollowTheTopHost) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_AND_PROPAGATE_TRIGGERED_HOST_DOWNTIME;router;" + at(h, 60) + ";" +
              at(h, 600) + ";1;0;0;a;x");
    const std::uint64_t top = h.host("router").downtimes[0].id;
    EXPECT_EQ(h.host("web2").downtimes[0].trigger_id, top);
    h.advance(61);
    EXPECT_EQ(h.host("web2").scheduled_downtime_depth, 1);
    h.command("DEL_HOST_DOWNTIME;" + std::to_string(top));
    EXPECT_TRUE(h.host("web1").downtimes.empty());
    EXPECT_TRUE(h.host("web2").downtimes.empty());
}

TEST(Downtimes, HostgroupDowntimes) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_HOSTGROUP_HOST_DOWNTIME;webs;" + at(h) + ";" + at(h, 600) + ";1;0;0;a;x");
    h.command("SCHEDULE_HOSTGROUP_SVC_DOWNTIME;webs;" + at(h) + ";" + at(h, 600) + ";1;0;0;a;x");
    h.advance(1);
    EXPECT_EQ(h.host("web1").scheduled_downtime_depth, 1);
    EXPECT_EQ(h.host("web2").scheduled_downtime_depth, 1);
    EXPECT_EQ(h.host("router").scheduled_downtime_depth, 0);
    EXPECT_EQ(h.service("web1", "SSH").scheduled_downtime_depth, 1);
}

TEST(Downtimes, DeletedByHostNameStartTimeOrComment) {
    Harness h(shard());
    h.advance(1);
    const std::string start = at(h, 60);
    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + start + ";" + at(h, 600) + ";1;0;0;a;patch");
    h.command("SCHEDULE_SVC_DOWNTIME;web1;SSH;" + start + ";" + at(h, 600) + ";1;0;0;a;other");
    h.command("SCHEDULE_HOST_DOWNTIME;web1;" + at(h, 120) + ";" + at(h, 600) + ";1;0;0;a;patch");
    h.command("DEL_DOWNTIME_BY_HOST_NAME;web1;HTTP");
    EXPECT_TRUE(h.service("web1", "HTTP").downtimes.empty());
    EXPECT_EQ(h.service("web1", "SSH").downtimes.size(), 1u);
    EXPECT_EQ(h.host("web1").downtimes.size(), 1u);
    h.command("DEL_DOWNTIME_BY_START_TIME_COMMENT;" + start);
    EXPECT_TRUE(h.service("web1", "SSH").downtimes.empty());
    EXPECT_EQ(h.host("web1").downtimes.size(), 1u);
    h.command("DEL_DOWNTIME_BY_HOSTGROUP_NAME;webs");
    EXPECT_TRUE(h.host("web1").downtimes.empty());
}

TEST(Downtimes, BadRequestsAreRejected) {
    Harness h(shard());
    h.advance(1);
    const std::string now = at(h);
    for (const std::string& args : {";" + at(h, 600) + ";" + now + ";1;0;0;a;end before start",
                                    ";" + at(h, -600) + ";" + at(h, -60) + ";1;0;0;a;past",
                                    ";" + now + ";" + at(h, 600) + ";0;0;0;a;flexible, no duration",
                                    ";" + now + ";" + at(h, 600) + ";1;999;0;a;unknown trigger"}) {
        auto outcome = h.try_command("SCHEDULE_SVC_DOWNTIME;web1;HTTP" + args);
        EXPECT_EQ(outcome.status, CommandOutcome::Status::rejected) << args;
    }
    EXPECT_TRUE(h.service("web1", "HTTP").downtimes.empty());
    EXPECT_TRUE(h.service("web1", "HTTP").comments.empty());
}

TEST(Downtimes, IdsAreUniqueInThePart) {
    Harness h(shard());
    h.advance(1);
    h.command("SCHEDULE_HOST_SVC_DOWNTIME;web1;" + at(h) + ";" + at(h, 600) + ";1;0;0;a;x");
    h.command("SCHEDULE_HOST_DOWNTIME;web1;" + at(h) + ";" + at(h, 600) + ";1;0;0;a;x");
    std::set<std::uint64_t> ids{h.service("web1", "HTTP").downtimes[0].id,
                                h.service("web1", "SSH").downtimes[0].id,
                                h.host("web1").downtimes[0].id};
    EXPECT_EQ(ids.size(), 3u);
}

}  // namespace
}  // namespace yagura::engine::test
