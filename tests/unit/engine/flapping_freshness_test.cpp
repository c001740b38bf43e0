// Flap detection, freshness of passive results and dependencies.
#include <gtest/gtest.h>

#include "../../../src/engine/flapping.hpp"
#include "harness.hpp"

namespace yagura::engine::test {
namespace {

TEST(Flapping, WeightsGoFromPointEightToOnePointTwo) {
    model::FlapHistory newest_only;
    for (int i = 0; i < 19; ++i) {
        newest_only.push(false, 20);
    }
    newest_only.push(true, 20);
    EXPECT_NEAR(detail::percent_state_change(newest_only, 20), 1.2 * 100 / 20, 1e-9);
    model::FlapHistory oldest_only;
    oldest_only.push(true, 20);
    for (int i = 0; i < 19; ++i) {
        oldest_only.push(false, 20);
    }
    EXPECT_NEAR(detail::percent_state_change(oldest_only, 20), 0.8 * 100 / 20, 1e-9);
    model::FlapHistory all;
    for (int i = 0; i < 20; ++i) {
        all.push(true, 20);
    }
    EXPECT_NEAR(detail::percent_state_change(all, 20), 100, 1e-9);
}

model::Config one_service(Attributes attrs = {}) {
    ShardBuilder b;
    b.with_basics().host("web1");
    b.service("web1", "HTTP", {{"max_check_attempts", "1"}});
    auto cfg = b.build();
    for (const auto& [key, value] : attrs) {
        EXPECT_TRUE(model::set_attribute(cfg.services[0], key, value, cfg.pool).ok());
    }
    return cfg;
}

TEST(Flapping, StartsStopsAndTellsEveryone) {
    Harness h(one_service());
    h.advance(1);
    h.logs();
    int i = 0;
    while (!h.service("web1", "HTTP").is_flapping && i < 30) {
        h.check("web1", "HTTP", i++ % 2 == 0 ? 2 : 0);
    }
    const model::Service& s = h.service("web1", "HTTP");
    ASSERT_TRUE(s.is_flapping);
    EXPECT_GE(s.percent_state_change, 30);  // the global high_service_flap_threshold
    auto logs = h.logs();
    EXPECT_EQ(count_containing(logs,
                               "SERVICE FLAPPING ALERT: web1;HTTP;STARTED; Service appears "
                               "to have started flapping ("),
              1);
    ASSERT_EQ(s.comments.size(), 1u);
    EXPECT_EQ(s.comments[0].entry_type, model::CommentEntryType::flapping);
    h.advance(1);
    int starts = 0;
    for (const Sent& n : h.notifications()) {
        starts += n.type == "FLAPPINGSTART";
    }
    EXPECT_EQ(starts, 1);

    // Flapping: problems are not notified.
    h.check("web1", "HTTP", 2);
    h.advance(1);
    for (const Sent& n : h.notifications()) {
        EXPECT_NE(n.type, "PROBLEM");
    }
    // Steady OK results bring the weighted changes down below the low threshold.
    for (int k = 0; k < 25 && s.is_flapping; ++k) {
        h.check("web1", "HTTP", 0);
    }
    EXPECT_FALSE(s.is_flapping);
    EXPECT_LE(s.percent_state_change, 20);
    EXPECT_TRUE(s.comments.empty());
    EXPECT_EQ(count_containing(h.logs(),
                               "SERVICE FLAPPING ALERT: web1;HTTP;STOPPED; Service "
                               "appears to have stopped flapping ("),
              1);
    h.advance(1);
    int stops = 0;
    for (const Sent& n : h.notifications()) {
        stops += n.type == "FLAPPINGSTOP";
    }
    EXPECT_EQ(stops, 1);
}

TEST(Flapping, DisablingDetectionStopsItWithItsOwnNotice) {
    Harness h(one_service());
    h.advance(1);
    for (int i = 0; i < 30 && !h.service("web1", "HTTP").is_flapping; ++i) {
        h.check("web1", "HTTP", i % 2 == 0 ? 2 : 0);
    }
    ASSERT_TRUE(h.service("web1", "HTTP").is_flapping);
    h.logs();
    h.advance(1);
    h.notifications();
    h.command("DISABLE_SVC_FLAP_DETECTION;web1;HTTP");
    EXPECT_FALSE(h.service("web1", "HTTP").is_flapping);
    EXPECT_EQ(count_containing(h.logs(),
                               "SERVICE FLAPPING ALERT: web1;HTTP;DISABLED; Flap "
                               "detection has been disabled"),
              1);
    h.advance(1);
    bool disabled = false;
    for (const Sent& n : h.notifications()) {
        disabled = disabled || n.type == "FLAPPINGDISABLED";
    }
    EXPECT_TRUE(disabled);
}

TEST(Flapping, SoftProblemsAreNotRecorded) {
    Harness h(one_service({{"max_check_attempts", "5"}}));
    h.advance(1);
    for (int i = 0; i < 3; ++i) {
        h.check("web1", "HTTP", 2);  // SOFT
        h.check("web1", "HTTP", 0);  // soft recovery: recorded, but no change from OK
    }
    EXPECT_EQ(h.service("web1", "HTTP").percent_state_change, 0);
}

model::Config passive(Attributes attrs) {
    ShardBuilder b;
    b.with_basics().host("web1");
    b.service("web1", "backup", {{"active_checks_enabled", "0"}, {"check_freshness", "1"}});
    for (const auto& [key, value] : attrs) {  // before build(): check_period is linked
        EXPECT_TRUE(model::set_attribute(b.config().services[0], key, value, b.config().pool).ok());
    }
    return b.build();
}

int checks_of(const std::vector<Action>& actions, std::string_view service) {
    int n = 0;
    for (const Action& a : actions) {
        n += a.service_description == service;
    }
    return n;
}

TEST(Freshness, StaleResultsRunTheCheckCommand) {
    Harness h(passive({{"freshness_threshold", "600"}}));
    int checks = 0;
    h.logs();
    for (int t = 0; t < 610; ++t) {
        h.clock().advance(1);
        h.engine().tick();
        checks += checks_of(h.run_checks(), "backup");
    }
    EXPECT_EQ(checks, 0);
    for (int t = 0; t < 20; ++t) {
        h.clock().advance(1);
        h.engine().tick();
        checks += checks_of(h.run_checks(), "backup");
    }
    EXPECT_EQ(checks, 1);  // 600 s + additional_freshness_latency 15 s after the start
    EXPECT_EQ(count_containing(h.logs(),
                               "Warning: The results of service 'backup' on host 'web1' "
                               "are stale by 0d 0h 0m"),
              1);
}

TEST(Freshness, FreshPassiveResultsKeepTheCheckAway) {
    Harness h(passive({{"freshness_threshold", "600"}}));
    int checks = 0;
    for (int minute = 0; minute < 60; ++minute) {
        h.command("PROCESS_SERVICE_CHECK_RESULT;web1;backup;0;backup done");
        for (int t = 0; t < 60; ++t) {
            h.clock().advance(1);
            h.engine().tick();
            checks += checks_of(h.run_checks(), "backup");
        }
    }
    EXPECT_EQ(checks, 0);
    EXPECT_EQ(h.service("web1", "backup").check_type, model::CheckType::passive);
}

TEST(Freshness, OnlyInsideTheCheckPeriod) {
    Harness h(passive({{"freshness_threshold", "60"}, {"check_period", "never"}}));
    int checks = 0;
    for (int t = 0; t < 600; ++t) {
        h.clock().advance(1);
        h.engine().tick();
        checks += checks_of(h.run_checks(), "backup");
    }
    EXPECT_EQ(checks, 0);
}

TEST(Freshness, DisabledProgramWide) {
    Harness h(passive({{"freshness_threshold", "60"}}));
    h.command("DISABLE_SERVICE_FRESHNESS_CHECKS");
    int checks = 0;
    for (int t = 0; t < 300; ++t) {
        h.clock().advance(1);
        h.engine().tick();
        checks += checks_of(h.run_checks(), "backup");
    }
    EXPECT_EQ(checks, 0);
}

model::Config dependent_services(std::string_view execution, std::string_view notification,
                                 std::string_view period = "", bool inherits = false) {
    ShardBuilder b;
    b.with_basics().host("web1");
    b.service("web1", "DB", {{"max_check_attempts", "1"}});
    b.service("web1", "APP", {{"max_check_attempts", "1"}});
    b.service("web1", "WEB", {{"max_check_attempts", "1"}});
    // APP depends on DB.
    b.servicedependency({{"host_name", "web1"},
                         {"service_description", "DB"},
                         {"dependent_host_name", "web1"},
                         {"dependent_service_description", "APP"},
                         {"execution_failure_criteria", execution},
                         {"notification_failure_criteria", notification}});
    if (!period.empty()) {
        EXPECT_TRUE(model::set_attribute(b.config().servicedependencies[0], "dependency_period",
                                         period, b.config().pool)
                        .ok());
    }
    // WEB depends on APP, inheriting APP's own dependencies when asked.
    b.servicedependency({{"host_name", "web1"},
                         {"service_description", "APP"},
                         {"dependent_host_name", "web1"},
                         {"dependent_service_description", "WEB"},
                         {"notification_failure_criteria", "c"},
                         {"inherits_parent", inherits ? "1" : "0"}});
    return b.build();
}

TEST(Dependencies, ExecutionFailureCriteriaSkipTheDependentsChecks) {
    Harness h(dependent_services("c", "n"));
    h.advance(1);
    h.set_result("web1", "DB", 2);
    h.check("web1", "DB", 2);
    const double before = h.service("web1", "APP").last_chk;
    h.advance(1800, 10);
    EXPECT_EQ(h.service("web1", "APP").last_chk, before);
    EXPECT_GT(h.engine().stats()["checks"]["skipped_by_dependencies"].get<int>(), 0);
    h.set_result("web1", "DB", 0);
    h.check("web1", "DB", 0);
    h.advance(900, 10);
    EXPECT_GT(h.service("web1", "APP").last_chk, before);
}

TEST(Dependencies, NotificationFailureCriteriaSilenceTheDependent) {
    Harness h(dependent_services("n", "c"));
    h.advance(1);
    h.check("web1", "DB", 2);
    h.advance(1);
    h.notifications();
    h.check("web1", "APP", 2);
    h.advance(1);
    EXPECT_TRUE(h.notifications().empty());
}

TEST(Dependencies, OutsideTheDependencyPeriodTheyDoNotApply) {
    Harness h(dependent_services("n", "c", "never"));
    h.advance(1);
    h.check("web1", "DB", 2);
    h.advance(1);
    h.notifications();
    h.check("web1", "APP", 2);
    h.advance(1);
    EXPECT_EQ(h.notifications().size(), 1u);
}

TEST(Dependencies, InheritsParentFollowsTheChain) {
    for (bool inherits : {false, true}) {
        Harness h(dependent_services("n", "c", "", inherits));
        h.advance(1);
        h.check("web1", "DB", 2);  // APP's notifications fail; APP itself stays OK
        h.check("web1", "APP", 0);
        h.advance(1);
        h.notifications();
        h.check("web1", "WEB", 2);
        h.advance(1);
        EXPECT_EQ(h.notifications().empty(), inherits) << "inherits_parent " << inherits;
    }
}

}  // namespace
}  // namespace yagura::engine::test
