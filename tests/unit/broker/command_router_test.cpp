#include "broker/command_router.hpp"

#include <boost/asio/io_context.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/modules/brokerstate/broker_state.hpp>
#include <yagura/net/client.hpp>

#include "fake_scheduler.hpp"
#include "loop.hpp"

namespace yagura::broker {
namespace {

namespace asio = boost::asio;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using json = nlohmann::json;
using testing::FakeScheduler;
using testing::run_until;

livestatus::ExternalCommand command(std::string name, std::string arguments) {
    return {1700000000, std::move(name), std::move(arguments)};
}

// A broker state with two parts: web1 in part 1, db1 in part 2, each with a downtime id 7
// (ids are unique within a part only) and web1 with comment 3.
class CommandRoutingTest : public ::testing::Test {
protected:
    CommandRoutingTest() {
        for (auto [part, host] : {std::pair{1, "web1"}, std::pair{2, "db1"}}) {
            apply(part, "clean_all_my_instance_id", json::object());
            apply(part, "initial_host_status", {{"host_name", host}});
            apply(part, "initial_service_status",
                  {{"host_name", host}, {"service_description", "ping"}});
            apply(part, "initial_broks_done", json::object());
        }
        apply(1, "downtime_raise", {{"id", 7}, {"host_name", "web1"}});
        apply(2, "downtime_raise", {{"id", 7}, {"host_name", "db1"}});
        apply(2, "downtime_raise", {{"id", 8}, {"host_name", "db1"}});
        apply(1, "comment", {{"id", 3}, {"host_name", "web1"}, {"comment", "hi"}});
    }
    void apply(int part, const std::string& type, json data) {
        ASSERT_TRUE(state_.apply(json{{"type", type}, {"instance_id", part}, {"data", data}}))
            << type;
    }
    CommandRoute route(std::string name, std::string arguments) {
        return route_command(command(std::move(name), std::move(arguments)), state_);
    }

    core::FakeClock clock_;
    modules::brokerstate::BrokerState state_{clock_};
};

TEST_F(CommandRoutingTest, HostAndServiceCommandsGoToTheOwnersPart) {
    auto r = route("ACKNOWLEDGE_SVC_PROBLEM", "db1;ping;2;1;0;admin;looking");
    EXPECT_FALSE(r.all);
    EXPECT_THAT(r.parts, ElementsAre(2));
    EXPECT_THAT(route("SCHEDULE_FORCED_HOST_CHECK", "web1;1700000000").parts, ElementsAre(1));
    EXPECT_THAT(route("PROCESS_HOST_CHECK_RESULT", " web1 ;0;up").parts, ElementsAre(1));
}

TEST_F(CommandRoutingTest, GlobalGroupAndContactCommandsGoEverywhere) {
    EXPECT_TRUE(route("DISABLE_NOTIFICATIONS", "").all);
    EXPECT_TRUE(route("SCHEDULE_HOSTGROUP_HOST_DOWNTIME", "web1;1;2;1;0;0;a;c").all);
    EXPECT_TRUE(route("ENABLE_SERVICEGROUP_SVC_CHECKS", "all").all);
    EXPECT_TRUE(route("DISABLE_CONTACT_HOST_NOTIFICATIONS", "admin").all);
    EXPECT_TRUE(route("CHANGE_GLOBAL_HOST_EVENT_HANDLER", "notify").all);
    EXPECT_TRUE(route("ACKNOWLEDGE_HOST_PROBLEM", "nosuchhost;1;1;0;a;c").all);
}

TEST_F(CommandRoutingTest, DowntimeAndCommentIdsGoToThePartsHoldingThem) {
    EXPECT_THAT(route("DEL_SVC_DOWNTIME", "8").parts, ElementsAre(2));
    EXPECT_THAT(route("DEL_HOST_DOWNTIME", "7").parts, UnorderedElementsAre(1, 2));
    EXPECT_THAT(route("DEL_HOST_COMMENT", "3").parts, ElementsAre(1));
    EXPECT_TRUE(route("DEL_HOST_DOWNTIME", "99").all);
}

// A forwarder on the test's loop and a scheduler on 127.0.0.1.
class CommandForwarding : public ::testing::Test {
protected:
    CommandForwarder& forwarder(ForwarderSettings settings = {}) {
        forwarder_ = std::make_unique<CommandForwarder>(
            io, [this](const SchedulerEndpoint&) -> net::HttpClient& { return client_; }, settings);
        return *forwarder_;
    }

    asio::io_context io;
    net::HttpClient client_{io, net::ClientSettings{}};
    FakeScheduler scheduler{"scheduler-1", 0, {}};
    std::unique_ptr<CommandForwarder> forwarder_;
};

TEST_F(CommandForwarding, CommandsReachTheirSchedulerInOrderAndRejectionsAreCounted) {
    scheduler.reject("BAD_COMMAND");
    auto& forwarder = this->forwarder();
    for (int n = 0; n < 20; ++n) {
        forwarder.send(scheduler.endpoint(),
                       "[1700000000] ADD_HOST_COMMENT;h;1;a;" + std::to_string(n));
    }
    forwarder.send(scheduler.endpoint(), "[1700000000] BAD_COMMAND;x");
    ASSERT_TRUE(run_until(io, [&] { return forwarder.stats().sent == 21; }));
    auto commands = scheduler.commands();
    ASSERT_EQ(commands.size(), 21u);
    for (int n = 0; n < 20; ++n) {
        EXPECT_EQ(commands[n], "[1700000000] ADD_HOST_COMMENT;h;1;a;" + std::to_string(n));
    }
    EXPECT_EQ(forwarder.stats().rejected, 1u);
    EXPECT_EQ(forwarder.stats().accepted, 20u);
    EXPECT_EQ(forwarder.stats().pending, 0u);
}

TEST_F(CommandForwarding, AnUnreachableSchedulerGetsItsCommandsWhenItIsBack) {
    scheduler.down();
    auto& forwarder = this->forwarder({.retry = std::chrono::milliseconds(20)});
    forwarder.send(scheduler.endpoint(), "[1700000000] DISABLE_NOTIFICATIONS");
    ASSERT_TRUE(run_until(io, [&] { return forwarder.stats().failures >= 2; }));
    EXPECT_EQ(forwarder.stats().pending, 1u);
    scheduler.up();
    ASSERT_TRUE(run_until(io, [&] { return !scheduler.commands().empty(); }));
    EXPECT_THAT(scheduler.commands(), ElementsAre("[1700000000] DISABLE_NOTIFICATIONS"));
    EXPECT_EQ(forwarder.stats().dropped, 0u);
}

TEST_F(CommandForwarding, ACommandUndeliveredPastItsMaxAgeIsDroppedAndCounted) {
    scheduler.down();
    auto& forwarder = this->forwarder(
        {.max_age = std::chrono::milliseconds(0), .retry = std::chrono::milliseconds(20)});
    forwarder.send(scheduler.endpoint(), "[1700000000] DISABLE_NOTIFICATIONS");
    ASSERT_TRUE(run_until(io, [&] { return forwarder.stats().dropped == 1; }));
    EXPECT_EQ(forwarder.stats().pending, 0u);
}

}  // namespace
}  // namespace yagura::broker
