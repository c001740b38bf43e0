// The satellite wired into a real Daemon (run on its own thread as in its own process):
// configuration through apply_config, /stats and /metrics over HTTP, the graceful stop.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/run_sync.hpp>
#include <yagura/satellite/role.hpp>
#include <yagura/satellite/satellite.hpp>

#include "fake_scheduler.hpp"

namespace yagura::satellite::testing {
namespace {

namespace asio = boost::asio;
using ::testing::HasSubstr;

class RoleTest : public ::testing::Test {
protected:
    RoleTest()
        : cwd_(std::filesystem::current_path()),
          dir_(std::filesystem::temp_directory_path() / ("yagura-role-" + core::random_hex_id(6))) {
        std::filesystem::create_directories(dir_);
        daemon::DaemonSettings settings;
        settings.role = "poller";
        settings.name = "poller-test";
        settings.host = "127.0.0.1";
        settings.port = 0;
        settings.workdir = dir_.string();
        settings.pidfile = (dir_ / "pollerd.pid").string();
        daemon_ = std::make_unique<daemon::Daemon>(settings);
        role_ = std::make_unique<SatelliteRole>(*daemon_, Role::poller);
    }

    ~RoleTest() override {
        if (running_.valid()) {
            stop();
        }
        role_.reset();
        daemon_.reset();
        std::filesystem::current_path(cwd_);
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    void run() {
        std::promise<std::uint16_t> port;
        daemon_->on_start([&] { port.set_value(daemon_->port()); });
        running_ = std::async(std::launch::async, [this] { return daemon_->run(); });
        peer_ = {"127.0.0.1", port.get_future().get(), "poller-test"};
    }

    int stop() {
        asio::post(daemon_->io(), [this] { daemon_->request_stop(); });
        return running_.get();
    }

    // Runs `work` on the daemon's loop thread and waits for it.
    template <class Work>
    void on_loop(Work work) {
        std::promise<void> done;
        asio::post(daemon_->io(), [&] {
            work();
            done.set_value();
        });
        done.get_future().get();
    }

    nlohmann::json get_json(const std::string& target) {
        asio::io_context io;
        net::HttpClient client(io, {});
        return net::run_sync(io, client.get_json(peer_, target));
    }

    std::string get_text(const std::string& target) {
        asio::io_context io;
        net::HttpClient client(io, {});
        return net::run_sync(io, client.request(peer_, "GET", target)).body;
    }

    template <class Predicate>
    bool eventually(Predicate predicate) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            if (predicate()) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return predicate();
    }

    SatelliteConfig config_for(const FakeScheduler& scheduler) {
        SatelliteConfig config;
        config.schedulers.push_back(scheduler.entry());
        config.link.name = "poller-east";
        config.link.max_workers = 2;
        config.link.processes_by_worker = 2;
        return config;
    }

    std::filesystem::path cwd_;
    std::filesystem::path dir_;
    std::unique_ptr<daemon::Daemon> daemon_;
    std::unique_ptr<SatelliteRole> role_;
    std::future<int> running_;
    net::Endpoint peer_;
};

TEST_F(RoleTest, ConfigurationGivenBeforeTheDaemonRunsIsServedOnceItRuns) {
    FakeScheduler scheduler;
    scheduler.add({.id = "c1", .command = "/usr/lib/nagios/plugins/check_dummy 0 up"});
    role_->apply_config(config_for(scheduler));
    run();
    ASSERT_TRUE(eventually([&] { return scheduler.results().size() == 1; }));
    EXPECT_EQ(scheduler.checks_calls().front().params["worker_name"], "poller-east");
}

TEST_F(RoleTest, StatsAndMetricsOverHttp) {
    run();
    auto idle = get_json("/stats");
    EXPECT_EQ(idle["poller"]["configuration"]["received"], false);

    FakeScheduler scheduler;
    scheduler.add({.id = "c1", .command = "/usr/lib/nagios/plugins/check_dummy 1 meh"});
    on_loop([&] { role_->apply_config(config_for(scheduler)); });
    ASSERT_TRUE(eventually([&] { return scheduler.results().size() == 1; }));
    ASSERT_TRUE(
        eventually([&] { return get_json("/stats")["poller"]["results"]["acknowledged"] == 1; }));
    auto stats = get_json("/stats")["poller"];
    EXPECT_EQ(stats["configuration"]["worker_name"], "poller-east");
    EXPECT_EQ(stats["capacity"]["running_limit"], 4);
    EXPECT_EQ(stats["schedulers"][0]["name"], "scheduler-1");
    EXPECT_EQ(stats["schedulers"][0]["state"], "connected");

    auto metrics = get_text("/metrics");
    EXPECT_THAT(metrics, HasSubstr("yagura_satellite_scheduler_up{role=\"poller\",name=\"poller-"
                                   "test\",scheduler=\"scheduler-1\"} 1"));
    EXPECT_THAT(metrics, HasSubstr("yagura_satellite_actions_done_total{role=\"poller\",name="
                                   "\"poller-test\"} 1"));
}

TEST_F(RoleTest, ABadConfigurationChangesNothing) {
    FakeScheduler scheduler;
    run();
    on_loop([&] { role_->apply_config(config_for(scheduler)); });
    std::string error;
    on_loop([&] {
        try {
            role_->apply_config_json({{"schedulers", {{{"address", "x"}, {"port", "http"}}}}});
        } catch (const core::Error& e) {
            error = e.what();
        }
    });
    EXPECT_THAT(error, HasSubstr("schedulers[0].port"));
    auto stats = get_json("/stats")["poller"];
    EXPECT_EQ(stats["configuration"]["schedulers"], 1);
    EXPECT_EQ(stats["schedulers"][0]["port"], scheduler.port());
}

TEST_F(RoleTest, StoppingTheDaemonKillsPluginsAndEndsTheEngine) {
    FakeScheduler scheduler;
    auto pid_file = dir_ / "plugin.pid";
    {
        std::ofstream script(dir_ / "long.sh");
        script << "#!/bin/sh\necho $$ > " << pid_file.string() << "\nexec sleep 60\n";
    }
    std::filesystem::permissions(dir_ / "long.sh", std::filesystem::perms::owner_all);
    scheduler.add({.id = "long", .command = (dir_ / "long.sh").string()});
    role_->apply_config(config_for(scheduler));
    run();
    pid_t pid = 0;
    ASSERT_TRUE(eventually([&] {
        std::ifstream in(pid_file);
        return static_cast<bool>(in >> pid) && pid > 0;
    }));
    EXPECT_EQ(stop(), 0);
    EXPECT_NE(::kill(pid, 0), 0);
    EXPECT_EQ(role_->satellite(), nullptr);
    role_->apply_config(config_for(scheduler));  // after the stop: ignored, no crash
}

}  // namespace
}  // namespace yagura::satellite::testing
