#include <future>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_future.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/daemon/async_event.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/daemon/pidfile.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/metrics.hpp>
#include <yagura/net/router.hpp>
#include <yagura/net/run_sync.hpp>

#include "temp_dir.hpp"

namespace yagura::daemon {
namespace {

namespace asio = boost::asio;
using ::testing::HasSubstr;
using testing::TempDir;

using net::run_sync;

// A Daemon on a free port with a role that adds a route, stats, metrics and a long poll,
// run on its own thread as it would be in its own process.
class DaemonTest : public ::testing::Test {
protected:
    DaemonTest() : cwd_(std::filesystem::current_path()) {
        settings_.role = "poller";
        settings_.name = "poller-east";
        settings_.host = "127.0.0.1";
        settings_.port = 0;
        settings_.workdir = dir_.path.string();
        settings_.pidfile = dir_ / "pollerd.pid";
        settings_.stop_grace = std::chrono::seconds(30);  // long: the stop must not need it
        daemon_ = std::make_unique<Daemon>(settings_);
        wire_role();
        std::promise<std::uint16_t> port;
        daemon_->on_start([&] { port.set_value(daemon_->port()); });
        runner_ = std::async(std::launch::async, [this] { return daemon_->run(); });
        peer_ = {"127.0.0.1", port.get_future().get(), "poller-east"};
    }
    ~DaemonTest() override {
        if (runner_.valid()) {
            stop();
        }
        std::filesystem::current_path(cwd_);
        core::set_log_level("info");
    }

    void wire_role() {
        event_ = daemon_->make_event();
        daemon_->add_stats("queue", [] { return nlohmann::json{{"checks", 3}}; });
        daemon_->add_metrics(
            [](net::MetricsWriter& w) { w.gauge("yagura_checks_queued", "Q.", 3); });
        daemon_->router().add("GET", "/wait",
                              [this](net::Request&) -> asio::awaitable<net::Response> {
                                  bool woken = co_await event_->wait(std::chrono::hours(1));
                                  co_return net::Response::json({{"woken", woken}});
                              });
    }

    int stop() {
        asio::post(daemon_->io(), [this] { daemon_->request_stop(); });
        return runner_.get();
    }

    net::ClientResponse get(const std::string& target) {
        return run_sync(io_, client_.request(peer_, "GET", target));
    }

    TempDir dir_;
    std::filesystem::path cwd_;
    DaemonSettings settings_;
    std::unique_ptr<Daemon> daemon_;
    std::shared_ptr<AsyncEvent> event_;
    std::future<int> runner_;
    net::Endpoint peer_;
    asio::io_context io_;
    net::HttpClient client_{io_, net::ClientSettings{}};
};

TEST_F(DaemonTest, AnswersTheCommonRoutes) {
    EXPECT_EQ(get("/ping").json(), "pong");
    auto running_id = get("/get_running_id").json();
    EXPECT_EQ(get("/get-running-id").json(), running_id);  // Shinken's dashed alias
    auto api = get("/api").json();
    std::vector<std::string> paths;
    for (const auto& route : api) {
        paths.push_back(route["path"]);
    }
    EXPECT_THAT(paths,
                ::testing::IsSupersetOf({"/ping", "/get_running_id", "/stats", "/metrics", "/api",
                                         "/get_log_level", "/set_log_level", "/wait"}));
}

TEST_F(DaemonTest, StatsCombineRuntimeAndRoleContributions) {
    get("/ping");
    auto stats = get("/stats").json();
    EXPECT_EQ(stats["daemon"], "poller-east");
    EXPECT_EQ(stats["role"], "poller");
    EXPECT_EQ(stats["running_id"], get("/get_running_id").json());
    EXPECT_EQ(stats["queue"]["checks"], 3);
    EXPECT_GE(stats["http"]["requests"].get<int>(), 2);
    EXPECT_EQ(stats["pid"], ::getpid());
}

TEST_F(DaemonTest, MetricsAreHelpfulPrometheusText) {
    get("/nope");
    auto response = get("/metrics");
    EXPECT_THAT(response.headers["content-type"], HasSubstr("text/plain; version=0.0.4"));
    EXPECT_THAT(response.body, HasSubstr("# TYPE yagura_http_requests_total counter\n"));
    EXPECT_THAT(response.body,
                HasSubstr("yagura_http_errors_total{role=\"poller\",name=\"poller-east\","
                          "class=\"4xx\"} 1\n"));
    EXPECT_THAT(response.body, HasSubstr("yagura_checks_queued 3\n"));
}

TEST_F(DaemonTest, LogLevelCanBeReadAndChanged) {
    EXPECT_EQ(get("/get_log_level").json()["log_level"], "info");
    auto set = run_sync(
        io_, client_.request(peer_, "POST", "/set_log_level", R"({"log_level": "debug"})"));
    EXPECT_EQ(set.json()["log_level"], "debug");
    EXPECT_EQ(get("/get_log_level").json()["log_level"], "debug");
    auto shinken_style =
        run_sync(io_, client_.request(peer_, "POST", "/set_log_level?loglevel=error"));
    EXPECT_EQ(shinken_style.json()["log_level"], "error");
    auto bad =
        run_sync(io_, client_.request(peer_, "POST", "/set_log_level", R"({"log_level": "loud"})"));
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(get("/get_log_level").json()["log_level"], "error");
}

TEST_F(DaemonTest, StopEndsLongPollsAtOnceAndRemovesThePidfile) {
    EXPECT_TRUE(std::filesystem::exists(settings_.pidfile));
    auto waiting = std::async(std::launch::async, [this] {
        asio::io_context io;
        net::HttpClient client(io, net::ClientSettings{.timeout = std::chrono::seconds(60)});
        return run_sync(io, client.request(peer_, "GET", "/wait"));
    });
    for (int i = 0; i < 2000 && get("/stats").json()["http"]["requests_in_flight"] < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // The grace period is 30 s; the long poll answers when its event is closed, not then.
    EXPECT_EQ(stop(), 0);
    auto answer = waiting.get();
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.json()["woken"], true);
    EXPECT_FALSE(std::filesystem::exists(settings_.pidfile));
}

TEST_F(DaemonTest, EventWakesWaitersWhenNotified) {
    auto waiting = std::async(std::launch::async, [this] {
        asio::io_context io;
        net::HttpClient client(io, net::ClientSettings{.timeout = std::chrono::seconds(60)});
        return run_sync(io, client.request(peer_, "GET", "/wait"));
    });
    std::size_t waiters = 0;
    for (int i = 0; i < 2000 && waiters == 0; ++i) {
        std::promise<std::size_t> count;
        asio::post(daemon_->io(), [&] { count.set_value(event_->waiters()); });
        waiters = count.get_future().get();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_EQ(waiters, 1u);
    asio::post(daemon_->io(), [this] { event_->notify_all(); });
    EXPECT_EQ(waiting.get().json()["woken"], true);
}

TEST(AsyncEvent, TimesOutWhenNobodyNotifies) {
    asio::io_context io;
    AsyncEvent event(io);
    EXPECT_FALSE(run_sync(io, event.wait(std::chrono::milliseconds(10))));
    EXPECT_EQ(event.waiters(), 0u);
    event.close();
    EXPECT_TRUE(run_sync(io, event.wait(std::chrono::hours(1))));
}

TEST(Daemon, SecondInstanceOnTheSamePidfileRefusesToStart) {
    TempDir dir;
    DaemonSettings settings;
    settings.role = "broker";
    settings.host = "127.0.0.1";
    settings.workdir = dir.path.string();
    settings.pidfile = dir / "brokerd.pid";
    PidFile held(settings.pidfile);
    Daemon second(settings);
    EXPECT_THAT([&] { second.run(); },
                ::testing::ThrowsMessage<core::Error>(HasSubstr("already running")));
}

}  // namespace
}  // namespace yagura::daemon
