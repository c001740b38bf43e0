// When checks run, who gets them, what comes back: docs/scheduler.md, "Scheduling".
#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "harness.hpp"

namespace yagura::engine::test {
namespace {

model::Config services(int count, Attributes attrs = {}) {
    ShardBuilder b;
    b.with_basics().host("web1");  // internal host check: pollers only see the services
    for (int i = 0; i < count; ++i) {
        b.service("web1", "svc" + std::to_string(i), attrs);
    }
    return b.build();
}

std::vector<Action> take(Harness& h, WorkerRequest request = {}) {
    std::vector<Action> out;
    h.engine().take_actions(request, out);
    return out;
}

TEST(Scheduling, FirstChecksAreSpreadOverTheirInterval) {
    Harness h(services(200));
    h.engine().tick();
    std::set<long long> seconds;
    for (int i = 0; i < 200; ++i) {
        const model::Service& s = h.service("web1", "svc" + std::to_string(i));
        EXPECT_GE(s.next_chk, kStart);
        EXPECT_LE(s.next_chk, kStart + 300);  // min(check_interval 5 min, spread 30 min)
        seconds.insert(static_cast<long long>(s.next_chk));
    }
    EXPECT_GT(seconds.size(), 150u);  // spread, not all at once
}

TEST(Scheduling, SpreadWindowIsTheMaxCheckSpreadWhenShorter) {
    ShardBuilder b;
    b.with_basics().global("max_service_check_spread", "1").host("web1");
    for (int i = 0; i < 50; ++i) {
        b.service("web1", "svc" + std::to_string(i), {{"check_interval", "60"}});
    }
    Harness h(b.build());
    h.engine().tick();
    for (int i = 0; i < 50; ++i) {
        EXPECT_LE(h.service("web1", "svc" + std::to_string(i)).next_chk, kStart + 60);
    }
}

TEST(Scheduling, TheSameSeedGivesTheSameSchedule) {
    auto first_checks = [](std::uint64_t seed) {
        EngineSettings settings;
        settings.seed = seed;
        Harness h(services(20), settings);
        h.engine().tick();
        std::vector<double> out;
        for (int i = 0; i < 20; ++i) {
            out.push_back(h.service("web1", "svc" + std::to_string(i)).next_chk);
        }
        return out;
    };
    EXPECT_EQ(first_checks(7), first_checks(7));
    EXPECT_NE(first_checks(7), first_checks(8));
}

TEST(Scheduling, ChecksFollowCheckIntervalFromTheirDueTime) {
    Harness h(services(1));
    h.advance(301, 1, false);
    auto first = take(h);
    ASSERT_EQ(first.size(), 1u);
    const double due = first[0].t_to_go;
    // The poller answers 20 s late: the next check keeps its rhythm anyway.
    h.clock().set(due + 20);
    ActionResult r;
    r.id = first[0].id;
    r.exit_status = 0;
    r.output = "OK";
    r.start_time = due + 20;
    h.engine().put_results({&r, 1});
    EXPECT_DOUBLE_EQ(h.service("web1", "svc0").next_chk, due + 300);
    EXPECT_DOUBLE_EQ(h.service("web1", "svc0").latency, 20);
}

TEST(Scheduling, SoftProblemsAreRetriedAtRetryInterval) {
    Harness h(services(1, {{"retry_interval", "2"}}));
    h.advance(1);
    h.check("web1", "svc0", 2);
    const model::Service& s = h.service("web1", "svc0");
    EXPECT_EQ(s.state_type, model::StateType::soft);
    EXPECT_DOUBLE_EQ(s.next_chk, h.now() + 120);
}

TEST(Scheduling, ChecksWaitForTheirCheckPeriod) {
    ShardBuilder b;
    b.with_basics().host("web1").service("web1", "svc0", {{"check_period", "never"}});
    b.service("web1", "svc1", {{"check_period", "24x7"}});
    Harness h(b.build());
    h.advance(3600);
    EXPECT_FALSE(h.service("web1", "svc0").has_been_checked);  // never: no time to run
    EXPECT_TRUE(h.service("web1", "svc1").has_been_checked);
}

TEST(Scheduling, PassiveOnlyServicesAreNotScheduled) {
    Harness h(services(1, {{"active_checks_enabled", "0"}}));
    h.advance(3600);
    EXPECT_FALSE(h.service("web1", "svc0").has_been_checked);
}

TEST(Scheduling, ProgramWideSwitchStopsChecks) {
    Harness h(services(3));
    h.command("STOP_EXECUTING_SVC_CHECKS");
    h.advance(600);
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(h.service("web1", "svc" + std::to_string(i)).has_been_checked);
    }
    h.command("START_EXECUTING_SVC_CHECKS");
    h.advance(600);
    for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(h.service("web1", "svc" + std::to_string(i)).has_been_checked);
    }
}

TEST(Scheduling, ForcedChecksRunWithActiveChecksDisabled) {
    Harness h(services(1, {{"active_checks_enabled", "0"}}));
    h.advance(1);
    auto refused = h.try_command("SCHEDULE_SVC_CHECK;web1;svc0;" + std::to_string(int(h.now())));
    EXPECT_EQ(refused.status, CommandOutcome::Status::rejected);
    h.command("SCHEDULE_FORCED_SVC_CHECK;web1;svc0;" + std::to_string(int(h.now()) + 10));
    h.advance(5);
    EXPECT_FALSE(h.service("web1", "svc0").has_been_checked);
    h.advance(10);
    EXPECT_TRUE(h.service("web1", "svc0").has_been_checked);
}

TEST(Scheduling, AnEarlierCheckRequestWinsALaterOneDoesNot) {
    Harness h(services(1));
    h.engine().tick();
    const double planned = h.service("web1", "svc0").next_chk;
    h.command("SCHEDULE_SVC_CHECK;web1;svc0;" + std::to_string(int(planned) + 1000));
    EXPECT_DOUBLE_EQ(h.service("web1", "svc0").next_chk, planned);
    h.command("SCHEDULE_SVC_CHECK;web1;svc0;" + std::to_string(int(h.now())));
    EXPECT_DOUBLE_EQ(h.service("web1", "svc0").next_chk, std::floor(h.now()));
}

TEST(Scheduling, OrphanedChecksAreHandedOutAgain) {
    Harness h(services(1));
    h.advance(301, 1, false);
    auto first = take(h);
    ASSERT_EQ(first.size(), 1u);
    // The poller dies with the check: 300 s later (time_to_orphanage) and at the next
    // orphan scan it is ready again, under a new id.
    h.advance(200, 1, false);
    EXPECT_TRUE(take(h).empty());
    h.advance(200, 1, false);
    auto again = take(h);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_NE(again[0].id, first[0].id);
    EXPECT_EQ(h.engine().stats()["checks"]["orphaned"], 1);
    ActionResult late;
    late.id = first[0].id;
    late.exit_status = 2;
    auto summary = h.engine().put_results({&late, 1});
    EXPECT_EQ(summary.unknown, 1u);
    EXPECT_FALSE(h.service("web1", "svc0").has_been_checked);
}

TEST(Scheduling, AShortTimeToOrphanageIsHonouredWithinSeconds) {
    // Orphans are looked for every minute, or as often as the shortest time_to_orphanage:
    // a 5 s one sends a check lost with its poller back within about 10 s, not 60.
    Harness h(services(1, {{"time_to_orphanage", "5"}}));
    h.advance(301, 1, false);
    auto first = take(h);
    ASSERT_EQ(first.size(), 1u);
    h.advance(3, 1, false);
    EXPECT_TRUE(take(h).empty());  // still in flight
    h.advance(8, 1, false);
    auto again = take(h);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_NE(again[0].id, first[0].id);
    EXPECT_EQ(h.engine().stats()["checks"]["orphaned"], 1);
}

TEST(Scheduling, ResultsForUnknownIdsAreCountedAndIgnored) {
    Harness h(services(1));
    ActionResult bogus;
    bogus.id = "12345";
    ActionResult garbage;
    garbage.id = "not-a-number";
    std::vector<ActionResult> results{bogus, garbage};
    auto summary = h.engine().put_results(results);
    EXPECT_EQ(summary.accepted, 0u);
    EXPECT_EQ(summary.unknown, 2u);
    EXPECT_EQ(h.engine().stats()["results"]["unknown_ids"], 2);
}

TEST(Scheduling, PollerTagsRouteChecksExactly) {
    ShardBuilder b;
    b.with_basics().command("check_dmz", "check_dmz", {{"poller_tag", "DMZ"}});
    b.host("web1");
    b.service("web1", "plain");
    b.service("web1", "own", {{"poller_tag", "DMZ"}});
    b.service("web1", "by_command", {{"check_command", "check_dmz"}});
    b.service("web1", "other", {{"poller_tag", "DMZ2"}});
    Harness h(b.build());
    h.advance(400, 1, false);
    WorkerRequest dmz;
    dmz.poller_tags = {"DMZ"};
    std::set<std::string> got;
    for (const Action& a : take(h, dmz)) {
        got.insert(std::string(a.service_description));
    }
    EXPECT_EQ(got, (std::set<std::string>{"own", "by_command"}));  // not "other": exact match
    WorkerRequest untagged;
    got.clear();
    for (const Action& a : take(h, untagged)) {
        got.insert(std::string(a.service_description));
    }
    EXPECT_EQ(got, (std::set<std::string>{"plain"}));  // and the host has an internal check
}

TEST(Scheduling, ModuleTypesRouteChecks) {
    ShardBuilder b;
    b.with_basics().command("check_nrpe", "check_nrpe", {{"module_type", "nrpe_booster"}});
    b.host("web1").service("web1", "nrpe", {{"check_command", "check_nrpe"}});
    Harness h(b.build());
    h.advance(400, 1, false);
    EXPECT_TRUE(take(h).empty());
    WorkerRequest booster;
    booster.module_types = {"fork", "nrpe_booster"};
    auto got = take(h, booster);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].module_type, "nrpe_booster");
}

TEST(Scheduling, HigherPriorityChecksGoFirstThenEarlierOnes) {
    ShardBuilder b;
    b.with_basics().host("web1");
    // Active checks off: only the forced checks below run, at the times they give.
    b.service("web1", "late_low", {{"priority", "100"}, {"active_checks_enabled", "0"}});
    b.service("web1", "urgent", {{"priority", "10"}, {"active_checks_enabled", "0"}});
    b.service("web1", "early_low", {{"priority", "100"}, {"active_checks_enabled", "0"}});
    Harness h(b.build());
    h.advance(1, 1, false);
    double t = h.now() + 60;
    h.command("SCHEDULE_FORCED_SVC_CHECK;web1;late_low;" + std::to_string(int(t)));
    h.command("SCHEDULE_FORCED_SVC_CHECK;web1;urgent;" + std::to_string(int(t) + 5));
    h.command("SCHEDULE_FORCED_SVC_CHECK;web1;early_low;" + std::to_string(int(t) - 5));
    h.advance(70, 1, false);
    WorkerRequest one;
    one.max_actions = 1;
    std::vector<std::string> order;
    for (int i = 0; i < 3; ++i) {
        auto got = take(h, one);
        ASSERT_EQ(got.size(), 1u);
        order.emplace_back(got[0].service_description);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"urgent", "early_low", "late_low"}));
}

TEST(Scheduling, HostsWithoutCheckCommandAreUpWithoutAPoller) {
    ShardBuilder b;
    b.with_basics().host("router", {{"check_interval", "5"}});
    Harness h(b.build());
    h.advance(301, 1, false);
    const model::Host& r = h.host("router");
    EXPECT_EQ(r.state, model::HostState::up);
    EXPECT_EQ(r.output.view(), "Host assumed to be UP");
    EXPECT_GE(h.engine().stats()["checks"]["internal"].get<int>(), 1);
}

TEST(Scheduling, CommandLinesAreExpanded) {
    Harness h(services(1, {{"check_command", "check_svc!2"}}));
    h.advance(301, 1, false);
    auto got = take(h);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].command, "/usr/lib/nagios/plugins/check_dummy 2 10.0.0.1 svc0");
    EXPECT_EQ(got[0].kind, ActionKind::check);
    EXPECT_DOUBLE_EQ(got[0].timeout, 60);  // service_check_timeout
    EXPECT_EQ(got[0].host_name, "web1");
}

TEST(Scheduling, NextWakeupIsTheNextDueCheck) {
    Harness h(services(5));
    h.engine().tick();
    double earliest = 1e300;
    for (int i = 0; i < 5; ++i) {
        earliest = std::min(earliest, h.service("web1", "svc" + std::to_string(i)).next_chk);
    }
    EXPECT_DOUBLE_EQ(h.engine().next_wakeup(), std::min(earliest, h.host("web1").next_chk));
}

TEST(Scheduling, LongPollSeesDueChecks) {
    Harness h(services(1));
    h.engine().tick();
    WorkerRequest request;
    EXPECT_FALSE(h.engine().has_actions(request));
    h.clock().set(h.service("web1", "svc0").next_chk);
    EXPECT_TRUE(h.engine().has_actions(request));
}

TEST(Scheduling, TimedOutChecksTakeTimeoutExitStatus) {
    Harness h(services(1, {{"max_check_attempts", "1"}}));
    h.advance(301, 1, false);
    auto got = take(h);
    ASSERT_EQ(got.size(), 1u);
    ActionResult r;
    r.id = got[0].id;
    r.exit_status = 0;
    r.timed_out = true;
    r.execution_time = 60;
    h.engine().put_results({&r, 1});
    const model::Service& s = h.service("web1", "svc0");
    EXPECT_EQ(s.state, model::ServiceState::critical);  // timeout_exit_status 2
    EXPECT_EQ(s.output.view(), "(Service Check Timed Out)");
    EXPECT_DOUBLE_EQ(s.execution_time, 60);
}

TEST(Scheduling, ExitCodesOutOfBoundsAreUnknown) {
    Harness h(services(1, {{"max_check_attempts", "1"}}));
    h.advance(1);
    h.check("web1", "svc0", 7, "segfault");
    const model::Service& s = h.service("web1", "svc0");
    EXPECT_EQ(s.state, model::ServiceState::unknown);
    EXPECT_EQ(s.output.view(), "(Return code of 7 is out of bounds) segfault");
}

}  // namespace
}  // namespace yagura::engine::test
