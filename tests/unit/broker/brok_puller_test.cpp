#include "broker/brok_puller.hpp"

#include <boost/asio/io_context.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/net/client.hpp>

#include "fake_scheduler.hpp"
#include "loop.hpp"

namespace yagura::broker {
namespace {

namespace asio = boost::asio;
using ::testing::Each;
using ::testing::ElementsAre;
using json = nlohmann::json;
using testing::FakeScheduler;
using testing::run_coroutine;
using testing::run_until;

// A puller on the test's loop against a scheduler speaking the protocol on 127.0.0.1.
class BrokPullerTest : public ::testing::Test {
protected:
    std::unique_ptr<BrokPuller> make(FakeScheduler& scheduler, PullerSettings settings = {}) {
        settings.broker_name = "broker-east";
        settings.retry_min = std::chrono::milliseconds(20);
        settings.retry_max = std::chrono::milliseconds(50);
        return std::make_unique<BrokPuller>(
            io_, client_, scheduler.endpoint(), settings,
            [this](const SchedulerEndpoint& from, int part_id,
                   std::shared_ptr<const json> broks) -> asio::awaitable<void> {
                for (const auto& brok : *broks) {
                    received_.push_back(brok);
                    parts_.push_back(part_id);
                    from_.push_back(from.name);
                }
                co_return;
            });
    }
    std::vector<std::string> types() const {
        std::vector<std::string> out;
        for (const auto& brok : received_) {
            out.push_back(brok["type"]);
        }
        return out;
    }
    bool received(const std::string& type, std::size_t times = 1) const {
        auto t = types();
        return static_cast<std::size_t>(std::count(t.begin(), t.end(), type)) >= times;
    }
    void stop(BrokPuller& puller) { run_coroutine(io_, puller.stop()); }

    asio::io_context io_;
    net::HttpClient client_{io_, net::ClientSettings{}};
    std::vector<json> received_;
    std::vector<int> parts_;
    std::vector<std::string> from_;
};

TEST_F(BrokPullerTest, FirstContactAsksForAFullDumpThenPullsInOrder) {
    FakeScheduler scheduler("scheduler-1", 3, {"web1", "web2"});
    auto puller = make(scheduler);
    puller->start();
    ASSERT_TRUE(run_until(io_, [&] { return received("initial_broks_done"); }));
    EXPECT_EQ(scheduler.fill_requests(), 1);
    EXPECT_EQ(types().front(), "clean_all_my_instance_id");
    EXPECT_EQ(types().size(), 7u);  // clean, program, 2 x (host, service), done
    EXPECT_THAT(parts_, Each(3));
    EXPECT_THAT(from_, Each("scheduler-1"));
    EXPECT_THAT(scheduler.broker_names(), Each("broker-east"));

    for (int n = 0; n < 5; ++n) {
        scheduler.push(scheduler.brok("log", {{"log", "line " + std::to_string(n)}}));
    }
    ASSERT_TRUE(run_until(io_, [&] { return received("log", 5); }));
    std::vector<std::string> lines;
    for (const auto& brok : received_) {
        if (brok["type"] == "log") {
            lines.push_back(brok["data"]["log"]);
        }
    }
    EXPECT_THAT(lines, ElementsAre("line 0", "line 1", "line 2", "line 3", "line 4"));
    auto stats = puller->stats();
    EXPECT_TRUE(stats.alive);
    EXPECT_EQ(stats.part_id, 3);
    EXPECT_EQ(stats.running_id, scheduler.running_id());
    EXPECT_EQ(stats.broks, 12u);
    stop(*puller);
}

TEST_F(BrokPullerTest, TheLongPollDeliversABrokAsSoonAsItIsQueued) {
    FakeScheduler scheduler("scheduler-1", 0, {});
    auto puller = make(scheduler, {.wait = std::chrono::seconds(30)});
    puller->start();
    ASSERT_TRUE(run_until(io_, [&] { return received("initial_broks_done"); }));
    ASSERT_TRUE(run_until(io_, [&] { return scheduler.polls_waiting() == 1; }));
    auto calls = scheduler.get_broks_calls();
    scheduler.push(scheduler.brok("log", {{"log", "now"}}));
    // Within the 20 s bound of run_until, well before the 30 s the poll may last: the call
    // that was waiting answered it (the puller may have made its next call since).
    ASSERT_TRUE(run_until(io_, [&] { return received("log"); }));
    EXPECT_LE(scheduler.get_broks_calls(), calls + 1);
    stop(*puller);
}

TEST_F(BrokPullerTest, ARestartedSchedulerIsNoticedAndAskedForItsWholeStateAgain) {
    FakeScheduler scheduler("scheduler-1", 0, {"web1"});
    auto puller = make(scheduler);
    puller->start();
    ASSERT_TRUE(run_until(io_, [&] { return received("initial_broks_done"); }));
    auto first_id = scheduler.running_id();

    scheduler.restart();  // it lost everything it had queued for us
    scheduler.push(scheduler.brok("log", {{"log", "after restart"}}));
    ASSERT_TRUE(run_until(io_, [&] { return received("initial_broks_done", 2); }));
    EXPECT_EQ(scheduler.fill_requests(), 2);
    auto stats = puller->stats();
    EXPECT_EQ(stats.restarts_seen, 1u);
    EXPECT_NE(stats.running_id, first_id);
    EXPECT_EQ(stats.running_id, scheduler.running_id());
    EXPECT_EQ(stats.dumps_requested, 2u);
    stop(*puller);
}

TEST_F(BrokPullerTest, ADumpAlreadyInTheAnswerIsNotAskedForTwice) {
    FakeScheduler scheduler("scheduler-1", 0, {"web1"});
    scheduler.set_auto_dump(true);
    auto puller = make(scheduler);
    puller->start();
    ASSERT_TRUE(run_until(io_, [&] { return received("initial_broks_done"); }));
    scheduler.restart();  // forgets our name: dumps by itself on the next call
    ASSERT_TRUE(run_until(io_, [&] { return received("initial_broks_done", 2); }));
    run_until(
        io_, [] { return false; }, std::chrono::milliseconds(200));
    EXPECT_EQ(puller->stats().restarts_seen, 1u);
    EXPECT_EQ(scheduler.fill_requests(), 1);  // only the first contact's
    auto all = types();
    EXPECT_EQ(std::count(all.begin(), all.end(), "initial_broks_done"), 2);
    stop(*puller);
}

TEST_F(BrokPullerTest, AnUnreachableSchedulerIsRetriedAndCountsAsDeadAfterThreeFailures) {
    FakeScheduler scheduler("scheduler-1", 0, {"web1"});
    scheduler.down();
    auto puller = make(scheduler);
    puller->start();
    ASSERT_TRUE(run_until(io_, [&] { return puller->stats().failures >= 3; }));
    EXPECT_FALSE(puller->stats().alive);
    EXPECT_FALSE(puller->stats().last_error.empty());
    EXPECT_TRUE(received_.empty());
    scheduler.up();
    ASSERT_TRUE(run_until(io_, [&] { return received("initial_broks_done"); }));
    EXPECT_TRUE(puller->stats().alive);
    EXPECT_EQ(puller->stats().failures_in_a_row, 0);
    EXPECT_EQ(puller->stats_json()["alive"], true);
    stop(*puller);
}

TEST_F(BrokPullerTest, StopCancelsTheLongPollInFlight) {
    FakeScheduler scheduler("scheduler-1", 0, {});
    scheduler.set_hold(true);  // every poll lasts its whole wait
    auto puller = make(scheduler, {.wait = std::chrono::seconds(60)});
    puller->start();
    ASSERT_TRUE(run_until(io_, [&] { return scheduler.polls_waiting() == 1; }));
    scheduler.push(scheduler.brok("log", {{"log", "never delivered"}}));
    // Bounded well below the 60 s the scheduler would hold the call.
    run_coroutine(io_, puller->stop(std::chrono::seconds(20)));
    EXPECT_FALSE(puller->running());  // ended by the cancellation, not by the bound
    EXPECT_FALSE(received("log"));
    EXPECT_EQ(scheduler.get_broks_calls(), 1);
}

}  // namespace
}  // namespace yagura::broker
