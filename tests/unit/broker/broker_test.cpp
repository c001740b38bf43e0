#include "broker/broker.hpp"

#include <filesystem>
#include <fstream>
#include <future>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/ids.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/run_sync.hpp>

#include "broker/received_config.hpp"
#include "fake_scheduler.hpp"
#include "modules/graphite/carbon_sink.hpp"

namespace yagura::broker {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using json = nlohmann::json;
using testing::FakeScheduler;

bool eventually(const std::function<bool()>& predicate,
                std::chrono::milliseconds bound = std::chrono::seconds(20)) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

// A broker daemon in this process (its loop on its own thread, plain HTTP, a free port),
// pulling from fake schedulers on 127.0.0.1.
class BrokerTest : public ::testing::Test {
protected:
    BrokerTest() : cwd_(fs::current_path()) {
        dir_ = fs::temp_directory_path() / ("yagura-broker-" + core::random_hex_id(6));
        fs::create_directories(dir_);
        daemon::DaemonSettings settings;
        settings.role = "broker";
        settings.name = "broker-east";
        settings.host = "127.0.0.1";
        settings.port = 0;
        settings.workdir = dir_.string();
        settings.pidfile = (dir_ / "brokerd.pid").string();
        daemon_ = std::make_unique<daemon::Daemon>(settings);
        BrokerOptions options;
        options.read_ini = false;
        options.puller.wait = std::chrono::seconds(1);
        options.puller.retry_min = std::chrono::milliseconds(50);
        options.forget_part_after = std::chrono::milliseconds(200);
        broker_ = std::make_unique<Broker>(*daemon_, options);
        std::promise<std::uint16_t> port;
        daemon_->on_start([&] { port.set_value(daemon_->port()); });
        runner_ = std::async(std::launch::async, [this] { return daemon_->run(); });
        peer_ = {"127.0.0.1", port.get_future().get(), "broker-east"};
    }
    ~BrokerTest() override {
        if (runner_.valid()) {
            stop();
        }
        fs::current_path(cwd_);
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }
    int stop() {
        asio::post(daemon_->io(), [this] { daemon_->request_stop(); });
        return runner_.get();
    }
    // Runs `f` on the broker's loop (where the configuration receiver calls it).
    void on_loop(const std::function<void()>& f) {
        std::promise<void> done;
        asio::post(daemon_->io(), [&] {
            f();
            done.set_value();
        });
        done.get_future().get();
    }
    json stats() { return net::run_sync(io_, client_.get_json(peer_, "/stats"))["broker"]; }

    // The modules of a full broker: Livestatus on a free port, graphite to the test's carbon,
    // the monitoring log in the workdir.
    std::vector<modules::ModuleConfig> all_modules() {
        return {{"livestatus", "livestatus", {{"port", "0"}, {"socket", "live"}}},
                {"graphite",
                 "graphite_perfdata",
                 {{"host", "127.0.0.1"}, {"port", std::to_string(carbon_.port())}}},
                {"log", "logfile", {{"path", "monitoring.log"}}}};
    }
    std::uint16_t livestatus_port() {
        auto all = stats();
        for (const auto& module : all["modules"]) {
            if (module["type"] == "livestatus" && module["state"] == "running") {
                auto tcp = module["module"]["tcp"].get<std::string>();
                return static_cast<std::uint16_t>(std::stoi(tcp.substr(tcp.rfind(':') + 1)));
            }
        }
        return 0;
    }
    // One Livestatus request over TCP; the answer.
    std::string query(const std::string& request) {
        asio::io_context io;
        asio::ip::tcp::socket socket(io);
        socket.connect({asio::ip::make_address("127.0.0.1"), livestatus_port()});
        asio::write(socket, asio::buffer(request + "\n\n"));
        std::string answer;
        boost::system::error_code ec;
        asio::read(socket, asio::dynamic_buffer(answer), ec);
        return answer;
    }
    // Livestatus alone, pulling from these schedulers; true once it shows these hosts.
    bool serve_with_livestatus(const std::vector<FakeScheduler*>& schedulers,
                               const std::set<std::string>& expected_hosts) {
        std::vector<SchedulerEndpoint> endpoints;
        for (auto* scheduler : schedulers) {
            endpoints.push_back(scheduler->endpoint());
        }
        on_loop([&] {
            broker_->set_modules({all_modules()[0]});
            broker_->set_schedulers(endpoints);
        });
        return eventually([&] { return livestatus_port() != 0 && hosts() == expected_hosts; });
    }
    std::set<std::string> hosts() {
        auto lines = core::split(query("GET hosts\nColumns: name"), '\n');
        return {lines.begin(), lines.end()};
    }

    fs::path cwd_, dir_;
    std::unique_ptr<daemon::Daemon> daemon_;
    std::unique_ptr<Broker> broker_;
    std::future<int> runner_;
    net::Endpoint peer_;
    asio::io_context io_;
    net::HttpClient client_{io_, net::ClientSettings{}};
    modules::graphite::testing::CarbonSink carbon_;
};

TEST_F(BrokerTest, FeedsLivestatusAndEveryModuleFromItsSchedulers) {
    FakeScheduler scheduler("scheduler-1", 0, {"web1", "web2"});
    on_loop([&] {
        broker_->set_modules(all_modules());
        broker_->set_schedulers({scheduler.endpoint()});
    });
    ASSERT_TRUE(eventually([&] { return livestatus_port() != 0; }));
    ASSERT_TRUE(eventually([&] { return hosts() == std::set<std::string>{"web1", "web2"}; }));

    scheduler.push(scheduler.brok("service_check_result", {{"host_name", "web1"},
                                                           {"service_description", "ping"},
                                                           {"state", "CRITICAL"},
                                                           {"state_type", "SOFT"},
                                                           {"perf_data", "rta=12.5ms;10;20"},
                                                           {"last_chk", 1700000100}}));
    scheduler.push(scheduler.brok(
        "log",
        {{"log", "SERVICE ALERT: web1;ping;CRITICAL;SOFT;1;timeout"}, {"time", 1700000100}}));

    // Livestatus sees the new state, graphite gets the metrics, the log gets the line.
    ASSERT_TRUE(eventually([&] {
        return query("GET services\nColumns: host_name state\nFilter: state = 2") == "web1;2\n";
    }));
    ASSERT_TRUE(eventually([&] { return carbon_.lines().size() >= 3; }));
    EXPECT_THAT(carbon_.lines(),
                ElementsAre("web1.ping.rta 12.5 1700000100", "web1.ping.rta_warn 10 1700000100",
                            "web1.ping.rta_crit 20 1700000100"));
    ASSERT_TRUE(eventually([&] {
        std::ifstream log(dir_ / "monitoring.log");
        std::string text((std::istreambuf_iterator<char>(log)), {});
        return text.find("[1700000100] SERVICE ALERT: web1;ping;CRITICAL;SOFT;1;timeout") !=
               std::string::npos;
    }));

    auto s = stats();
    EXPECT_EQ(s["schedulers"][0]["name"], "scheduler-1");
    EXPECT_EQ(s["schedulers"][0]["alive"], true);
    EXPECT_EQ(s["state"]["hosts"], 2);
    EXPECT_EQ(s["modules"].size(), 3u);
    EXPECT_EQ(stop(), 0);
}

TEST_F(BrokerTest, LivestatusCommandsReachTheSchedulerOwningTheHost) {
    FakeScheduler first("scheduler-1", 0, {"web1"});
    FakeScheduler second("scheduler-2", 1, {"db1"});
    ASSERT_TRUE(serve_with_livestatus({&first, &second}, {"db1", "web1"}));
    query("COMMAND [1700000000] ACKNOWLEDGE_SVC_PROBLEM;db1;ping;2;1;0;admin;on it");
    query("COMMAND [1700000001] DISABLE_NOTIFICATIONS");
    ASSERT_TRUE(eventually([&] { return second.commands().size() == 2; }));
    EXPECT_THAT(second.commands(),
                ElementsAre("[1700000000] ACKNOWLEDGE_SVC_PROBLEM;db1;ping;2;1;0;admin;on it",
                            "[1700000001] DISABLE_NOTIFICATIONS"));
    ASSERT_TRUE(eventually([&] { return first.commands().size() == 1; }));
    EXPECT_THAT(first.commands(), ElementsAre("[1700000001] DISABLE_NOTIFICATIONS"));
}

TEST_F(BrokerTest, ANewSchedulerListIsFollowedAtOnceAndItsDumpReplacesThePart) {
    FakeScheduler master("scheduler-master", 0, {"web1", "web2"});
    FakeScheduler spare("scheduler-spare", 0, {"web1"});
    ASSERT_TRUE(serve_with_livestatus({&master}, {"web1", "web2"}));
    EXPECT_EQ(spare.get_broks_calls(), 0);

    // The arbiter moved part 0 to the spare: the spare's dump is the part now.
    on_loop([&] { broker_->set_schedulers({spare.endpoint()}); });
    ASSERT_TRUE(eventually([&] { return hosts() == std::set<std::string>{"web1"}; }));
    EXPECT_EQ(spare.fill_requests(), 1);
    auto s = stats();
    ASSERT_EQ(s["schedulers"].size(), 1u);
    EXPECT_EQ(s["schedulers"][0]["name"], "scheduler-spare");
    // Commands for the part go to the spare.
    query("COMMAND [1700000000] SCHEDULE_FORCED_HOST_CHECK;web1;1700000000");
    ASSERT_TRUE(eventually([&] { return spare.commands().size() == 1; }));
    EXPECT_TRUE(master.commands().empty());
}

TEST_F(BrokerTest, APartNoSchedulerServesAnyMoreIsForgotten) {
    FakeScheduler first("scheduler-1", 0, {"web1"});
    FakeScheduler second("scheduler-2", 1, {"db1"});
    ASSERT_TRUE(serve_with_livestatus({&first, &second}, {"db1", "web1"}));
    on_loop([&] { broker_->set_schedulers({first.endpoint()}); });
    ASSERT_TRUE(eventually([&] { return hosts() == std::set<std::string>{"web1"}; }));
    EXPECT_EQ(stats()["parts_forgotten"], 1);
}

TEST_F(BrokerTest, AModuleThatCannotBeBuiltIsReportedAndTheOthersRun) {
    FakeScheduler scheduler("scheduler-1", 0, {"web1"});
    on_loop([&] {
        broker_->set_modules({all_modules()[0], {"nope", "ndodb_mysql", {}}});
        broker_->set_schedulers({scheduler.endpoint()});
    });
    ASSERT_TRUE(eventually([&] { return livestatus_port() != 0; }));
    ASSERT_TRUE(eventually([&] { return stats().contains("module_errors"); }));
    EXPECT_THAT(stats()["module_errors"][0].get<std::string>(),
                HasSubstr("unknown module_type 'ndodb_mysql'"));
    auto metrics = net::run_sync(io_, client_.request(peer_, "GET", "/metrics")).body;
    EXPECT_THAT(metrics,
                HasSubstr("yagura_broker_module_up{module=\"livestatus\",type=\"livestatus\"} 1"));
    EXPECT_THAT(metrics, HasSubstr("yagura_broker_scheduler_alive{scheduler=\"scheduler-1\"}"));
}

// The arbiter's push, as daemon::ManagedConfig receives it on the broker's HTTP port.
json put_conf(std::int64_t epoch, const std::vector<FakeScheduler*>& schedulers, json link) {
    json list = json::array();
    for (auto* scheduler : schedulers) {
        auto entry = to_json(scheduler->endpoint());
        entry["timeout"] = 2;
        entry["data_timeout"] = 30;
        list.push_back(entry);
    }
    return {{"arbiter", {{"name", "arbiter-master"}, {"epoch", epoch}}},
            {"kind", "broker"},
            {"schedulers", list},
            {"link", std::move(link)}};
}

TEST_F(BrokerTest, TheArbitersPushGivesTheSchedulersAndTheModules) {
    FakeScheduler master("scheduler-master", 0, {"web1", "web2"});
    json link = {{"name", "broker-east"},
                 {"modules",
                  {{{"module_name", "livestatus"},
                    {"module_type", "livestatus"},
                    {"port", "0"},
                    {"socket", "live"}}}}};
    net::run_sync(io_, client_.post_json(peer_, "/put_conf", put_conf(1, {&master}, link)));
    ASSERT_TRUE(eventually([&] {
        return livestatus_port() != 0 && hosts() == std::set<std::string>{"web1", "web2"};
    }));
    EXPECT_EQ(stats()["schedulers"][0]["name"], "scheduler-master");
    auto managed = net::run_sync(io_, client_.get_json(peer_, "/what_i_managed"));
    EXPECT_TRUE(managed.contains("0")) << managed.dump();

    // A failover: the next push names the spare for part 0; the broker follows at once.
    FakeScheduler spare("scheduler-spare", 0, {"web1"});
    net::run_sync(io_, client_.post_json(peer_, "/put_conf", put_conf(2, {&spare}, link)));
    ASSERT_TRUE(eventually([&] { return hosts() == std::set<std::string>{"web1"}; }));
    EXPECT_EQ(stats()["schedulers"][0]["name"], "scheduler-spare");

    // Told to wait for a new configuration: it stops pulling, Livestatus keeps running.
    net::run_sync(io_,
                  client_.post_json(peer_, "/wait_new_conf",
                                    {{"arbiter", {{"name", "arbiter-master"}, {"epoch", 2}}}}));
    ASSERT_TRUE(eventually([&] { return stats()["schedulers"].empty(); }));
    EXPECT_NE(livestatus_port(), 0);
}

TEST_F(BrokerTest, ModuleNamesWithoutDefinitionsKeepTheModulesItRuns) {
    FakeScheduler scheduler("scheduler-1", 0, {"web1"});
    on_loop([&] { broker_->set_modules({all_modules()[0]}); });
    ASSERT_TRUE(eventually([&] { return livestatus_port() != 0; }));
    net::run_sync(io_,
                  client_.post_json(peer_, "/put_conf",
                                    put_conf(1, {&scheduler}, {{"modules", "livestatus, log"}})));
    ASSERT_TRUE(eventually([&] { return hosts() == std::set<std::string>{"web1"}; }));
    auto modules = stats()["modules"];
    ASSERT_EQ(modules.size(), 1u);
    EXPECT_EQ(modules[0]["name"], "livestatus");
}

TEST(BrokerAssignment, ReadsSchedulersAndModuleDefinitionsAndRefusesMixedLists) {
    auto names = broker_assignment_from_json(
        {{"schedulers", json::array()}, {"link", {{"modules", {"livestatus", "log"}}}}});
    EXPECT_FALSE(names.modules);
    EXPECT_THAT(names.module_names_only, ElementsAre("livestatus", "log"));
    auto none = broker_assignment_from_json(
        {{"schedulers", json::array()}, {"link", {{"modules", json::array()}}}});
    EXPECT_FALSE(none.modules);
    auto defined = broker_assignment_from_json(
        {{"schedulers",
          {{{"name", "s1"}, {"address", "10.0.0.5"}, {"port", 7768}, {"part_id", 3}}}},
         {"link",
          {{"modules", {{{"module_name", "g"}, {"module_type", "graphite"}, {"port", 2004}}}}}}});
    ASSERT_EQ(defined.schedulers.size(), 1u);
    EXPECT_EQ(defined.schedulers[0].part_id, 3);
    ASSERT_TRUE(defined.modules);
    ASSERT_EQ(defined.modules->size(), 1u);
    EXPECT_EQ((*defined.modules)[0].parameter("port"), "2004");
    EXPECT_THROW(
        broker_assignment_from_json(
            {{"schedulers", json::array()},
             {"link",
              {{"modules", {"log", {{"module_name", "g"}, {"module_type", "graphite"}}}}}}}),
        core::Error);
    EXPECT_THROW(broker_assignment_from_json({{"schedulers", {{{"name", "no address"}}}}}),
                 core::Error);
}

}  // namespace
}  // namespace yagura::broker
