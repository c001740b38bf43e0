#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/modules/common/module_set.hpp>

#include "recording_module.hpp"

namespace yagura::modules {
namespace {

namespace asio = boost::asio;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Journal;
using testing::make_brok;
using testing::RecordingModule;

class ModuleSetTest : public ::testing::Test {
protected:
    ModuleSetTest() {
        registry_.add("recording", [this](const ModuleConfig& config, const ModuleContext&) {
            auto& journal = journals_[config.name];
            if (!journal) {
                journal = std::make_shared<Journal>();
            }
            if (config.parameter("fail_to_build")) {
                throw core::Error(core::ErrorKind::invalid_input,
                                  "module '" + config.name + "': bad parameter");
            }
            return std::make_unique<RecordingModule>(journal);
        });
    }
    template <class T>
    T run(asio::awaitable<T> work) {
        auto future = asio::co_spawn(io_, std::move(work), asio::use_future);
        io_.restart();
        while (future.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            io_.run_one_for(std::chrono::milliseconds(100));
        }
        return future.get();
    }
    void run_loop() {
        io_.restart();
        io_.poll();
    }

    asio::io_context io_;
    core::SystemClock clock_;
    ModuleRegistry registry_;
    std::map<std::string, std::shared_ptr<Journal>> journals_;
    ModuleSet set_{registry_, {io_, clock_, "/tmp", "broker-test"}};
};

TEST_F(ModuleSetTest, FeedsEveryModuleAndReplacesOnlyWhatChanged) {
    auto errors = run(set_.apply(
        {{"a", "recording", {}}, {"b", "recording", {{"x", "1"}}}, {"c", "recording", {}}}));
    EXPECT_TRUE(errors.empty());
    ASSERT_EQ(set_.size(), 3u);
    set_.feed(make_brok("log", 1));
    auto* a_before = set_.find("a");

    // a unchanged, b changed, c removed, d new.
    errors = run(set_.apply(
        {{"a", "recording", {}}, {"b", "recording", {{"x", "2"}}}, {"d", "recording", {}}}));
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(set_.find("a"), a_before);  // kept, queue included
    EXPECT_EQ(journals_["a"]->starts(), 1);
    EXPECT_EQ(journals_["a"]->stops(), 0);
    EXPECT_EQ(journals_["b"]->stops(), 1);   // the old b drained and stopped...
    EXPECT_EQ(journals_["b"]->starts(), 2);  // ...and the new one started
    EXPECT_EQ(journals_["c"]->stops(), 1);
    EXPECT_EQ(set_.find("c"), nullptr);
    EXPECT_EQ(journals_["b"]->handled.size(), 1u);  // its queued brok was handled first
    EXPECT_EQ(journals_["c"]->handled.size(), 1u);

    set_.feed(make_brok("log", 2));
    run_loop();
    EXPECT_EQ(journals_["a"]->handled.size(), 2u);
    EXPECT_EQ(journals_["d"]->handled.size(), 1u);
    std::vector<std::string> names;
    for (const auto& config : set_.configs()) {
        names.push_back(config.name);
    }
    EXPECT_THAT(names, ElementsAre("a", "b", "d"));
}

TEST_F(ModuleSetTest, ModulesThatCannotBeBuiltAreReportedAndTheOthersRun) {
    auto errors = run(set_.apply({{"ok", "recording", {}},
                                  {"bad", "recording", {{"fail_to_build", "1"}}},
                                  {"unknown", "ndodb_mysql", {}},
                                  {"ok", "recording", {{"again", "1"}}}}));
    EXPECT_THAT(errors,
                ElementsAre(HasSubstr("'ok' is listed twice"), "module 'bad': bad parameter",
                            HasSubstr("unknown module_type 'ndodb_mysql'")));
    EXPECT_EQ(set_.size(), 1u);
    EXPECT_EQ(journals_["ok"]->starts(), 1);
}

TEST_F(ModuleSetTest, StopStopsEveryModuleAfterItsQueue) {
    run(set_.apply({{"a", "recording", {}}, {"b", "recording", {}}}));
    for (int n = 0; n < 100; ++n) {
        set_.feed(make_brok("log", n));
    }
    run(set_.stop());
    EXPECT_EQ(journals_["a"]->handled.size(), 100u);
    EXPECT_EQ(journals_["b"]->handled.size(), 100u);
    EXPECT_EQ(journals_["a"]->stops(), 1);
    EXPECT_EQ(journals_["b"]->stops(), 1);
    auto stats = set_.stats();
    ASSERT_EQ(stats.size(), 2u);
    EXPECT_EQ(stats[0]["state"], "stopped");
    EXPECT_EQ(stats[1]["handled"], 100);
}

TEST_F(ModuleSetTest, TicksReachTheModules) {
    run(set_.apply({{"a", "recording", {}}}));
    set_.tick(1'700'000'000);
    EXPECT_EQ(journals_["a"]->count("tick"), 1);
    net::MetricsWriter metrics;
    set_.metrics(metrics);
    EXPECT_THAT(metrics.render(),
                HasSubstr("yagura_broker_module_up{module=\"a\",type=\"recording\"} 1"));
}

}  // namespace
}  // namespace yagura::modules
