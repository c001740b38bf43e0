// Engine benchmark: memory per service and results consumed per second by one engine (one
// thread) on a big shard, the way the scheduler daemon drives it: take the due checks in
// batches, hand the results back, ticks in between.
//
//   build/ci/bench/engine/engine_bench                      # 1M services (100k hosts x 10)
//   build/ci/bench/engine/engine_bench --hosts 10000 --rounds 3
//
// Phases, each over every service once (a "round" = one check interval):
//   steady OK        results that change nothing (the common case)
//   with a broker    the same, with one broker reading the broks after each batch
//   with retention   the same, plus the dirty records serialized after each batch
//   state changes    every result flips OK <-> CRITICAL (SOFT/HARD, alerts, notifications)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <malloc.h>
#include <string>
#include <vector>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/engine/engine.hpp>
#include <yagura/model/config.hpp>

#include "synthetic_shard.hpp"

namespace {

using namespace yagura;
using Clock = std::chrono::steady_clock;

std::size_t heap_in_use() {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

std::size_t rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Options {
    int hosts = 100000;
    int services_per_host = 10;
    int rounds = 1;
    std::size_t batch = 1000;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i];
        long value = std::atol(argv[i + 1]);
        if (key == "--hosts") {
            o.hosts = static_cast<int>(value);
        } else if (key == "--services-per-host") {
            o.services_per_host = static_cast<int>(value);
        } else if (key == "--rounds") {
            o.rounds = static_cast<int>(value);
        } else if (key == "--batch") {
            o.batch = static_cast<std::size_t>(value);
        } else {
            std::fprintf(stderr, "unknown option %s\n", key.c_str());
            std::exit(2);
        }
    }
    return o;
}

enum class Mode { steady, broker, retention, flapping };

struct Round {
    std::size_t results = 0;
    double seconds = 0;
};

// One check interval: every service comes due; the poller takes batches and answers.
Round run_round(engine::Engine& engine, core::FakeClock& clock, const Options& o, Mode mode,
                int round_number) {
    clock.advance(300);
    engine.tick();
    engine::WorkerRequest request;
    request.max_actions = o.batch;
    std::vector<engine::Action> actions;
    std::vector<engine::ActionResult> results;
    std::vector<std::string> broks;
    std::vector<engine::RetentionRecord> records;
    Round r;
    const auto start = Clock::now();
    for (;;) {
        actions.clear();
        engine.take_actions(request, actions);
        if (actions.empty()) {
            break;
        }
        results.resize(actions.size());
        for (std::size_t i = 0; i < actions.size(); ++i) {
            engine::ActionResult& res = results[i];
            res = {};
            res.id = actions[i].id;
            const bool bad = mode == Mode::flapping && (round_number + i) % 2 == 1;
            res.exit_status = bad ? 2 : 0;
            res.output = bad ? "CRITICAL - connection refused" : "OK - 3 ms response";
            res.perf_data = "time=0.003s;1;2;0";
            res.start_time = clock.now();
            res.end_time = clock.now();
            res.execution_time = 0.003;
        }
        r.results += engine.put_results(results).accepted;
        if (mode == Mode::broker || mode == Mode::retention || mode == Mode::flapping) {
            broks.clear();
            engine.pop_broks("broker-1", 0, broks);
        }
        if (mode == Mode::retention) {
            records.clear();
            engine.take_dirty_records(records);
        }
    }
    r.seconds = seconds_since(start);
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    core::set_log_level("warning");
    std::printf("engine bench: %d hosts x %d services, batches of %zu, %d round(s) per phase\n",
                o.hosts, o.services_per_host, o.batch, o.rounds);

    const std::size_t heap0 = heap_in_use();
    const std::size_t rss0 = rss_bytes();
    auto start = Clock::now();
    engine::bench::SyntheticSpec spec;
    spec.hosts = o.hosts;
    spec.services_per_host = o.services_per_host;
    model::Config shard = engine::bench::synthetic_shard(spec);
    const double services = static_cast<double>(shard.services.size());
    const std::size_t heap_config = heap_in_use() - heap0;
    std::printf("shard built in %.2f s: %.0f bytes/service in the model\n", seconds_since(start),
                static_cast<double>(heap_config) / services);

    core::FakeClock clock(1'700'000'000);
    start = Clock::now();
    engine::Engine engine(std::move(shard), {}, clock);
    engine.tick();
    std::printf("engine ready in %.2f s (shard prepared, first checks spread)\n",
                seconds_since(start));

    // The first round allocates what a checked service carries (outputs, perfdata).
    Round first = run_round(engine, clock, o, Mode::steady, 0);
    const std::size_t heap_total = heap_in_use() - heap0;
    const std::size_t rss_total = rss_bytes() - rss0;
    std::printf("first round: %zu results in %.2f s\n", first.results, first.seconds);
    std::printf(
        "memory after every service was checked once: heap %.0f bytes/service "
        "(model %.0f + engine %.0f), RSS %.0f bytes/service\n",
        static_cast<double>(heap_total) / services, static_cast<double>(heap_config) / services,
        static_cast<double>(heap_total - heap_config) / services,
        static_cast<double>(rss_total) / services);

    struct Phase {
        const char* name;
        Mode mode;
    };
    int round_number = 1;
    for (const Phase& phase :
         {Phase{"steady OK", Mode::steady}, Phase{"with a broker", Mode::broker},
          Phase{"with retention", Mode::retention}, Phase{"state changes", Mode::flapping}}) {
        if (phase.mode == Mode::broker) {
            // The broker's first read is its full dump, and the first dirty records name
            // every element: both once, outside the measures of the steady state.
            std::vector<std::string> broks;
            const auto t = Clock::now();
            engine.pop_broks("broker-1", 0, broks);
            std::printf("initial dump for a broker: %zu broks in %.2f s\n", broks.size(),
                        seconds_since(t));
            std::vector<engine::RetentionRecord> records;
            engine.take_dirty_records(records);
        }
        std::size_t results = 0;
        double seconds = 0;
        for (int i = 0; i < o.rounds; ++i) {
            Round r = run_round(engine, clock, o, phase.mode, round_number++);
            results += r.results;
            seconds += r.seconds;
        }
        std::printf("%-16s %9zu results in %6.2f s: %8.0f results/s, %5.2f us/result\n", phase.name,
                    results, seconds, static_cast<double>(results) / seconds,
                    seconds * 1e6 / static_cast<double>(results));
        std::fflush(stdout);
    }
    {
        std::vector<engine::RetentionRecord> records;
        const auto t = Clock::now();
        engine.all_records(records);
        const double s = seconds_since(t);
        std::size_t bytes = 0;
        for (const auto& r : records) {
            bytes += r.value.size();
        }
        std::printf(
            "retention records of the whole part: %zu in %.2f s (%.1f us each, %.0f "
            "bytes each)\n",
            records.size(), s, s * 1e6 / static_cast<double>(records.size()),
            static_cast<double>(bytes) / static_cast<double>(records.size()));
    }
    std::printf("RSS at the end: %.0f MiB\n", static_cast<double>(rss_bytes()) / (1 << 20));
    return 0;
}
