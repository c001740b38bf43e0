// Notifications: every blocking rule, delays, intervals, recoveries, escalations, custom and
// acknowledgement notifications, contacts' own filters (docs/scheduler.md, "Notifications").
#include <functional>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace yagura::engine::test {
namespace {

std::string at(const Harness& h, double offset = 0) {
    return std::to_string(static_cast<long long>(h.now() + offset));
}

// Owned strings: a test parameter outlives the braced lists it is written with.
using Pairs = std::vector<std::pair<std::string, std::string>>;

struct Setup {
    Pairs service = {};
    Pairs contact = {};
    bool dependency = false;
};

model::Config shard(const Setup& setup) {
    ShardBuilder b;
    b.with_basics();
    b.contact("boss", {{"service_notification_period", "24x7"},
                       {"service_notification_options", "w,u,c,r"},
                       {"service_notification_commands", "notify"},
                       {"host_notification_period", "24x7"},
                       {"host_notification_options", "d,u,r"},
                       {"host_notification_commands", "notify"}});
    b.host("web1", {{"check_command", "check_ok"}});
    b.service("web1", "HTTP", {{"max_check_attempts", "1"}});
    b.service("web1", "DB", {{"max_check_attempts", "1"}, {"contacts", "boss"}});
    if (setup.dependency) {
        b.servicedependency({{"host_name", "web1"},
                             {"service_description", "DB"},
                             {"dependent_host_name", "web1"},
                             {"dependent_service_description", "HTTP"},
                             {"notification_failure_criteria", "c"}});
    }
    auto& cfg = b.config();
    model::Service& http = cfg.services[0];
    for (const auto& [key, value] : setup.service) {
        EXPECT_TRUE(model::set_attribute(http, key, value, cfg.pool).ok()) << key;
    }
    model::Contact& admin = cfg.contacts[0];
    for (const auto& [key, value] : setup.contact) {
        EXPECT_TRUE(model::set_attribute(admin, key, value, cfg.pool).ok()) << key;
    }
    return b.build();
}

int problems_to_admin(Harness& h) {
    int n = 0;
    for (const Sent& s : h.notifications()) {
        n += s.contact == "admin" && s.service == "HTTP" && s.type == "PROBLEM";
    }
    return n;
}

struct Rule {
    const char* name;
    Setup setup;
    std::function<void(Harness&)> before;  // runs before HTTP goes CRITICAL (HARD)
    bool sent;
};

class Blocking : public ::testing::TestWithParam<Rule> {};

TEST_P(Blocking, ProblemNotificationIsBlockedOrNot) {
    const Rule& rule = GetParam();
    Harness h(shard(rule.setup));
    h.advance(1);
    if (rule.before) {
        rule.before(h);
    }
    h.notifications();
    h.check("web1", "HTTP", 2);
    h.advance(2);
    EXPECT_EQ(problems_to_admin(h), rule.sent ? 1 : 0);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, Blocking,
    ::testing::Values(
        Rule{"nothing_blocks", {}, nullptr, true},
        Rule{"notifications_disabled_program_wide",
             {},
             [](Harness& h) { h.command("DISABLE_NOTIFICATIONS"); },
             false},
        Rule{"notifications_disabled_on_the_service",
             {},
             [](Harness& h) { h.command("DISABLE_SVC_NOTIFICATIONS;web1;HTTP"); },
             false},
        Rule{"outside_notification_period", {{{"notification_period", "never"}}}, nullptr, false},
        Rule{"state_not_in_notification_options",
             {{{"notification_options", "w,r"}}},
             nullptr,
             false},
        Rule{"notification_options_none", {{{"notification_options", "n"}}}, nullptr, false},
        Rule{"service_in_downtime",
             {},
             [](Harness& h) {
                 h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + at(h) + ";" + at(h, 3600) +
                           ";1;0;0;admin;maintenance");
             },
             false},
        Rule{"host_in_downtime",
             {},
             [](Harness& h) {
                 h.command("SCHEDULE_HOST_DOWNTIME;web1;" + at(h) + ";" + at(h, 3600) +
                           ";1;0;0;admin;maintenance");
             },
             false},
        Rule{"acknowledged",
             {{{"max_check_attempts", "2"}}},
             [](Harness& h) {
                 h.check("web1", "HTTP", 2);  // SOFT
                 h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;1;0;1;admin;known");
             },
             false},
        Rule{"flapping",
             {},
             [](Harness& h) {
                 for (int i = 0; i <= 20; ++i) {
                     h.check("web1", "HTTP", i % 2 == 0 ? 0 : 2);
                 }
                 EXPECT_TRUE(h.service("web1", "HTTP").is_flapping);
             },
             false},
        Rule{"host_down",
             {},
             [](Harness& h) {
                 h.set_result("web1", "", 2);
                 h.command("CHANGE_MAX_HOST_CHECK_ATTEMPTS;web1;1");
                 h.check("web1", "", 2);
             },
             false},
        Rule{"notification_dependency_failed",
             {{}, {}, true},
             [](Harness& h) { h.check("web1", "DB", 2); },
             false},
        Rule{"contact_options_lack_the_state",
             {{}, {{"service_notification_options", "w,r"}}},
             nullptr,
             false},
        Rule{"contact_notifications_disabled",
             {},
             [](Harness& h) { h.command("DISABLE_CONTACT_SVC_NOTIFICATIONS;admin"); },
             false},
        Rule{
            "contact_outside_its_period",
            {},
            [](Harness& h) { h.command("CHANGE_CONTACT_SVC_NOTIFICATION_TIMEPERIOD;admin;never"); },
            false},
        Rule{"contact_in_downtime",
             {},
             [](Harness& h) {
                 h.command("SCHEDULE_CONTACT_DOWNTIME;admin;" + at(h) + ";" + at(h, 3600) +
                           ";admin;holiday");
             },
             false},
        Rule{"business_impact_below_the_contacts_minimum",
             {{{"business_impact", "1"}}, {{"min_business_impact", "3"}}},
             nullptr,
             false}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(Notifications, ProblemLineAndCommandCarryTheDetails) {
    Harness h(shard({}));
    h.advance(1);
    h.logs();
    h.check("web1", "HTTP", 2, "connection refused");
    h.advance(1);
    auto sent = h.notifications();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].command, "notify admin PROBLEM web1 HTTP 1 CRITICAL");
    EXPECT_EQ(count_containing(h.logs(),
                               "SERVICE NOTIFICATION: admin;web1;HTTP;CRITICAL;notify;connection "
                               "refused"),
              1);
    EXPECT_EQ(h.service("web1", "HTTP").current_notification_number, 1);
    EXPECT_DOUBLE_EQ(h.service("web1", "HTTP").last_notification, h.now() - 1);
}

TEST(Notifications, ProblemsAreRepeatedEveryNotificationInterval) {
    Harness h(shard({{{"notification_interval", "10"}}}));
    h.advance(1);
    h.set_result("web1", "HTTP", 2);
    h.check("web1", "HTTP", 2);
    h.advance(1);
    EXPECT_EQ(problems_to_admin(h), 1);
    h.advance(9 * 60 - 2, 10);
    EXPECT_EQ(problems_to_admin(h), 0);
    h.advance(70, 10);
    auto sent = h.notifications();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].command, "notify admin PROBLEM web1 HTTP 2 CRITICAL");
    EXPECT_EQ(h.service("web1", "HTTP").current_notification_number, 2);
}

TEST(Notifications, IntervalZeroNotifiesOnce) {
    Harness h(shard({{{"notification_interval", "0"}}}));
    h.advance(1);
    h.set_result("web1", "HTTP", 2);
    h.check("web1", "HTTP", 2);
    h.advance(3 * 3600, 30);
    EXPECT_EQ(problems_to_admin(h), 1);
}

TEST(Notifications, FirstNotificationWaitsItsDelay) {
    Harness h(shard({{{"first_notification_delay", "5"}}}));
    h.advance(1);
    h.set_result("web1", "HTTP", 2);
    h.check("web1", "HTTP", 2);
    h.advance(4 * 60, 10);
    EXPECT_EQ(problems_to_admin(h), 0);
    h.advance(70, 10);
    EXPECT_EQ(problems_to_admin(h), 1);
}

TEST(Notifications, ARecoveryDuringTheDelayIsNotNotified) {
    Harness h(shard({{{"first_notification_delay", "5"}}}));
    h.advance(1);
    h.check("web1", "HTTP", 2);
    h.advance(60, 10, false);
    h.check("web1", "HTTP", 0);
    h.advance(10 * 60, 10);
    EXPECT_TRUE(h.notifications().empty());
}

TEST(Notifications, RecoveriesGoOnlyToNotifiedContacts) {
    ShardBuilder b;
    b.with_basics();
    b.contact("ops", {{"service_notification_period", "24x7"},
                      {"service_notification_options", "r"},
                      {"service_notification_commands", "notify"}});
    b.host("web1").service("web1", "HTTP",
                           {{"max_check_attempts", "1"}, {"contacts", "admin,ops"}});
    Harness h(b.build());
    h.advance(1);
    h.check("web1", "HTTP", 2);
    h.advance(1);
    auto problem = h.notifications();
    ASSERT_EQ(problem.size(), 1u);
    EXPECT_EQ(problem[0].contact, "admin");
    h.check("web1", "HTTP", 0);
    h.advance(1);
    auto recovery = h.notifications();
    ASSERT_EQ(recovery.size(), 1u);
    EXPECT_EQ(recovery[0].contact, "admin");
    EXPECT_EQ(recovery[0].type, "RECOVERY");
    EXPECT_EQ(h.service("web1", "HTTP").current_notification_number, 0);
    EXPECT_TRUE(h.service("web1", "HTTP").notified_contacts.empty());
}

model::Config escalated(Attributes escalation) {
    ShardBuilder b;
    b.with_basics();
    b.contact("boss", {{"service_notification_period", "24x7"},
                       {"service_notification_options", "w,u,c,r"},
                       {"service_notification_commands", "notify"}});
    b.escalation("to_boss", escalation);
    b.host("web1").service(
        "web1", "HTTP",
        {{"max_check_attempts", "1"}, {"notification_interval", "1"}, {"escalations", "to_boss"}});
    return b.build();
}

std::vector<std::string> recipients_over(Harness& h, int minutes) {
    std::vector<std::string> out;
    for (int i = 0; i < minutes; ++i) {
        h.advance(60, 10);
        for (const Sent& s : h.notifications()) {
            out.push_back(s.contact);
        }
    }
    return out;
}

TEST(Escalations, ByNotificationNumber) {
    Harness h(
        escalated({{"first_notification", "2"}, {"last_notification", "3"}, {"contacts", "boss"}}));
    h.advance(1);
    h.set_result("web1", "HTTP", 2);
    h.check("web1", "HTTP", 2);
    h.advance(1);
    std::vector<std::string> got;
    for (const Sent& s : h.notifications()) {
        got.push_back(s.contact);
    }
    auto later = recipients_over(h, 3);
    got.insert(got.end(), later.begin(), later.end());
    EXPECT_EQ(got, (std::vector<std::string>{"admin", "boss", "boss", "admin"}));
}

TEST(Escalations, ByTimeSinceTheProblemBegan) {
    Harness h(escalated(
        {{"first_notification_time", "3"}, {"last_notification_time", "0"}, {"contacts", "boss"}}));
    h.advance(1);
    h.set_result("web1", "HTTP", 2);
    h.check("web1", "HTTP", 2);
    h.advance(1);
    std::vector<std::string> got;
    for (const Sent& s : h.notifications()) {
        got.push_back(s.contact);
    }
    auto later = recipients_over(h, 4);
    got.insert(got.end(), later.begin(), later.end());
    ASSERT_EQ(got.size(), 5u);
    EXPECT_EQ(got[0], "admin");
    EXPECT_EQ(got[1], "admin");
    EXPECT_EQ(got.back(), "boss");
}

TEST(Escalations, OutsideTheirOptionsTheyDoNotApply) {
    Harness h(escalated({{"first_notification", "1"},
                         {"last_notification", "0"},
                         {"escalation_options", "w"},
                         {"contacts", "boss"}}));
    h.advance(1);
    h.check("web1", "HTTP", 2);
    h.advance(1);
    auto sent = h.notifications();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].contact, "admin");
}

TEST(Escalations, ASmallerEscalationIntervalWins) {
    ShardBuilder b;
    b.with_basics();
    b.contact("boss", {{"service_notification_period", "24x7"},
                       {"service_notification_options", "w,u,c,r"},
                       {"service_notification_commands", "notify"}});
    b.escalation("fast", {{"first_notification", "1"},
                          {"last_notification", "0"},
                          {"notification_interval", "2"},
                          {"contacts", "boss"}});
    b.host("web1").service(
        "web1", "HTTP",
        {{"max_check_attempts", "1"}, {"notification_interval", "60"}, {"escalations", "fast"}});
    Harness h(b.build());
    h.advance(1);
    h.set_result("web1", "HTTP", 2);
    h.check("web1", "HTTP", 2);
    h.advance(1);
    EXPECT_EQ(h.notifications().size(), 1u);
    EXPECT_EQ(recipients_over(h, 10).size(), 5u);  // every 2 minutes, not every hour
}

TEST(Notifications, CustomNotificationsAndTheirOptions) {
    Harness h(shard({}));
    h.advance(1);
    h.check("web1", "HTTP", 0, "OK");
    h.logs();
    h.command("SEND_CUSTOM_SVC_NOTIFICATION;web1;HTTP;0;alice;disk will fill up");
    h.advance(1);
    auto sent = h.notifications();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].type, "CUSTOM");
    EXPECT_EQ(count_containing(h.logs(),
                               "SERVICE NOTIFICATION: admin;web1;HTTP;CUSTOM (OK);notify;"
                               "OK;alice;disk will fill up"),
              1);
    EXPECT_EQ(h.service("web1", "HTTP").current_notification_number, 0);

    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + at(h) + ";" + at(h, 3600) + ";1;0;0;a;b");
    h.advance(1);
    h.notifications();
    h.command("SEND_CUSTOM_SVC_NOTIFICATION;web1;HTTP;0;alice;blocked by the downtime");
    h.advance(1);
    EXPECT_TRUE(h.notifications().empty());
    h.command("SEND_CUSTOM_SVC_NOTIFICATION;web1;HTTP;6;alice;forced and counted");
    h.advance(1);
    EXPECT_EQ(h.notifications().size(), 1u);
    EXPECT_EQ(h.service("web1", "HTTP").current_notification_number, 1);
}

TEST(Notifications, BroadcastReachesEscalationContactsToo) {
    Harness h(
        escalated({{"first_notification", "5"}, {"last_notification", "0"}, {"contacts", "boss"}}));
    h.advance(1);
    h.command("SEND_CUSTOM_SVC_NOTIFICATION;web1;HTTP;1;alice;everyone");
    h.advance(1);
    auto sent = h.notifications();
    EXPECT_EQ(sent.size(), 2u);
}

TEST(Notifications, AcknowledgementNotification) {
    Harness h(shard({}));
    h.advance(1);
    h.check("web1", "HTTP", 2, "down");
    h.advance(1);
    h.notifications();
    h.logs();
    h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;2;1;1;alice;looking into it");
    h.advance(1);
    auto sent = h.notifications();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].type, "ACKNOWLEDGEMENT");
    EXPECT_EQ(count_containing(h.logs(),
                               "SERVICE NOTIFICATION: admin;web1;HTTP;ACKNOWLEDGEMENT "
                               "(CRITICAL);notify;down;alice;looking into it"),
              1);
    h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;2;0;1;alice;quietly");
    h.advance(1);
    EXPECT_TRUE(h.notifications().empty());
}

TEST(Notifications, EveryWayOfAContactIsUsed) {
    ShardBuilder b;
    b.with_basics();
    b.notificationway("pager", {{"service_notification_period", "24x7"},
                                {"service_notification_options", "c"},
                                {"service_notification_commands", "page"},
                                {"host_notification_period", "24x7"},
                                {"host_notification_options", "d"},
                                {"host_notification_commands", "page"}});
    b.contact("oncall", {{"service_notification_period", "24x7"},
                         {"service_notification_options", "w,c,r"},
                         {"service_notification_commands", "notify"},
                         {"notificationways", "pager"},
                         {"pager", "555-1234"}});
    b.host("web1").service("web1", "HTTP", {{"max_check_attempts", "1"}, {"contacts", "oncall"}});
    Harness h(b.build());
    h.advance(1);
    h.check("web1", "HTTP", 1);  // WARNING: the pager way only takes CRITICAL
    h.advance(1);
    EXPECT_EQ(h.notifications().size(), 1u);
    h.check("web1", "HTTP", 2);
    h.advance(1);
    auto sent = h.notifications();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[1].command, "page 555-1234 PROBLEM");
}

TEST(Notifications, HostProblemsAreNotifiedWithTheHostLine) {
    ShardBuilder b;
    b.with_basics().host("web1", {{"check_command", "check_ok"}, {"max_check_attempts", "1"}});
    Harness h(b.build());
    h.advance(1);
    h.logs();
    h.check("web1", "", 2, "no ping");
    h.advance(1);
    auto sent = h.notifications();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].service, "");
    EXPECT_EQ(count_containing(h.logs(), "HOST NOTIFICATION: admin;web1;DOWN;notify;no ping"), 1);
}

}  // namespace
}  // namespace yagura::engine::test
