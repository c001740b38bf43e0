// Livestatus dashboard latency over 100k services on 10k hosts.
//
// Builds a broker state from broks (as schedulers send them), then times the queries a
// dashboard sends most: the problems list, the stats by state, one host's services. Each is
// run in-process (parse + execute) and over the real TCP socket (KeepAlive, fixed16), and
// the median and 95th percentile are printed. Usage: bench_livestatus [hosts] [services/host]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/modules/brokerstate/broker_state.hpp>
#include <yagura/modules/livestatus/livestatus.hpp>
#include <yagura/modules/livestatus/server.hpp>

namespace {

using nlohmann::json;
namespace asio = boost::asio;
namespace ls = yagura::modules::livestatus;
namespace bs = yagura::modules::brokerstate;
using Seconds = std::chrono::duration<double>;

double now() {
    return yagura::core::monotonic_seconds();
}

json brok(const char* type, json data) {
    return {{"type", type}, {"instance_id", 0}, {"data", std::move(data)}};
}

// About 5% of services are problems (2% WARNING, 2% CRITICAL, 1% UNKNOWN), a third of those
// acknowledged: a busy but ordinary site.
int state_of(int index) {
    int slot = index % 100;
    return slot < 2 ? 1 : slot < 4 ? 2 : slot < 5 ? 3 : 0;
}

void fill(bs::BrokerState& state, int hosts, int services_per_host) {
    state.apply(brok("clean_all_my_instance_id", json::object()));
    state.apply(brok("program_status", {{"program_start", 1700000000}}));
    char name[32];
    for (int h = 0; h < hosts; ++h) {
        std::snprintf(name, sizeof(name), "host-%05d", h);
        state.apply(
            brok("initial_host_status", {{"host_name", name},
                                         {"address", "10.0.0.1"},
                                         {"state_id", 0},
                                         {"has_been_checked", 1},
                                         {"output", "PING OK - rta 0.1ms"},
                                         {"hostgroups", {h % 2 == 0 ? "even" : "odd", "all"}},
                                         {"contacts", {"admin"}},
                                         {"last_chk", 1700000000 + h}}));
        for (int s = 0; s < services_per_host; ++s) {
            int index = h * services_per_host + s;
            int st = state_of(index);
            state.apply(
                brok("initial_service_status",
                     {{"host_name", name},
                      {"service_description", "service-" + std::to_string(s)},
                      {"state_id", st},
                      {"state_type_id", 1},
                      {"has_been_checked", 1},
                      {"output", st == 0 ? "OK - all fine" : "PROBLEM - something is wrong"},
                      {"perf_data", "time=0.01s;1;2;0;"},
                      {"problem_has_been_acknowledged", st != 0 && index % 3 == 0},
                      {"latency", 0.1 * (index % 7)},
                      {"execution_time", 0.01 * (index % 11)},
                      {"last_chk", 1700000000 + index % 300},
                      {"last_state_change", 1699990000 + index % 5000},
                      {"contacts", {"admin"}},
                      {"customs", {{"_TEAM", s % 2 == 0 ? "ops" : "dev"}}}}));
        }
    }
    state.apply(brok("initial_broks_done", json::object()));
}

struct Query {
    const char* name;
    std::string text;
};

std::vector<Query> dashboard_queries() {
    return {
        {"problems list",
         "GET services\nColumns: host_name description state plugin_output last_state_change "
         "acknowledged\nFilter: state != 0\nFilter: acknowledged = 0\n"
         "Filter: scheduled_downtime_depth = 0\nFilter: host_scheduled_downtime_depth = 0\n"
         "OutputFormat: json"},
        {"stats by state",
         "GET services\nStats: state = 0\nStats: state = 1\nStats: state = 2\nStats: state = 3"},
        {"one host's services",
         "GET services\nColumns: description state plugin_output last_check\n"
         "Filter: host_name = host-04242\nOutputFormat: json"},
        {"stats per host group",
         "GET servicesbyhostgroup\nColumns: hostgroup_name\nStats: state = 0\nStats: state = 1\n"
         "Stats: state = 2\nStats: state = 3"},
        {"hosts with service counts",
         "GET hosts\nColumns: name state num_services_ok num_services_warn num_services_crit\n"
         "Filter: groups >= even\nLimit: 100"},
    };
}

void report(const char* where, const char* name, std::vector<double> ms, std::size_t bytes) {
    std::sort(ms.begin(), ms.end());
    std::printf("%-10s %-26s median %8.3f ms   p95 %8.3f ms   (%zu runs, answer %zu bytes)\n",
                where, name, ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms.size(), bytes);
}

long rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return 0;
}

std::string fixed16_exchange(asio::ip::tcp::socket& socket, const std::string& query) {
    std::string request = query + "\nKeepAlive: on\nResponseHeader: fixed16\n\n";
    asio::write(socket, asio::buffer(request));
    char header[16];
    asio::read(socket, asio::buffer(header, 16));
    std::string body(std::stoul(std::string(header + 4, 11)), '\0');
    asio::read(socket, asio::buffer(body));
    return body;
}

}  // namespace

int main(int argc, char** argv) {
    int hosts = argc > 1 ? std::atoi(argv[1]) : 10'000;
    int per_host = argc > 2 ? std::atoi(argv[2]) : 10;
    int runs = 50;
    yagura::core::set_log_level("warning");
    yagura::core::SystemClock clock;
    bs::BrokerState state(clock);

    long rss_before = rss_kib();
    double start = now();
    fill(state, hosts, per_host);
    double fill_seconds = now() - start;
    long rss_after = rss_kib();
    auto stats = state.stats();
    std::printf(
        "state: %zu hosts, %zu services from %zu broks in %.2f s (%.0f broks/s); "
        "RSS +%ld MiB (%.2f KiB per service incl. its host)\n",
        stats.hosts, stats.services, stats.broks_applied, fill_seconds,
        static_cast<double>(stats.broks_applied) / fill_seconds, (rss_after - rss_before) / 1024,
        static_cast<double>(rss_after - rss_before) / static_cast<double>(stats.services));

    ls::Livestatus livestatus(state, nullptr, clock);
    auto queries = dashboard_queries();
    for (const auto& query : queries) {
        std::vector<double> ms;
        std::size_t bytes = 0;
        for (int i = 0; i < runs; ++i) {
            double t0 = now();
            auto response = livestatus.answer(query.text);
            ms.push_back((now() - t0) * 1000);
            bytes = response.body.size();
            if (response.status != 200) {
                std::fprintf(stderr, "%s failed: %s\n", query.name, response.body.c_str());
                return 1;
            }
        }
        report("in-process", query.name, ms, bytes);
    }

    // The real server on its own io_context thread; the client on this one.
    asio::io_context io;
    ls::ServerSettings settings;
    settings.tcp_port = 0;
    ls::Server server(io, livestatus, settings);
    server.start();
    std::thread loop([&io] { io.run(); });
    {
        asio::ip::tcp::socket socket(io);
        socket.connect({asio::ip::make_address("127.0.0.1"), server.tcp_port()});
        for (const auto& query : queries) {
            std::vector<double> ms;
            std::size_t bytes = 0;
            for (int i = 0; i < runs; ++i) {
                double t0 = now();
                bytes = fixed16_exchange(socket, query.text).size();
                ms.push_back((now() - t0) * 1000);
            }
            report("tcp", query.name, ms, bytes);
        }
    }
    asio::post(io, [&server] { server.stop(); });
    loop.join();
    return 0;
}
