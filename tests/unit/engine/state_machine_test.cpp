// The SOFT/HARD machine of docs/scheduler.md, "States": one test per row of the table, driven
// by active check results through a fake poller.
#include <gtest/gtest.h>

#include "harness.hpp"

namespace yagura::engine::test {
namespace {

using model::ServiceState;
using model::StateType;

model::Config one_service(Attributes service_attrs = {}) {
    ShardBuilder b;
    b.with_basics().host("web1", {{"check_command", "check_ok"}});
    b.service("web1", "HTTP", {{"event_handler", "handler"}, {"event_handler_enabled", "1"}});
    auto cfg = b.build();
    for (const auto& [key, value] : service_attrs) {
        auto r = model::set_attribute(cfg.services[0], key, value, cfg.pool);
        EXPECT_TRUE(r.ok()) << r.message;
    }
    return cfg;
}

struct Row {
    const char* name;
    int max_attempts;
    bool is_volatile;
    std::vector<int> results;  // service exit codes, in order
    ServiceState state;
    StateType type;
    int attempt;
    // What the last result did:
    int alerts;                         // SERVICE ALERT lines
    int handlers;                       // event handlers run
    std::vector<std::string> notified;  // notification types sent
};

class Transition : public ::testing::TestWithParam<Row> {};

TEST_P(Transition, LastResultDoesWhatTheTableSays) {
    const Row& row = GetParam();
    Harness h(one_service({{"max_check_attempts", std::to_string(row.max_attempts)},
                           {"is_volatile", row.is_volatile ? "1" : "0"}}));
    h.advance(1);
    for (std::size_t i = 0; i + 1 < row.results.size(); ++i) {
        h.check("web1", "HTTP", row.results[i]);
    }
    h.logs();
    h.notifications();
    h.event_handlers();

    h.check("web1", "HTTP", row.results.back());
    const model::Service& s = h.service("web1", "HTTP");
    EXPECT_EQ(s.state, row.state);
    EXPECT_EQ(s.state_type, row.type);
    EXPECT_EQ(s.attempt, row.attempt);
    auto logs = h.logs();
    EXPECT_EQ(count_containing(logs, "SERVICE ALERT: web1;HTTP;"), row.alerts);
    std::vector<std::string> types;
    for (const Sent& n : h.notifications()) {
        types.push_back(n.type);
    }
    EXPECT_EQ(types, row.notified);
    EXPECT_EQ(static_cast<int>(h.event_handlers().size()), row.handlers);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Transition,
    ::testing::Values(
        Row{"ok_to_ok", 3, false, {0, 0}, ServiceState::ok, StateType::hard, 1, 0, 0, {}},
        Row{"first_problem_is_soft",
            3,
            false,
            {0, 2},
            ServiceState::critical,
            StateType::soft,
            1,
            1,
            1,
            {}},
        Row{"soft_problem_retries",
            3,
            false,
            {0, 2, 2},
            ServiceState::critical,
            StateType::soft,
            2,
            1,
            1,
            {}},
        Row{"last_attempt_is_hard_and_notifies",
            3,
            false,
            {0, 2, 2, 2},
            ServiceState::critical,
            StateType::hard,
            3,
            1,
            1,
            {"PROBLEM"}},
        Row{"hard_problem_goes_on_quietly",
            3,
            false,
            {0, 2, 2, 2, 2},
            ServiceState::critical,
            StateType::hard,
            3,
            0,
            0,
            {}},
        Row{"hard_recovery_notifies",
            3,
            false,
            {0, 2, 2, 2, 0},
            ServiceState::ok,
            StateType::hard,
            1,
            1,
            1,
            {"RECOVERY"}},
        Row{"soft_recovery_does_not_notify",
            3,
            false,
            {0, 2, 0},
            ServiceState::ok,
            StateType::hard,
            1,
            1,
            1,
            {}},
        Row{"hard_change_between_problems_notifies",
            3,
            false,
            {0, 1, 1, 1, 2},
            ServiceState::critical,
            StateType::hard,
            3,
            1,
            1,
            {"PROBLEM"}},
        Row{"critical_unknown_is_not_a_new_problem",
            3,
            false,
            {0, 2, 2, 2, 3},
            ServiceState::unknown,
            StateType::hard,
            3,
            0,
            0,
            {}},
        Row{"back_to_critical_after_unknown_is_not_either",
            3,
            false,
            {0, 2, 2, 2, 3, 2},
            ServiceState::critical,
            StateType::hard,
            3,
            0,
            0,
            {}},
        Row{"one_attempt_is_hard_at_once",
            1,
            false,
            {0, 2},
            ServiceState::critical,
            StateType::hard,
            1,
            1,
            1,
            {"PROBLEM"}},
        Row{"volatile_notifies_every_problem",
            3,
            true,
            {0, 2, 2},
            ServiceState::critical,
            StateType::hard,
            1,
            1,
            1,
            {"PROBLEM"}},
        Row{"pending_to_problem_is_soft",
            3,
            false,
            {2},
            ServiceState::critical,
            StateType::soft,
            1,
            1,
            1,
            {}}),
    [](const auto& test_info) { return std::string(test_info.param.name); });

}  // namespace
}  // namespace yagura::engine::test

namespace yagura::engine::test {
namespace {

TEST(EventHandlers, GlobalThenOwnHandlerWithTheStateOfTheMoment) {
    ShardBuilder b;
    b.with_basics().global("global_service_event_handler", "handler");
    b.command("restart", "restart $SERVICEDESC$ $SERVICESTATE$ $SERVICESTATETYPE$ $SERVICEATTEMPT$",
              {{"reactionner_tag", "None"}});
    b.host("web1");
    b.service("web1", "HTTP", {{"event_handler", "restart"}, {"event_handler_enabled", "1"}});
    Harness h(b.build());
    h.advance(1);
    h.logs();
    h.check("web1", "HTTP", 2);
    auto handlers = h.event_handlers();
    ASSERT_EQ(handlers.size(), 2u);
    EXPECT_EQ(handlers[0], "handler web1 HTTP CRITICAL");
    EXPECT_EQ(handlers[1], "restart HTTP CRITICAL SOFT 1");
    auto logs = h.logs();
    EXPECT_EQ(
        count_containing(logs, "GLOBAL SERVICE EVENT HANDLER: web1;HTTP;CRITICAL;SOFT;1;handler"),
        1);
    EXPECT_EQ(count_containing(logs, "SERVICE EVENT HANDLER: web1;HTTP;CRITICAL;SOFT;1;restart"),
              1);
}

TEST(EventHandlers, NotDuringDowntimesWhenAskedNotToAndNotWhenDisabled) {
    ShardBuilder b;
    b.with_basics().global("no_event_handlers_during_downtimes", "1");
    b.host("web1");
    b.service("web1", "HTTP", {{"event_handler", "handler"}, {"event_handler_enabled", "1"}});
    Harness h(b.build());
    h.advance(1);
    const std::string now = std::to_string(static_cast<long long>(h.now()));
    h.command("SCHEDULE_SVC_DOWNTIME;web1;HTTP;" + now + ";" +
              std::to_string(static_cast<long long>(h.now() + 600)) + ";1;0;0;a;b");
    h.advance(1);
    h.check("web1", "HTTP", 2);
    EXPECT_TRUE(h.event_handlers().empty());
    h.command("DEL_ALL_SVC_DOWNTIMES;web1;HTTP");
    h.command("DISABLE_EVENT_HANDLERS");
    h.check("web1", "HTTP", 2);
    EXPECT_TRUE(h.event_handlers().empty());
    h.command("ENABLE_EVENT_HANDLERS");
    h.check("web1", "HTTP", 2);
    EXPECT_EQ(h.event_handlers().size(), 1u);
}

}  // namespace
}  // namespace yagura::engine::test
