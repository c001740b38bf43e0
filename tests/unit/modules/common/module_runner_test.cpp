#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/modules/common/module_runner.hpp>
#include <yagura/net/metrics.hpp>

#include "recording_module.hpp"

namespace yagura::modules {
namespace {

namespace asio = boost::asio;
using ::testing::HasSubstr;
using testing::Journal;
using testing::make_brok;
using testing::RecordingModule;

class ModuleRunnerTest : public ::testing::Test {
protected:
    std::unique_ptr<ModuleRunner> make_runner(RunnerSettings settings = {}) {
        return std::make_unique<ModuleRunner>(io_, ModuleConfig{"rec", "recording", {}},
                                              std::make_unique<RecordingModule>(journal_),
                                              settings);
    }
    // Runs what is ready on the loop (the consumer's slices) until nothing is left to do.
    void run_loop() {
        io_.restart();
        io_.poll();
    }
    void stop(ModuleRunner& runner, std::chrono::milliseconds grace) {
        auto done = asio::co_spawn(io_, runner.stop(grace), asio::use_future);
        io_.restart();
        while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            io_.run_one_for(std::chrono::milliseconds(100));
        }
        done.get();
    }
    std::vector<int> handled_numbers() const {
        std::vector<int> numbers;
        for (const auto& brok : journal_->handled) {
            numbers.push_back(brok["data"]["n"].get<int>());
        }
        return numbers;
    }

    asio::io_context io_;
    std::shared_ptr<Journal> journal_ = std::make_shared<Journal>();
};

TEST_F(ModuleRunnerTest, HandsBroksToTheModuleInOrder) {
    auto runner = make_runner();
    runner->start();
    for (int n = 0; n < 1000; ++n) {
        EXPECT_TRUE(runner->offer(make_brok("service_check_result", n)));
    }
    run_loop();
    std::vector<int> expected(1000);
    std::iota(expected.begin(), expected.end(), 0);
    EXPECT_EQ(handled_numbers(), expected);
    EXPECT_EQ(runner->stats().handled, 1000u);
    EXPECT_EQ(runner->stats().queued, 0u);
    EXPECT_EQ(runner->stats().state, ModuleState::running);
}

TEST_F(ModuleRunnerTest, AFullQueueDropsNewBroksAndCountsThem) {
    auto runner = make_runner({.queue_capacity = 3});
    runner->start();
    // The loop does not run: the module gets no turn, as when it is slower than the broks.
    for (int n = 0; n < 5; ++n) {
        runner->offer(make_brok("log", n));
    }
    auto stats = runner->stats();
    EXPECT_EQ(stats.queued, 3u);
    EXPECT_EQ(stats.dropped, 2u);
    EXPECT_EQ(stats.high_water, 3u);
    run_loop();
    EXPECT_EQ(handled_numbers(), (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(runner->offer(make_brok("log", 9)));  // room again once the module caught up

    net::MetricsWriter metrics;
    runner->metrics(metrics, {{"module", "rec"}});
    EXPECT_THAT(metrics.render(),
                HasSubstr("yagura_broker_module_broks_dropped_total{module=\"rec\"} 2"));
    EXPECT_EQ(runner->stats_json()["dropped"], 2);
}

TEST_F(ModuleRunnerTest, OnlyTheTypesTheModuleWantsAreQueued) {
    journal_->wanted = {"log"};
    auto runner = make_runner({.queue_capacity = 2});
    runner->start();
    for (int n = 0; n < 10; ++n) {
        runner->offer(make_brok("service_check_result", n));
    }
    runner->offer(make_brok("log", 42));
    EXPECT_EQ(runner->stats().queued, 1u);
    EXPECT_EQ(runner->stats().dropped, 0u);
    run_loop();
    EXPECT_EQ(handled_numbers(), (std::vector<int>{42}));
}

TEST_F(ModuleRunnerTest, StopDrainsTheQueueThenStopsTheModule) {
    auto runner = make_runner();
    runner->start();
    for (int n = 0; n < 500; ++n) {
        runner->offer(make_brok("log", n));
    }
    stop(*runner, std::chrono::seconds(30));
    EXPECT_EQ(journal_->handled.size(), 500u);
    EXPECT_EQ(journal_->stops(), 1);
    EXPECT_EQ(journal_->events.back(), "stop");
    EXPECT_EQ(runner->stats().state, ModuleState::stopped);
    EXPECT_EQ(runner->stats().undrained, 0u);
    EXPECT_FALSE(runner->offer(make_brok("log", 501)));  // stopped: refused and counted
    EXPECT_EQ(runner->stats().dropped, 1u);
}

TEST_F(ModuleRunnerTest, TheDrainIsBoundedAndWhatIsLeftIsCounted) {
    journal_->handle_delay = std::chrono::milliseconds(5);
    auto runner = make_runner({.slice = 1});
    runner->start();
    for (int n = 0; n < 2000; ++n) {
        runner->offer(make_brok("log", n));
    }
    stop(*runner, std::chrono::milliseconds(100));
    auto stats = runner->stats();
    EXPECT_GT(stats.undrained, 0u);
    EXPECT_EQ(stats.handled + stats.undrained, 2000u);
    EXPECT_EQ(journal_->stops(), 1);  // the module is still stopped properly
    EXPECT_EQ(stats.queued, 0u);
}

TEST_F(ModuleRunnerTest, AFailedStartIsReportedAndRetriedWithItsBroksKept) {
    journal_->start_failures_left = 1;
    auto runner = make_runner({.restart_interval = std::chrono::milliseconds(0)});
    runner->start();
    EXPECT_EQ(runner->stats().state, ModuleState::failed);
    EXPECT_THAT(runner->stats().last_error, HasSubstr("refused the connection"));
    EXPECT_EQ(runner->stats_json()["state"], "failed");
    runner->offer(make_brok("log", 1));
    runner->offer(make_brok("log", 2));
    run_loop();
    EXPECT_TRUE(journal_->handled.empty());  // not given to a module that is not running

    runner->tick(1'700'000'000);  // the retry
    EXPECT_EQ(runner->stats().state, ModuleState::running);
    EXPECT_EQ(runner->stats().start_failures, 1u);
    run_loop();
    EXPECT_EQ(handled_numbers(), (std::vector<int>{1, 2}));
    runner->tick(1'700'000'001);
    EXPECT_EQ(journal_->count("tick"), 1);
}

TEST_F(ModuleRunnerTest, ABrokThatThrowsIsCountedAndTheNextOnesStillArrive) {
    journal_->throw_on_type = "bad";
    auto runner = make_runner();
    runner->start();
    runner->offer(make_brok("log", 1));
    runner->offer(make_brok("bad", 2));
    runner->offer(make_brok("log", 3));
    run_loop();
    EXPECT_EQ(handled_numbers(), (std::vector<int>{1, 3}));
    EXPECT_EQ(runner->stats().errors, 1u);
    EXPECT_THAT(runner->stats().last_error, HasSubstr("cannot handle bad"));
}

TEST_F(ModuleRunnerTest, StatsShowTheQueueAndTheModulesOwnFigures) {
    auto runner = make_runner({.queue_capacity = 10});
    runner->start();
    runner->offer(make_brok("log", 1));
    auto stats = runner->stats_json();
    EXPECT_EQ(stats["name"], "rec");
    EXPECT_EQ(stats["queue"]["size"], 1);
    EXPECT_EQ(stats["queue"]["capacity"], 10);
    run_loop();
    EXPECT_EQ(runner->stats_json()["module"]["lines"], 1);
}

}  // namespace
}  // namespace yagura::modules
