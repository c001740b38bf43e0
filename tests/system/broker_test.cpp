// The broker daemon as users run it: the real yagura-broker process, configured by its ini
// ([module ...] and [scheduler ...] sections, a run without an arbiter), pulling broks from
// the real monitoring engine behind a scheduler's HTTP face on 127.0.0.1 (engine_scheduler.hpp,
// written before the scheduler daemon existed: it lets these tests feed results and read the
// engine's states directly), serving Livestatus over TCP and a unix socket, sending metrics to
// a carbon server that goes away for 30 s, writing the monitoring log. The last test runs the
// real arbiter and scheduler daemons with it.

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/model/config.hpp>

#include "engine/shard_builder.hpp"
#include "engine_scheduler.hpp"
#include "harness/site.hpp"
#include "harness/wait.hpp"
#include "modules/graphite/carbon_sink.hpp"

namespace yagura::harness {
namespace {

namespace asio = boost::asio;
using ::testing::HasSubstr;
using json = nlohmann::json;

bool eventually(const std::function<bool()>& predicate,
                std::chrono::milliseconds bound = std::chrono::seconds(30)) {
    return harness::wait_for(bound, predicate);
}

template <class Socket, class Endpoint>
std::string ask(Endpoint endpoint, const std::string& request) {
    asio::io_context io;
    Socket socket(io);
    boost::system::error_code ec;
    socket.connect(endpoint, ec);
    if (ec) {
        return "(cannot connect: " + ec.message() + ")";
    }
    asio::write(socket, asio::buffer(request + "\n\n"), ec);
    std::string answer;
    asio::read(socket, asio::dynamic_buffer(answer), ec);
    return answer;
}

std::string sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& line : lines) {
        out += line + "\n";
    }
    return out;
}

// Two hosts with a service "ping" each, fed by passive results (no poller in this test).
model::Config two_web_servers() {
    engine::test::ShardBuilder b;
    b.with_basics();
    for (const char* host : {"web1", "web2"}) {
        b.host(host, {{"check_command", "check_ok"},
                      {"active_checks_enabled", "0"},
                      {"max_check_attempts", "1"},
                      {"notifications_enabled", "0"}});
        b.service(host, "ping",
                  {{"active_checks_enabled", "0"},
                   {"max_check_attempts", "1"},
                   {"notifications_enabled", "0"}});
    }
    return b.build();
}

class BrokerSystem : public ::testing::Test {
protected:
    BrokerSystem() : broker_(site_.add("broker", "broker-1")) {
        livestatus_port_ = free_port();
        std::ofstream ini(broker_.config_file(), std::ios::app);
        ini << "\n[module livestatus]\nmodule_type = livestatus\nport = " << livestatus_port_
            << "\nsocket = live\n"
            << "\n[module graphite]\nmodule_type = graphite_perfdata\nhost = 127.0.0.1\nport = "
            << carbon_.port() << "\n"
            << "\n[module log]\nmodule_type = logfile\npath = monitoring.log\n"
            << "\n[scheduler scheduler-1]\naddress = 127.0.0.1\nport = " << scheduler_.port()
            << "\nuse_ssl = 0\n";
    }
    std::filesystem::path run_dir() const {
        return std::filesystem::path(broker_.config_file()).parent_path();
    }
    std::string tcp(const std::string& request) {
        return ask<asio::ip::tcp::socket>(
            asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), livestatus_port_),
            request);
    }
    std::string unix_socket(const std::string& request) {
        return ask<asio::local::stream_protocol::socket>(
            asio::local::stream_protocol::endpoint((run_dir() / "live").string()), request);
    }
    // Starts the broker and waits until Livestatus shows the scheduler's hosts.
    void start_broker() {
        broker_.start();
        ASSERT_TRUE(eventually([&] { return tcp("GET hosts\nColumns: name") == "web1\nweb2\n"; }))
            << broker_.log();
    }
    void result(const std::string& host, int code, const std::string& output) {
        ASSERT_TRUE(scheduler_.command("PROCESS_SERVICE_CHECK_RESULT;" + host + ";ping;" +
                                       std::to_string(code) + ";" + output));
    }
    // "host;service;state;acknowledged" of every service, as the engine holds them.
    std::string engine_services() {
        std::string out;
        scheduler_.inspect([&](const engine::Engine& engine) {
            const auto& cfg = engine.config();
            for (const auto& service : cfg.services) {
                out += std::string(cfg.pool.str(service.host_name)) + ";" +
                       std::string(cfg.pool.str(service.service_description)) + ";" +
                       std::to_string(static_cast<int>(service.state)) + ";" +
                       (service.problem_has_been_acknowledged ? "1" : "0") + "\n";
            }
        });
        return sorted_lines(out);
    }
    static constexpr const char* kServiceColumns =
        "GET services\nColumns: host_name description state acknowledged";

    Site site_{false};
    EngineScheduler scheduler_{"scheduler-1", 0, two_web_servers()};
    modules::graphite::testing::CarbonSink carbon_;
    Daemon& broker_;
    std::uint16_t livestatus_port_ = 0;
};

TEST_F(BrokerSystem, LivestatusOverTcpAndUnixSocketShowsTheSchedulersStates) {
    start_broker();
    result("web1", 0, "PING OK");
    result("web2", 2, "PING CRITICAL");
    ASSERT_TRUE(eventually([&] {
        return unix_socket(
                   "GET services\nColumns: host_name description state plugin_output\n"
                   "Filter: state = 2") == "web2;ping;2;PING CRITICAL\n";
    })) << broker_.log();
    EXPECT_EQ(engine_services(), "web1;ping;0;0\nweb2;ping;2;0\n");
    EXPECT_EQ(sorted_lines(tcp(kServiceColumns)), engine_services());
    EXPECT_EQ(sorted_lines(unix_socket(kServiceColumns)), engine_services());
    EXPECT_EQ(tcp("GET services\nStats: state = 0\nStats: state = 2"), "1;1\n");

    // A COMMAND that acknowledges the problem reaches the engine, which acknowledges it and
    // says so in its broks: Livestatus shows it.
    tcp("COMMAND [1700000100] ACKNOWLEDGE_SVC_PROBLEM;web2;ping;2;1;0;admin;on it");
    ASSERT_TRUE(eventually([&] {
        return tcp("GET services\nColumns: acknowledged\nFilter: host_name = web2") == "1\n";
    }));
    EXPECT_EQ(engine_services(), "web1;ping;0;0\nweb2;ping;2;1\n");
    EXPECT_EQ(sorted_lines(tcp(kServiceColumns)), engine_services());
    EXPECT_THAT(
        scheduler_.received_commands(),
        ::testing::ElementsAre("[1700000100] ACKNOWLEDGE_SVC_PROBLEM;web2;ping;2;1;0;admin;on it"));

    auto stats = broker_.get_json("/stats")["broker"];
    EXPECT_EQ(stats["schedulers"][0]["alive"], true);
    EXPECT_EQ(stats["modules"].size(), 3u);
    auto status = broker_.stop(kStopBound);
    ASSERT_TRUE(status);
    EXPECT_TRUE(status->clean()) << status->describe();
    EXPECT_FALSE(std::filesystem::exists(run_dir() / "live"));
}

TEST_F(BrokerSystem, CarbonStoppedForThirtySecondsLosesNoMetric) {
    start_broker();
    // A check result every 100 ms for 40 s, each with its own value; carbon is away from the
    // 5th to the 35th second.
    std::set<std::string> expected;
    auto start = std::chrono::steady_clock::now();
    bool stopped = false, restarted = false;
    for (int n = 0; std::chrono::steady_clock::now() - start < std::chrono::seconds(40); ++n) {
        auto host = "web" + std::to_string(n % 2 + 1);
        result(host, 0, "PING OK|rta=" + std::to_string(n) + "ms;100;200");
        expected.insert(host + ".ping.rta " + std::to_string(n) + " ");
        auto elapsed = std::chrono::steady_clock::now() - start;
        if (!stopped && elapsed > std::chrono::seconds(5)) {
            carbon_.stop();
            stopped = true;
        }
        if (!restarted && elapsed > std::chrono::seconds(35)) {
            carbon_.start();
            restarted = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // Lines are "path value timestamp": the timestamp is the engine's, the value each result's.
    auto missing = [&] {
        std::set<std::string> received;
        for (const auto& line : carbon_.distinct_lines()) {
            received.insert(line.substr(0, line.rfind(' ') + 1));
        }
        std::size_t count = 0;
        for (const auto& line : expected) {
            count += received.contains(line) ? 0 : 1;
        }
        return count;
    };
    ASSERT_TRUE(eventually([&] { return missing() == 0; }, std::chrono::seconds(60)))
        << missing() << " of " << expected.size() << " metrics never reached carbon";
    std::set<std::string> thresholds;
    for (const auto& line : carbon_.distinct_lines()) {
        thresholds.insert(line.substr(0, line.rfind(' ')));
    }
    EXPECT_TRUE(thresholds.contains("web1.ping.rta_warn 100"));
    EXPECT_TRUE(thresholds.contains("web2.ping.rta_crit 200"));
    auto stats = broker_.get_json("/stats");
    json graphite;
    for (const auto& module : stats["broker"]["modules"]) {
        if (module["name"] == "graphite") {
            graphite = module["module"]["carbon"];
        }
    }
    ASSERT_TRUE(graphite.is_object()) << stats.dump();
    EXPECT_EQ(graphite["lines_dropped"], 0);
    EXPECT_GE(graphite["disconnects"].get<int>(), 1);
}

TEST_F(BrokerSystem, TheMonitoringLogGetsTheSchedulersLogLines) {
    start_broker();
    auto log = run_dir() / "monitoring.log";
    // At start, the state of every element, as Nagios writes it.
    ASSERT_TRUE(eventually([&] {
        return read_file(log).find("CURRENT SERVICE STATE: web2;ping;") != std::string::npos;
    }));
    EXPECT_THAT(read_file(log), HasSubstr("CURRENT HOST STATE: web1;"));

    result("web1", 2, "PING CRITICAL");
    ASSERT_TRUE(eventually([&] {
        return read_file(log).find("] SERVICE ALERT: web1;ping;CRITICAL;HARD;1;PING CRITICAL") !=
               std::string::npos;
    })) << read_file(log);
    EXPECT_THAT(read_file(log),
                HasSubstr("EXTERNAL COMMAND: PROCESS_SERVICE_CHECK_RESULT;web1;ping;2;"));
    // Livestatus' log table has the alert too.
    EXPECT_THAT(tcp("GET log\nColumns: host_name service_description state\nFilter: class = 1"),
                HasSubstr("web1;ping;2"));
}

// Poller, reactionner and receiver links on ports nobody listens to: without them the
// configuration gets default daemons on localhost's standard ports (Shinken's rule), where a
// daemon of another run could be listening.
std::string absent_daemons() {
    std::string text;
    for (std::string kind : {"poller", "reactionner", "receiver"}) {
        text += "define " + kind + " {\n    " + kind + "_name absent-" + kind +
                "\n    address 127.0.0.1\n    port " + std::to_string(free_port()) + "\n}\n";
    }
    return text;
}

// The suite as users run it: the real yagura-arbiter reads a configuration naming a scheduler
// and the broker; its put_conf gives the scheduler daemon its part and the broker that
// scheduler to pull broks from; Livestatus answers with the part's hosts.
TEST(BrokerWithArbiter, TheArbitersPushLinksSchedulerAndBrokerAndLivestatusAnswers) {
    Site site;
    auto& scheduler = site.add("scheduler", "scheduler-1");
    auto& broker = site.add("broker", "broker-1");
    auto& arbiter = site.add("arbiter", "arbiter-master");
    auto livestatus_port = free_port();
    std::ofstream(broker.config_file(), std::ios::app)
        << "\n[module livestatus]\nmodule_type = livestatus\nport = " << livestatus_port
        << "\nsocket = live\n";
    auto livestatus = [&](const std::string& request) {
        return ask<asio::ip::tcp::socket>(
            asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), livestatus_port), request);
    };
    auto livestatus_unix = [&](const std::string& request) {
        auto path = std::filesystem::path(broker.config_file()).parent_path() / "live";
        return ask<asio::local::stream_protocol::socket>(
            asio::local::stream_protocol::endpoint(path.string()), request);
    };
    auto address = [](const Daemon& d) {
        return "    " + d.role() + "_name " + d.name() + "\n    address 127.0.0.1\n    port " +
               std::to_string(d.port()) + "\n";
    };
    site.dir().write(arbiter.name() + "/objects/arbiter.cfg",
                     "define arbiter {\n" + address(arbiter) + "}\n" + "define scheduler {\n" +
                         address(scheduler) + "}\n" + "define broker {\n" + address(broker) +
                         "}\n" + absent_daemons() +
                         "define command {\n    command_name check_dummy\n"
                         "    command_line /usr/lib/nagios/plugins/check_dummy 0\n}\n"
                         "define host {\n    host_name web1\n    address 127.0.0.1\n"
                         "    check_command check_dummy\n}\n");
    scheduler.start();
    broker.start();
    arbiter.start();
    auto pulled_from = [&] {
        auto stats = broker.get_json("/stats");
        std::vector<std::string> names;
        for (const auto& s : stats["broker"]["schedulers"]) {
            names.push_back(s["name"].get<std::string>() + "@" +
                            std::to_string(s["port"].get<int>()));
        }
        return names;
    };
    ASSERT_TRUE(eventually([&] { return !pulled_from().empty(); }, std::chrono::seconds(60)))
        << arbiter.log() << broker.log();
    EXPECT_THAT(pulled_from(),
                ::testing::ElementsAre("scheduler-1@" + std::to_string(scheduler.port())));
    auto managed = broker.get_json("/what_i_managed");
    EXPECT_EQ(managed.size(), 1u) << managed.dump();

    // The scheduler daemon runs the part the arbiter gave it; the broker shows its hosts, and a
    // COMMAND goes through the scheduler and comes back in its broks.
    ASSERT_TRUE(eventually([&] { return livestatus("GET hosts\nColumns: name") == "web1\n"; },
                           std::chrono::seconds(60)))
        << scheduler.log() << broker.log();
    livestatus("COMMAND [" + std::to_string(std::time(nullptr)) +
               "] PROCESS_HOST_CHECK_RESULT;web1;1;DOWN - unplugged");
    ASSERT_TRUE(eventually([&] {
        return livestatus("GET hosts\nColumns: state plugin_output\nFilter: name = web1") ==
               "1;DOWN - unplugged\n";
    })) << scheduler.log()
        << broker.log();
    // The COMMAND reached the scheduler: its own view says the same, and so does the socket.
    auto host = scheduler.get_json("/get_host?name=web1");
    EXPECT_EQ(host["state"], "DOWN") << host.dump();
    EXPECT_EQ(host["output"], "DOWN - unplugged") << host.dump();
    EXPECT_EQ(livestatus_unix("GET hosts\nColumns: name state plugin_output"),
              "web1;1;DOWN - unplugged\n");
    // An acknowledgement by COMMAND: the scheduler holds it and Livestatus shows it.
    livestatus("COMMAND [" + std::to_string(std::time(nullptr)) +
               "] ACKNOWLEDGE_HOST_PROBLEM;web1;1;1;0;admin;on it");
    ASSERT_TRUE(eventually([&] {
        return livestatus("GET hosts\nColumns: acknowledged\nFilter: name = web1") == "1\n";
    })) << broker.log();
    EXPECT_FALSE(scheduler.get_json("/get_host?name=web1")["acknowledgement"].is_null());
    auto status = broker.stop(kStopBound);
    ASSERT_TRUE(status);
    EXPECT_TRUE(status->clean()) << status->describe();
}

}  // namespace
}  // namespace yagura::harness
