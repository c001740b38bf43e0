// Hosts: UP/DOWN/UNREACHABLE from plugin codes and parents, on-demand checks of parents,
// children and hosts as Nagios runs them, and the timestamps Livestatus shows.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace yagura::engine::test {
namespace {

using model::HostState;

// router <- switch <- web1 (web1's parent is switch, switch's is router), web1 has HTTP.
model::Config network(Attributes host_attrs = {}) {
    ShardBuilder b;
    b.with_basics();
    b.host("router", {{"check_command", "check_ok"}, {"max_check_attempts", "1"}});
    b.host("switch",
           {{"check_command", "check_ok"}, {"parents", "router"}, {"max_check_attempts", "1"}});
    b.host("web1",
           {{"check_command", "check_ok"}, {"parents", "switch"}, {"max_check_attempts", "1"}});
    auto cfg = b.service("web1", "HTTP", {{"max_check_attempts", "1"}}).build();
    for (auto& h : cfg.hosts) {
        for (const auto& [key, value] : host_attrs) {
            EXPECT_TRUE(model::set_attribute(h, key, value, cfg.pool).ok());
        }
    }
    return cfg;
}

TEST(Hosts, DownWithAParentUpIsDown) {
    Harness h(network());
    h.advance(1);
    h.check("web1", "", 2, "PING CRITICAL");
    EXPECT_EQ(h.host("web1").state, HostState::down);
    EXPECT_GT(h.host("web1").last_time_down, 0);
}

TEST(Hosts, DownBehindADownParentIsUnreachable) {
    Harness h(network());
    h.advance(1);
    h.set_result("router", "", 0);
    h.check("switch", "", 2);
    EXPECT_EQ(h.host("switch").state, HostState::down);
    h.check("web1", "", 2);
    EXPECT_EQ(h.host("web1").state, HostState::unreachable);
    EXPECT_GT(h.host("web1").last_time_unreachable, 0);
    EXPECT_EQ(h.host("web1").last_time_down, 0);
}

TEST(Hosts, AHostGoingDownHasItsParentsCheckedAtOnce) {
    Harness h(network());
    h.advance(1);
    h.set_result("web1", "", 2);
    h.command("SCHEDULE_FORCED_HOST_CHECK;web1;" + std::to_string(int(h.now())));
    h.engine().tick();
    auto checks = h.run_checks();
    bool switch_checked = false;
    for (const Action& a : checks) {
        switch_checked = switch_checked || a.host_name == "switch";
    }
    EXPECT_TRUE(switch_checked);
}

TEST(Hosts, AParentGoingDownHasItsChildrenCheckedAndUnreachable) {
    Harness h(network());
    h.advance(1);
    h.set_result("web1", "", 2);
    h.check("switch", "", 2);
    // The switch went down: web1 (not yet unreachable) was checked again, found down, and is
    // UNREACHABLE as its parent is down.
    EXPECT_EQ(h.host("web1").state, HostState::unreachable);
}

TEST(Hosts, WarningFromAHostCheckIsUpUnlessAggressive) {
    {
        Harness h(network());
        h.advance(1);
        h.check("web1", "", 1);
        EXPECT_EQ(h.host("web1").state, HostState::up);
    }
    {
        ShardBuilder b;
        b.with_basics().global("use_aggressive_host_checking", "1");
        b.host("web1", {{"check_command", "check_ok"}, {"max_check_attempts", "1"}});
        Harness h(b.build());
        h.advance(1);
        h.check("web1", "", 1);
        EXPECT_EQ(h.host("web1").state, HostState::down);
    }
}

TEST(Hosts, AServiceProblemHasItsHostChecked) {
    Harness h(network());
    h.advance(1);
    const double host_checked = h.host("web1").last_chk;
    h.advance(5);
    h.check("web1", "HTTP", 2);
    EXPECT_GT(h.host("web1").last_chk, host_checked);
}

TEST(Hosts, ServicesOfADownHostAreNotNotified) {
    Harness h(network());
    h.advance(1);
    h.set_result("web1", "", 2);
    h.check("web1", "HTTP", 2);
    EXPECT_EQ(h.host("web1").state, HostState::down);
    std::vector<std::string> services_notified;
    for (const Sent& n : h.notifications()) {
        if (!n.service.empty()) {
            services_notified.push_back(n.service);
        }
    }
    EXPECT_TRUE(services_notified.empty());
}

TEST(Hosts, HostAlertLineHasNagiosFormat) {
    Harness h(network());
    h.advance(1);
    h.logs();
    h.check("web1", "", 2, "PING CRITICAL - Packet loss = 100%");
    auto logs = h.logs();
    EXPECT_EQ(
        count_containing(logs, "HOST ALERT: web1;DOWN;HARD;1;PING CRITICAL - Packet loss = 100%"),
        1);
}

TEST(Hosts, TimestampsFollowTheStates) {
    Harness h(network({{"max_check_attempts", "2"}}));
    h.advance(1);
    h.check("web1", "", 0);
    const double t0 = h.now();
    EXPECT_DOUBLE_EQ(h.host("web1").last_time_up, t0);
    h.advance(10, 10, false);
    h.check("web1", "", 2);  // SOFT DOWN
    const double t1 = h.now();
    EXPECT_DOUBLE_EQ(h.host("web1").last_state_change, t1);
    EXPECT_EQ(h.host("web1").state_type, model::StateType::soft);
    const double hard_before = h.host("web1").last_hard_state_change;
    h.advance(10, 10, false);
    h.check("web1", "", 2);  // HARD DOWN
    const double t2 = h.now();
    const model::Host& host = h.host("web1");
    EXPECT_EQ(host.state_type, model::StateType::hard);
    EXPECT_DOUBLE_EQ(host.last_state_change, t1);  // no change since the soft one
    EXPECT_DOUBLE_EQ(host.last_hard_state_change, t2);
    EXPECT_NE(hard_before, t2);
    EXPECT_DOUBLE_EQ(host.last_chk, t2);
    EXPECT_DOUBLE_EQ(host.last_state_update, t2);
    EXPECT_DOUBLE_EQ(host.last_time_up, t0);
    EXPECT_DOUBLE_EQ(host.last_time_down, t2);
    EXPECT_TRUE(host.has_been_checked);
    EXPECT_EQ(host.last_state, HostState::down);
    EXPECT_EQ(host.last_hard_state, HostState::down);
}

}  // namespace
}  // namespace yagura::engine::test

namespace yagura::engine::test {
namespace {

TEST(Hosts, PassiveHostResultsSayTheStateItself) {
    Harness h(network());
    h.advance(1);
    h.command("PROCESS_HOST_CHECK_RESULT;web1;1;down by NSCA");
    EXPECT_EQ(h.host("web1").state, HostState::down);  // 1 is DOWN for a passive host result
    h.advance(1);
    h.command("PROCESS_HOST_CHECK_RESULT;web1;2;behind a dead link");
    EXPECT_EQ(h.host("web1").state, HostState::unreachable);
    h.advance(1);
    EXPECT_EQ(h.try_command("PROCESS_HOST_CHECK_RESULT;web1;3;what").status,
              CommandOutcome::Status::rejected);
    EXPECT_EQ(h.host("web1").state, HostState::unreachable);
    h.command("PROCESS_HOST_CHECK_RESULT;web1;0;back");
    EXPECT_EQ(h.host("web1").state, HostState::up);
    EXPECT_EQ(h.host("web1").check_type, model::CheckType::passive);
}

TEST(Hosts, ServicesTakeTheirHostsPollerTag) {
    ShardBuilder b;
    b.with_basics().host("dmz1", {{"poller_tag", "DMZ"}});
    b.service("dmz1", "HTTP");
    Harness h(b.build());
    h.advance(400, 1, false);
    std::vector<Action> untagged;
    h.engine().take_actions(WorkerRequest{}, untagged);
    EXPECT_TRUE(untagged.empty());
    WorkerRequest dmz;
    dmz.poller_tags = {"DMZ"};
    std::vector<Action> got;
    h.engine().take_actions(dmz, got);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].service_description, "HTTP");
}

}  // namespace
}  // namespace yagura::engine::test
