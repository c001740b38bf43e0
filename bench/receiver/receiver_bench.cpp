// Passive results per second through the receiver: senders POST /push_check_result (JSON
// arrays of --batch results over --connections keep-alive connections); the receiver checks
// each line, journals it, and forwards batches to the scheduler with POST
// /run_external_commands. The figure is results per second from the first post until the
// scheduler has taken the last result (the receiver's "delivered" count). The scheduler is
// --scheduler host:port (a real yagura-scheduler running a part that owns host-0..host-N-1
// with service "passive"), or by default an in-process sink that parses each body and counts.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <iostream>
#include <sys/resource.h>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_future.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/ids.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/router.hpp>
#include <yagura/net/run_sync.hpp>
#include <yagura/net/server.hpp>

#include "receiver/receiver.hpp"

namespace {

namespace asio = boost::asio;
using namespace yagura;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
    std::size_t results = 200'000;
    std::size_t batch = 1000;
    std::size_t connections = 4;
    std::size_t hosts = 1000;
    std::string scheduler;  // host:port; empty: in-process sink
    std::int64_t part_id = 0;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i];
        std::string value = argv[i + 1];
        auto number = [&] { return static_cast<std::size_t>(core::parse_int(value).value_or(0)); };
        if (key == "--results") {
            o.results = number();
        } else if (key == "--batch") {
            o.batch = std::max<std::size_t>(1, number());
        } else if (key == "--connections") {
            o.connections = std::max<std::size_t>(1, number());
        } else if (key == "--hosts") {
            o.hosts = std::max<std::size_t>(1, number());
        } else if (key == "--scheduler") {
            o.scheduler = value;
        } else if (key == "--part") {
            o.part_id = static_cast<std::int64_t>(number());
        } else {
            std::cerr << "usage: receiver_bench [--results N] [--batch B] [--connections C] "
                         "[--hosts H] [--scheduler host:port] [--part ID]\n";
            std::exit(2);
        }
    }
    return o;
}

// Stands in for the scheduler: takes POST /run_external_commands, parses it, counts lines.
class Sink {
public:
    Sink() {
        router_.add_sync("POST", "/run_external_commands", [this](net::Request& r) {
            auto n = r.json().at("commands").size();
            taken_ += n;
            return net::Response::json({{"accepted", n}, {"rejected", json::array()}});
        });
        server_ = std::make_unique<net::HttpServer>(io_, net::ServerSettings{}, router_);
        server_->start();
        thread_ = std::thread([this] {
            auto work = asio::make_work_guard(io_);
            io_.run();
        });
    }
    ~Sink() {
        io_.stop();
        thread_.join();
    }
    std::uint16_t port() const { return server_->port(); }

private:
    asio::io_context io_;
    net::Router router_;
    std::unique_ptr<net::HttpServer> server_;
    std::thread thread_;
    std::atomic<std::size_t> taken_{0};
};

std::string body_of(const Options& o, std::size_t first, std::size_t count, long now) {
    json results = json::array();
    for (std::size_t i = first; i < first + count; ++i) {
        results.push_back({{"host_name", fmt::format("host-{}", i % o.hosts)},
                           {"service_description", "passive"},
                           {"return_code", static_cast<int>(i % 3)},
                           {"output", fmt::format("result {} | value={}", i, i % 100)},
                           {"time_stamp", now}});
    }
    return results.dump();
}

asio::awaitable<void> sender(net::HttpClient& client, net::Endpoint to, const Options& o,
                             std::atomic<std::size_t>& next, std::size_t& failures) {
    const long now = static_cast<long>(std::time(nullptr));
    net::CallOptions call;
    call.headers["content-type"] = "application/json";
    call.long_call = true;
    while (true) {
        const std::size_t first = next.fetch_add(o.batch);
        if (first >= o.results) {
            co_return;
        }
        const std::size_t count = std::min(o.batch, o.results - first);
        auto response = co_await client.request(to, "POST", "/push_check_result",
                                                body_of(o, first, count, now), call);
        if (!response.ok()) {
            if (++failures < 3) {
                std::cerr << "post failed: " << response.status << " " << response.body << "\n";
            }
        }
    }
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec +
           u.ru_stime.tv_usec / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    std::unique_ptr<Sink> sink;
    net::Endpoint scheduler{"127.0.0.1", 0, "scheduler"};
    if (o.scheduler.empty()) {
        sink = std::make_unique<Sink>();
        scheduler.port = sink->port();
    } else {
        auto colon = o.scheduler.rfind(':');
        scheduler.host = o.scheduler.substr(0, colon);
        scheduler.port =
            static_cast<std::uint16_t>(*core::parse_int(o.scheduler.substr(colon + 1)));
    }
    const auto dir =
        std::filesystem::temp_directory_path() / ("yagura-bench-" + core::random_hex_id(6));
    std::filesystem::create_directories(dir);
    daemon::DaemonSettings settings;
    settings.role = "receiver";
    settings.host = "127.0.0.1";
    settings.port = 0;
    settings.workdir = dir.string();
    settings.pidfile = (dir / "receiverd.pid").string();
    settings.log_level = "warning";
    daemon::Daemon d(settings);
    receiver::ReceiverOptions options;
    options.spool_dir = dir / "spool";
    receiver::Receiver role(d, options);
    std::promise<std::uint16_t> port;
    d.on_start([&] {
        daemon::CommandRoutes routes;
        routes.targets.push_back({o.part_id, "scheduler", scheduler, false});
        for (std::size_t h = 0; h < o.hosts; ++h) {
            routes.host_parts[fmt::format("host-{}", h)] = o.part_id;
        }
        role.apply_routes(std::move(routes));
        port.set_value(d.port());
    });
    auto running = std::async(std::launch::async, [&] { return d.run(); });
    net::Endpoint receiver{"127.0.0.1", port.get_future().get(), "receiver"};

    asio::io_context io;
    net::HttpClient client(io, net::ClientSettings{});
    auto delivered = [&] {
        std::promise<std::uint64_t> n;
        asio::post(d.io(), [&] {
            auto parts = role.commands().stats()["parts"];
            std::uint64_t total = 0;
            for (auto& [id, p] : parts.items()) {
                total += p["delivered"].get<std::uint64_t>() +
                         p["refused_by_scheduler"].get<std::uint64_t>();
            }
            n.set_value(total);
        });
        return n.get_future().get();
    };
    const double cpu0 = cpu_seconds();
    const auto t0 = Clock::now();
    std::atomic<std::size_t> next{0};
    std::size_t failures = 0;
    std::vector<std::future<void>> senders;
    for (std::size_t c = 0; c < o.connections; ++c) {
        senders.push_back(
            asio::co_spawn(io, sender(client, receiver, o, next, failures), asio::use_future));
    }
    io.run();
    for (auto& s : senders) {
        s.get();
    }
    const auto accepted_at = Clock::now();
    const auto deadline = Clock::now() + std::chrono::minutes(5);
    while (delivered() < o.results && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const auto done_at = Clock::now();
    const double cpu = cpu_seconds() - cpu0;
    const auto total = delivered();
    asio::post(d.io(), [&] { d.request_stop(); });
    running.get();
    std::filesystem::remove_all(dir);

    const double accept_s = std::chrono::duration<double>(accepted_at - t0).count();
    const double total_s = std::chrono::duration<double>(done_at - t0).count();
    double load[1] = {0};
    getloadavg(load, 1);
    std::cout << fmt::format(
        "{} results, {} per post, {} connections, scheduler {} (load average {:.1f})\n", o.results,
        o.batch, o.connections, o.scheduler.empty() ? "in-process sink" : o.scheduler, load[0]);
    std::cout << fmt::format("accepted   {:>9.0f} results/s ({:.2f} s, {} failed posts)\n",
                             o.results / accept_s, accept_s, failures);
    std::cout << fmt::format("delivered  {:>9.0f} results/s ({:.2f} s, {} of {} delivered)\n",
                             total / total_s, total_s, total, o.results);
    std::cout << fmt::format("cpu        {:>9.1f} us per result (senders, receiver{} together)\n",
                             cpu / o.results * 1e6, o.scheduler.empty() ? " and sink" : "");
    return total == o.results ? 0 : 1;
}
