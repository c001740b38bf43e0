// The broker daemon as users run it: the real yagura-broker process, configured by its ini
// ([module ...] and [scheduler ...] sections, a run without an arbiter), pulling from a
// scheduler speaking the protocol on 127.0.0.1, serving Livestatus over TCP and a unix socket,
// sending metrics to a carbon server that goes away for 30 s, writing the monitoring log.

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "broker/fake_scheduler.hpp"
#include "harness/site.hpp"
#include "modules/graphite/carbon_sink.hpp"

namespace yagura::harness {
namespace {

namespace asio = boost::asio;
using ::testing::HasSubstr;
using json = nlohmann::json;

bool eventually(const std::function<bool()>& predicate,
                std::chrono::milliseconds bound = std::chrono::seconds(30)) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
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
    std::string tcp(const std::string& request) {
        return ask<asio::ip::tcp::socket>(
            asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), livestatus_port_),
            request);
    }
    std::string unix_socket(const std::string& request) {
        auto path = (std::filesystem::path(broker_.config_file()).parent_path() / "live").string();
        return ask<asio::local::stream_protocol::socket>(
            asio::local::stream_protocol::endpoint(path), request);
    }
    json service_result(int n, const std::string& state, int state_id) {
        return scheduler_.brok("service_check_result",
                               {{"host_name", "web" + std::to_string(n % 2 + 1)},
                                {"service_description", "ping"},
                                {"state", state},
                                {"state_id", state_id},
                                {"state_type", "HARD"},
                                {"output", "PING " + state},
                                {"perf_data", "rta=" + std::to_string(n) + "ms;100;200"},
                                {"last_chk", 1700000000 + n}});
    }

    Site site_{false};
    broker::testing::FakeScheduler scheduler_{"scheduler-1", 0, {"web1", "web2"}};
    modules::graphite::testing::CarbonSink carbon_;
    Daemon& broker_;
    std::uint16_t livestatus_port_ = 0;
};

TEST_F(BrokerSystem, LivestatusOverTcpAndUnixSocketShowsTheSchedulersStates) {
    broker_.start();
    ASSERT_TRUE(eventually([&] {
        return tcp("GET hosts\nColumns: name state") == "web1;0\nweb2;0\n";
    })) << broker_.log();
    EXPECT_EQ(unix_socket("GET hosts\nColumns: name state"), "web1;0\nweb2;0\n");

    scheduler_.push(service_result(1, "CRITICAL", 2));
    ASSERT_TRUE(eventually([&] {
        return unix_socket(
                   "GET services\nColumns: host_name description state plugin_output\n"
                   "Filter: state = 2") == "web2;ping;2;PING CRITICAL\n";
    }));
    EXPECT_EQ(tcp("GET services\nStats: state = 0\nStats: state = 2"), "1;1\n");

    // A COMMAND that acknowledges the problem reaches the scheduler that owns web2.
    tcp("COMMAND [1700000100] ACKNOWLEDGE_SVC_PROBLEM;web2;ping;2;1;0;admin;on it");
    ASSERT_TRUE(eventually([&] { return !scheduler_.commands().empty(); }));
    EXPECT_EQ(scheduler_.commands()[0],
              "[1700000100] ACKNOWLEDGE_SVC_PROBLEM;web2;ping;2;1;0;admin;on it");

    auto stats = broker_.get_json("/stats")["broker"];
    EXPECT_EQ(stats["schedulers"][0]["alive"], true);
    EXPECT_EQ(stats["modules"].size(), 3u);
    auto status = broker_.stop(kStopBound);
    ASSERT_TRUE(status);
    EXPECT_TRUE(status->clean()) << status->describe();
    EXPECT_FALSE(std::filesystem::exists(
        std::filesystem::path(broker_.config_file()).parent_path() / "live"));
}

TEST_F(BrokerSystem, CarbonStoppedForThirtySecondsLosesNoMetric) {
    broker_.start();
    ASSERT_TRUE(eventually([&] { return tcp("GET hosts\nColumns: name") == "web1\nweb2\n"; }));
    // A check result every 100 ms for 40 s; carbon is away from the 5th to the 35th second.
    std::set<std::string> expected;
    auto start = std::chrono::steady_clock::now();
    bool stopped = false, restarted = false;
    for (int n = 0; std::chrono::steady_clock::now() - start < std::chrono::seconds(40); ++n) {
        scheduler_.push(service_result(n, "OK", 0));
        auto path = "web" + std::to_string(n % 2 + 1) + ".ping.rta";
        auto stamp = " " + std::to_string(1700000000 + n);
        expected.insert(path + " " + std::to_string(n) + stamp);
        expected.insert(path + "_warn 100" + stamp);
        expected.insert(path + "_crit 200" + stamp);
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
    auto missing = [&] {
        auto received = carbon_.distinct_lines();
        std::size_t count = 0;
        for (const auto& line : expected) {
            count += received.contains(line) ? 0 : 1;
        }
        return count;
    };
    ASSERT_TRUE(eventually([&] { return missing() == 0; }, std::chrono::seconds(60)))
        << missing() << " of " << expected.size() << " lines never reached carbon";
    json graphite;
    auto stats = broker_.get_json("/stats");
    for (const auto& module : stats["broker"]["modules"]) {
        if (module["name"] == "graphite") {
            graphite = module["module"]["carbon"];
        }
    }
    EXPECT_EQ(graphite["lines_dropped"], 0);
    EXPECT_GE(graphite["disconnects"].get<int>(), 1);
}

TEST_F(BrokerSystem, TheMonitoringLogGetsTheSchedulersLogLines) {
    broker_.start();
    ASSERT_TRUE(eventually([&] { return tcp("GET hosts\nColumns: name") == "web1\nweb2\n"; }));
    scheduler_.push(scheduler_.brok(
        "log",
        {{"log", "SERVICE ALERT: web1;ping;CRITICAL;HARD;3;PING CRITICAL"}, {"time", 1700000200}}));
    auto log = std::filesystem::path(broker_.config_file()).parent_path() / "monitoring.log";
    ASSERT_TRUE(eventually([&] {
        return read_file(log).find("[1700000200] SERVICE ALERT: web1;ping;CRITICAL;HARD;3;") !=
               std::string::npos;
    }));
    EXPECT_THAT(read_file(log), HasSubstr("CURRENT HOST STATE: web1;UP;HARD;1;web1 is up"));
    // Livestatus' log table has it too.
    EXPECT_THAT(tcp("GET log\nColumns: host_name state\nFilter: class = 1"), HasSubstr("web1;2"));
}

}  // namespace
}  // namespace yagura::harness
