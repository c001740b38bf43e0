// What the poller itself costs per check, beyond starting the plugin.
//
// One process, two threads: a scheduler stand-in (the unit tests' FakeScheduler, a real
// HTTP server) hands out N checks of a tiny static plugin; a Satellite on this thread's
// io_context pulls them with the long poll, runs them N-in-flight at most, and returns every
// result with put_results. Then, in the same run, exec::Runner alone runs the same plugin the
// same number of times with the same number in flight. Both print their rate and the CPU of
// this thread per check (RUSAGE_THREAD: the scheduler stand-in's thread is not counted);
// the difference is the poller's own cost (HTTP, JSON, bookkeeping).
//
//   satellite_bench [--checks 20000] [--in-flight 32] [--repeat 3] [--plugin PATH]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>

#include <boost/asio/io_context.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/exec/runner.hpp>
#include <yagura/satellite/satellite.hpp>

#include "fake_scheduler.hpp"

namespace {

using namespace yagura;

struct Options {
    int checks = 20000;
    int in_flight = 32;
    int repeat = 3;
    std::string plugin = YAGURA_TINY_PLUGIN;
};

struct Figures {
    double seconds = 1e9;
    double user = 0;
    double system = 0;
};

double seconds_of(const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
}

template <class Work>
Figures measure(Work work) {
    rusage before{};
    getrusage(RUSAGE_THREAD, &before);
    auto start = std::chrono::steady_clock::now();
    work();
    auto wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage after{};
    getrusage(RUSAGE_THREAD, &after);
    return {wall, seconds_of(after.ru_utime) - seconds_of(before.ru_utime),
            seconds_of(after.ru_stime) - seconds_of(before.ru_stime)};
}

Figures through_satellite(const Options& options) {
    satellite::testing::FakeScheduler scheduler;
    scheduler.add_checks(options.checks, options.plugin);
    boost::asio::io_context io;
    satellite::Satellite poller(io, {.role = satellite::Role::poller, .name = "bench"});
    satellite::SatelliteConfig config;
    config.schedulers.push_back(scheduler.entry());
    config.link.max_workers = 1;
    config.link.processes_by_worker = options.in_flight;
    auto figures = measure([&] {
        poller.start();
        poller.apply_config(config);
        auto total = static_cast<std::uint64_t>(options.checks);
        while (poller.counters().results_acknowledged < total) {
            io.run_one();
        }
    });
    return figures;
}

Figures through_runner(const Options& options) {
    boost::asio::io_context io;
    core::SystemClock clock;
    exec::Runner runner(io, clock, {.max_running = static_cast<std::size_t>(options.in_flight)});
    int done = 0;
    return measure([&] {
        for (int i = 0; i < options.checks; ++i) {
            exec::Command command{.command_line = options.plugin};
            runner.start(std::move(command), [&](exec::Result) { ++done; });
        }
        while (done < options.checks) {
            io.run_one();
        }
    });
}

void print(const char* name, const Options& options, const Figures& f) {
    double per = 1e6 / options.checks;
    std::printf(
        "%-9s %8.0f checks/s   %6.1f us CPU per check on the loop thread (user %.1f, "
        "system %.1f)\n",
        name, options.checks / f.seconds, (f.user + f.system) * per, f.user * per, f.system * per);
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--checks") {
            options.checks = std::atoi(argv[i + 1]);
        } else if (flag == "--in-flight") {
            options.in_flight = std::atoi(argv[i + 1]);
        } else if (flag == "--repeat") {
            options.repeat = std::atoi(argv[i + 1]);
        } else if (flag == "--plugin") {
            options.plugin = argv[i + 1];
        } else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            return 2;
        }
    }
    core::configure_logging({.level = "warning"});
    exec::ensure_descriptor_limit(static_cast<std::size_t>(options.in_flight) * 3 + 256);
    std::printf("plugin %s, %d checks, %d in flight, best of %d\n", options.plugin.c_str(),
                options.checks, options.in_flight, options.repeat);
    Figures best_satellite;
    Figures best_runner;
    for (int round = 0; round < options.repeat; ++round) {
        auto s = through_satellite(options);
        best_satellite = s.seconds < best_satellite.seconds ? s : best_satellite;
        auto r = through_runner(options);
        best_runner = r.seconds < best_runner.seconds ? r : best_runner;
    }
    print("satellite", options, best_satellite);
    print("runner", options, best_runner);
    double per = 1e6 / options.checks;
    std::printf(
        "poller's own cost: %.1f us CPU per check; rate %.1f %% of the runner alone\n",
        (best_satellite.user + best_satellite.system - best_runner.user - best_runner.system) * per,
        100.0 * best_runner.seconds / best_satellite.seconds);
    return 0;
}
