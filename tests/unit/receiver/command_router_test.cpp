#include <chrono>
#include <functional>
#include <future>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/daemon/command_router.hpp>

#include "standin_scheduler.hpp"

namespace yagura::daemon {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::StandInScheduler;

constexpr double kNow = 1'700'000'000;

// A port nobody listens on: bound once by a stand-in, then released.
std::uint16_t dead_port() {
    StandInScheduler gone;
    return gone.port();
}

class RouterTest : public ::testing::Test {
protected:
    RouterTest() : dir_(fs::temp_directory_path() / ("yagura-router-" + core::random_hex_id(6))) {}
    ~RouterTest() override {
        router_.reset();
        fs::remove_all(dir_);
    }

    CommandRouter& router(CommandRouterOptions options = {}) {
        if (!router_) {
            if (options.spool_dir.empty()) {
                options.spool_dir = dir_;
            }
            options.retry_min = std::chrono::milliseconds(20);
            options.retry_max = std::chrono::milliseconds(100);
            router_ = std::make_unique<CommandRouter>(io_, options);
        }
        return *router_;
    }
    void restart_router(CommandRouterOptions options = {}) {
        auto stopped = boost::asio::co_spawn(io_, router_->stop(std::chrono::milliseconds(2000)),
                                             boost::asio::use_future);
        ASSERT_TRUE(run_until([&] {
            return stopped.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
        }));
        router_.reset();
        router(options);
    }

    // Runs the router's loop until `done` holds (bounded); returns whether it did.
    bool run_until(const std::function<bool()>& done,
                   std::chrono::seconds bound = std::chrono::seconds(20)) {
        const auto deadline = std::chrono::steady_clock::now() + bound;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            io_.restart();
            io_.run_for(std::chrono::milliseconds(10));
        }
        return true;
    }

    static CommandTarget target(std::int64_t part, const StandInScheduler& s) {
        return {part, "scheduler-" + std::to_string(part), s.endpoint(), false};
    }
    static CommandTarget target(std::int64_t part, std::uint16_t port) {
        return {part, "scheduler-" + std::to_string(part), {"127.0.0.1", port, "s"}, false};
    }

    SubmitOutcome submit(std::vector<std::string> lines) { return router().submit(lines, kNow); }

    boost::asio::io_context io_;
    fs::path dir_;
    std::unique_ptr<CommandRouter> router_;
};

TEST_F(RouterTest, EachCommandGoesToTheSchedulerOwningItsHostAndGlobalOnesToAll) {
    StandInScheduler s0, s1;
    router().set_routes({{target(0, s0), target(1, s1)}, {{"web1", 0}, {"db1", 1}}});
    auto outcome =
        submit({"[1700000001] PROCESS_SERVICE_CHECK_RESULT;web1;HTTP;0;OK",
                "PROCESS_HOST_CHECK_RESULT;db1;1;down", "[1700000002] DISABLE_NOTIFICATIONS"});
    EXPECT_EQ(outcome.accepted, 3u);
    EXPECT_TRUE(outcome.rejected.empty());
    ASSERT_TRUE(run_until([&] { return s0.commands().size() == 2 && s1.commands().size() == 2; }));
    EXPECT_THAT(s0.commands(),
                ElementsAre("[1700000001] PROCESS_SERVICE_CHECK_RESULT;web1;HTTP;0;OK",
                            "[1700000002] DISABLE_NOTIFICATIONS"));
    // A line without a timestamp is stamped when accepted, not when delivered.
    EXPECT_THAT(s1.commands(), ElementsAre("[1700000000] PROCESS_HOST_CHECK_RESULT;db1;1;down",
                                           "[1700000002] DISABLE_NOTIFICATIONS"));
}

TEST_F(RouterTest, ABadLineRefusesTheWholeBatchAndNamesEachFault) {
    StandInScheduler s0;
    router().set_routes({{target(0, s0)}, {{"web1", 0}}});
    auto outcome =
        submit({"PROCESS_HOST_CHECK_RESULT;web1;0;fine", "NO_SUCH_COMMAND;web1",
                "PROCESS_HOST_CHECK_RESULT;web1;0", "PROCESS_HOST_CHECK_RESULT;ghost;0;x"});
    EXPECT_EQ(outcome.accepted, 0u);
    ASSERT_EQ(outcome.rejected.size(), 3u);
    EXPECT_THAT(outcome.rejected[0].error, HasSubstr("NO_SUCH_COMMAND"));
    EXPECT_THAT(outcome.rejected[1].error, HasSubstr("PROCESS_HOST_CHECK_RESULT"));
    EXPECT_THAT(outcome.rejected[2].error, HasSubstr("unknown host 'ghost'"));
    EXPECT_EQ(outcome.to_json()["rejected"].size(), 3u);
    EXPECT_EQ(router().queued(), 0u);
    run_until([] { return false; }, std::chrono::seconds(0));
    EXPECT_EQ(s0.posts(), 0u);
}

TEST_F(RouterTest, UnknownHostResultsGoToOneSchedulerWhenAccepted) {
    StandInScheduler s0, s1;
    router({.accept_unknown_check_results = true})
        .set_routes({{target(3, s0), target(5, s1)}, {{"web1", 5}}});
    auto outcome = submit({"[9] PROCESS_SERVICE_CHECK_RESULT;ghost;svc;2;bad"});
    EXPECT_EQ(outcome.accepted, 1u);
    ASSERT_TRUE(run_until([&] { return s0.commands().size() == 1; }));
    EXPECT_TRUE(s1.commands().empty());
    // Other commands for an unknown host are still refused.
    EXPECT_EQ(submit({"DISABLE_HOST_CHECK;ghost"}).rejected.size(), 1u);
}

TEST_F(RouterTest, NoRoutesYetIsUnavailable) {
    try {
        submit({"DISABLE_NOTIFICATIONS"});
        FAIL() << "accepted without routes";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::unavailable);
    }
}

TEST_F(RouterTest, BuffersWhileTheSchedulerIsDownThenDeliversInOrder) {
    StandInScheduler s0;
    s0.stop();
    router({.limits = {.memory_bytes = 64 * 1024, .disk_bytes = 1 << 30}, .batch_lines = 700})
        .set_routes({{target(0, s0)}, {{"h", 0}}});
    std::vector<std::string> expected;
    for (int i = 0; i < 5000; ++i) {
        expected.push_back("[1] PROCESS_SERVICE_CHECK_RESULT;h;s;0;result " + std::to_string(i));
    }
    for (std::size_t i = 0; i < expected.size(); i += 1000) {
        std::vector<std::string> chunk(expected.begin() + i, expected.begin() + i + 1000);
        ASSERT_EQ(router().submit(chunk, kNow).accepted, 1000u);
    }
    ASSERT_TRUE(run_until([&] { return router().stats()["parts"]["0"]["failed_posts"] > 1; }));
    EXPECT_EQ(router().queued(), 5000u);
    s0.start();
    ASSERT_TRUE(run_until([&] { return s0.commands().size() == 5000; }));
    EXPECT_EQ(s0.commands(), expected);
    EXPECT_EQ(router().stats()["parts"]["0"]["delivered"], 5000);
}

TEST_F(RouterTest, ASchedulerWithoutItsPartIsRetriedNotDroppedAndRefusalsAreCounted) {
    StandInScheduler s0;
    s0.answer_status(503);
    router().set_routes({{target(0, s0)}, {{"h", 0}}});
    submit({"[1] PROCESS_HOST_CHECK_RESULT;h;0;REFUSE_ME", "[2] PROCESS_HOST_CHECK_RESULT;h;0;ok"});
    ASSERT_TRUE(run_until([&] { return s0.posts() >= 2; }));
    s0.answer_status(200);
    ASSERT_TRUE(run_until([&] { return router().queued() == 0; }));
    EXPECT_THAT(s0.commands(), ElementsAre("[2] PROCESS_HOST_CHECK_RESULT;h;0;ok"));
    EXPECT_EQ(router().stats()["parts"]["0"]["refused_by_scheduler"], 1);
}

TEST_F(RouterTest, AfterAFailoverBufferedCommandsGoToTheNewScheduler) {
    StandInScheduler spare;
    router().set_routes({{target(0, dead_port())}, {{"h", 0}}});
    submit({"[1] PROCESS_HOST_CHECK_RESULT;h;0;one", "[2] PROCESS_HOST_CHECK_RESULT;h;0;two"});
    ASSERT_TRUE(run_until([&] { return router().stats()["parts"]["0"]["failed_posts"] > 0; }));
    router().set_routes({{target(0, spare)}, {{"h", 0}}});
    ASSERT_TRUE(run_until([&] { return spare.commands().size() == 2; }));
    EXPECT_THAT(spare.commands(), ElementsAre("[1] PROCESS_HOST_CHECK_RESULT;h;0;one",
                                              "[2] PROCESS_HOST_CHECK_RESULT;h;0;two"));
}

TEST_F(RouterTest, QueuedCommandsOfAPartThatWentAwayFollowTheirHost) {
    StandInScheduler s1;
    router().set_routes({{target(0, dead_port())}, {{"a", 0}, {"b", 0}}});
    submit({"[1] PROCESS_HOST_CHECK_RESULT;a;0;x", "[2] DISABLE_NOTIFICATIONS",
            "[3] PROCESS_HOST_CHECK_RESULT;b;0;y"});
    router().set_routes({{target(1, s1)}, {{"a", 1}}});
    ASSERT_TRUE(run_until([&] { return s1.commands().size() == 1; }));
    EXPECT_THAT(s1.commands(), ElementsAre("[1] PROCESS_HOST_CHECK_RESULT;a;0;x"));
    EXPECT_EQ(router().stats()["parts"]["0"]["dropped"], 2);
}

TEST_F(RouterTest, WhatWasAcceptedSurvivesARestartOfTheRouter) {
    StandInScheduler s0;
    s0.stop();
    router().set_routes({{target(0, s0)}, {{"h", 0}}});
    submit({"[1] PROCESS_HOST_CHECK_RESULT;h;0;kept", "[2] PROCESS_HOST_CHECK_RESULT;h;1;too"});
    restart_router();
    EXPECT_EQ(router().queued(), 2u);
    s0.start();
    router().set_routes({{target(0, s0)}, {{"h", 0}}});
    ASSERT_TRUE(run_until([&] { return s0.commands().size() == 2; }));
    EXPECT_THAT(s0.commands(), ElementsAre("[1] PROCESS_HOST_CHECK_RESULT;h;0;kept",
                                           "[2] PROCESS_HOST_CHECK_RESULT;h;1;too"));
}

TEST_F(RouterTest, AFullQueueRefusesWithUnavailableAndQueuesNothing) {
    router({.limits = {.memory_bytes = 1000, .disk_bytes = 2000}})
        .set_routes({{target(0, dead_port())}, {{"h", 0}}});
    std::vector<std::string> many(100, "[1] PROCESS_HOST_CHECK_RESULT;h;0;a fairly long output");
    EXPECT_THROW(router().submit(many, kNow), core::Error);
    EXPECT_EQ(router().queued(), 0u);
}

}  // namespace
}  // namespace yagura::daemon
