// Requests per second of GET /ping over TLS with keep-alive, at 1, 8 and 64 concurrent
// connections, against a real yagura-poller started as a separate process. The load generator
// is net::HttpClient on one io_context thread (as a daemon calling a peer would be).
//
//   build/ci/bench/http/bench_http [seconds per level, default 3]

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/net/client.hpp>

#include "harness/site.hpp"

namespace asio = boost::asio;
using namespace yagura;
using Clock = std::chrono::steady_clock;

namespace {

struct Result {
    std::uint64_t requests = 0;
    std::uint64_t failures = 0;
    double seconds = 0;
    std::uint64_t connections = 0;
};

asio::awaitable<void> worker(net::HttpClient& client, net::Endpoint peer, Clock::time_point end,
                             Result& result) {
    while (Clock::now() < end) {
        try {
            auto response = co_await client.request(peer, "GET", "/ping");
            result.requests += response.status == 200 ? 1 : 0;
        } catch (const std::exception&) {
            ++result.failures;
        }
    }
}

Result run_level(const net::Endpoint& peer, const net::TlsSettings& tls, int concurrency,
                 double seconds) {
    asio::io_context io;
    net::ClientSettings settings{.tls = tls};
    settings.max_idle_per_peer = static_cast<std::size_t>(concurrency);
    net::HttpClient client(io, settings);
    Result warmup;
    auto warm_end = Clock::now() + std::chrono::milliseconds(300);
    for (int i = 0; i < concurrency; ++i) {  // opens the connections and handshakes first
        asio::co_spawn(io, worker(client, peer, warm_end, warmup), asio::detached);
    }
    io.run();
    io.restart();
    Result result;
    auto start = Clock::now();
    auto end =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    for (int i = 0; i < concurrency; ++i) {
        asio::co_spawn(io, worker(client, peer, end, result), asio::detached);
    }
    io.run();
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.connections = client.stats().connections_opened;
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
    core::configure_logging({.level = "warning"});
    harness::Site site;
    auto& poller = site.add("poller", "poller", {{"log_level", "warning"}});
    poller.start();
    std::printf(
        "bench_http: GET /ping over TLS (ECDSA P-256, keep-alive) to yagura-poller pid %d\n",
        poller.process().pid());
    std::printf("%12s %12s %10s %12s %12s\n", "connections", "requests", "seconds", "req/s",
                "failures");
    for (int concurrency : {1, 8, 64}) {
        auto result = run_level(poller.endpoint(), site.client_tls(), concurrency, seconds);
        std::printf("%12d %12llu %10.2f %12.0f %12llu\n", concurrency,
                    static_cast<unsigned long long>(result.requests), result.seconds,
                    static_cast<double>(result.requests) / result.seconds,
                    static_cast<unsigned long long>(result.failures));
    }
    auto stats = poller.get_json("/stats");
    std::printf("server: %s connections accepted, %s requests\n",
                stats["http"]["connections_accepted"].dump().c_str(),
                stats["http"]["requests"].dump().c_str());
    return 0;
}
