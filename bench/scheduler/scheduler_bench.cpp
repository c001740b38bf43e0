// How many checks per second one worker moves through the scheduler's HTTP face: a client
// loop of GET /get_checks (max_actions=N) then POST /put_results with an OK result for each,
// on one keep-alive connection, against a scheduler whose services are always due
// (20,000 services checked every second). Plain HTTP on 127.0.0.1; the scheduler runs on its
// own thread as in its own process. Prints round trips/s, checks/s and the scheduler's CPU
// share is not separated from the client's (both in this process).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/run_sync.hpp>

#include "scheduler_fixture.hpp"
#include "shard_builder.hpp"

namespace {

using nlohmann::json;
using namespace yagura;

model::Config shard(int services) {
    engine::test::ShardBuilder b;
    b.with_basics().global("interval_length", "1").global("max_service_check_spread", "1");
    b.host("web1", {{"check_command", "check_ok"}, {"check_interval", "1"}});
    for (int i = 0; i < services; ++i) {
        b.service("web1", "svc-" + std::to_string(i),
                  {{"check_interval", "1"}, {"retry_interval", "1"}});
    }
    return b.build();
}

boost::asio::awaitable<void> run(net::HttpClient& client, net::Endpoint peer, int batch,
                                 double seconds, long& trips, long& checks) {
    std::string target =
        "/get_checks?do_checks=1&worker_name=bench&max_actions=" + std::to_string(batch) +
        "&wait=1";
    const std::string put_target = "/put_results";
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < end) {
        net::CallOptions options;
        options.long_call = true;
        auto get = client.get_json(peer, target, options);
        auto answer = co_await std::move(get);
        json results = json::array();
        for (const auto& a : answer["actions"]) {
            results.push_back({{"id", a["id"]},
                               {"exit_status", 0},
                               {"output", "OK - bench"},
                               {"perf_data", "time=0.001s"},
                               {"execution_time", 0.001}});
        }
        const std::size_t n = results.size();
        if (n == 0) {
            continue;
        }
        json body = {{"results", std::move(results)}};
        auto put = client.post_json(peer, put_target, body);
        co_await std::move(put);
        ++trips;
        checks += static_cast<long>(n);
    }
}

}  // namespace

int main(int argc, char** argv) {
    int services = argc > 1 ? std::atoi(argv[1]) : 20000;
    double seconds = argc > 2 ? std::atof(argv[2]) : 5;
    core::logger("engine")->set_level(spdlog::level::warn);
    core::logger("scheduler")->set_level(spdlog::level::warn);
    core::logger("net")->set_level(spdlog::level::warn);
    core::logger("daemon")->set_level(spdlog::level::warn);
    scheduler::testing::TempDir dir;
    scheduler::testing::SchedulerProcess scheduler(dir.path());
    scheduler.run();
    scheduler.run_part(shard(services), 0);
    scheduler::testing::eventually([&] { return !scheduler.stats()["part"].is_null(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // let the first checks fall due
    for (int batch : {1, 10, 100, 1000}) {
        boost::asio::io_context io;
        net::HttpClient client(io, {});
        long trips = 0;
        long checks = 0;
        auto start = std::chrono::steady_clock::now();
        net::run_sync(io, run(client, scheduler.endpoint(), batch, seconds, trips, checks));
        double took =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf(
            "max_actions %4d: %8.0f round trips/s  %8.0f checks/s  (%ld checks in %.1f s)\n", batch,
            trips / took, checks / took, checks, took);
    }
    auto stats = scheduler.stats()["engine"];
    std::printf("scheduler: %s results, latency p50 %.3f s p99 %.3f s\n",
                stats["results"]["total"].dump().c_str(), stats["latency"]["p50"].get<double>(),
                stats["latency"]["p99"].get<double>());
    scheduler.stop();
    return 0;
}
