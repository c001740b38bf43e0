// End to end: how many checks per second this machine can run, and how yagura and Nagios 4
// compare on the same objects with the same trivial plugin (bench/README.md).
//
//   e2e_bench [--hosts 200] [--services-per-host 100] [--seconds 20] [--warmup 10]
//             [--raw-runs 20000] [--in-flight 64] [--nagios /usr/sbin/nagios4 | --no-nagios]
//             [--poller-in-flight N (default: --in-flight; 0 = the poller's own defaults)]
//             [--plugin PATH] [--keep DIR] [--light-fraction 0.5 | --no-light]
//
// Prints, in one run:
//   raw     the machine's posix_spawn + waitpid rate of the plugin (the ceiling of one
//           spawning process, the reference)
//   raw x2  the same from two processes at once with 2 in flight each (posix_spawn spread
//           over two cores: the best arrangement of the raw loop found here)
//   nagios  Debian's Nagios 4 on the generated objects, every service due every second
//           (saturated): checks per second and CPU per check of its core and workers
//   yagura  the same through arbiter, scheduler and poller: checks per second, CPU per check
//           of scheduler + poller (saturated: checks wait in the scheduler's queue, so the
//           latency it prints is the queue's)
//   light   yagura again below saturation: --light-fraction (0.5) of the rate it just reached,
//           with the latency (due -> started) percentiles the poller measured
//   targets issue 6's three targets against these figures
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <yagura/core/ids.hpp>

#include "nagios_run.hpp"
#include "processes.hpp"
#include "raw_spawn.hpp"
#include "yagura_run.hpp"

namespace {

using namespace yagura::bench;

struct Options {
    ObjectSet objects{.hosts = 200, .services_per_host = 100, .plugin = YAGURA_TINY_PLUGIN};
    double seconds = 20;
    double warmup = 10;
    int raw_runs = 20000;
    int in_flight = 64;
    int poller_in_flight = -1;    // -1: as many as the raw measure (a fair comparison)
    double light_fraction = 0.5;  // 0: no run below saturation
    std::string nagios = "/usr/sbin/nagios4";
    std::string keep;
};

[[noreturn]] void usage(const std::string& problem) {
    std::fprintf(stderr, "e2e_bench: %s\n", problem.c_str());
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "--no-nagios") {
            options.nagios.clear();
            continue;
        }
        if (flag == "--no-light") {
            options.light_fraction = 0;
            continue;
        }
        if (i + 1 >= argc) {
            usage(flag + " needs a value");
        }
        std::string value = argv[++i];
        if (flag == "--hosts") {
            options.objects.hosts = std::atoi(value.c_str());
        } else if (flag == "--services-per-host") {
            options.objects.services_per_host = std::atoi(value.c_str());
        } else if (flag == "--seconds") {
            options.seconds = std::atof(value.c_str());
        } else if (flag == "--warmup") {
            options.warmup = std::atof(value.c_str());
        } else if (flag == "--raw-runs") {
            options.raw_runs = std::atoi(value.c_str());
        } else if (flag == "--in-flight") {
            options.in_flight = std::atoi(value.c_str());
        } else if (flag == "--poller-in-flight") {
            options.poller_in_flight = std::atoi(value.c_str());
        } else if (flag == "--nagios") {
            options.nagios = value;
        } else if (flag == "--plugin") {
            options.objects.plugin = value;
        } else if (flag == "--light-fraction") {
            options.light_fraction = std::atof(value.c_str());
        } else if (flag == "--keep") {
            options.keep = value;
        } else {
            usage("unknown option " + flag);
        }
    }
    if (options.objects.services() <= 0 || options.seconds < 1 || options.raw_runs <= 0) {
        usage("hosts, services, seconds and runs must be positive");
    }
    return options;
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one;
    in >> one;
    return one;
}

std::filesystem::path work_dir(const Options& options) {
    if (!options.keep.empty()) {
        return options.keep;
    }
    return std::filesystem::temp_directory_path() /
           ("yagura-e2e-" + yagura::core::random_hex_id(4));
}

void print_saturated(const YaguraFigures& yagura, const Options& options, int poller_in_flight,
                     const SpawnFigures& raw) {
    if (!yagura.ran) {
        std::printf("yagura  not measured: %s\n", yagura.why_not.c_str());
        return;
    }
    std::printf(
        "yagura  %8.0f checks/s   %d services due every %d s, %.0f s window; "
        "poller %s plugins at once; "
        "%.1f us CPU per check (scheduler + poller, %.0f %% in the scheduler); %.1f %% of raw; "
        "queue wait p50 %.3f s p99 %.3f s (saturated)\n",
        yagura.rate(), options.objects.services(), options.objects.check_interval, yagura.seconds,
        poller_in_flight > 0 ? std::to_string(poller_in_flight).c_str() : "default",
        yagura.cpu_us_per_check(),
        yagura.cpu_seconds > 0 ? 100.0 * yagura.scheduler_cpu_seconds / yagura.cpu_seconds : 0,
        100.0 * yagura.rate() / raw.rate(), yagura.latency_p50, yagura.latency_p99);
}

// As many services (whole hosts) as make `fraction` of the saturated rate due every second.
ObjectSet light_objects(const Options& options, double saturated_rate) {
    ObjectSet objects = options.objects;
    const double wanted = options.light_fraction * saturated_rate * objects.check_interval;
    objects.hosts = std::max(1, static_cast<int>(wanted / objects.services_per_host));
    return objects;
}

void print_light(const YaguraFigures& light, const ObjectSet& objects, double saturated_rate) {
    if (!light.ran) {
        std::printf("light   not measured: %s\n", light.why_not.c_str());
        return;
    }
    std::printf(
        "light   %8.0f checks/s   %d services due every %d s (%.0f %% of the saturated rate); "
        "%.1f us CPU per check; latency due -> started (poller, last %zu checks) "
        "p50 %.1f ms p90 %.1f ms p99 %.1f ms max %.1f ms\n",
        light.rate(), objects.services(), objects.check_interval,
        100.0 * objects.services() / objects.check_interval / saturated_rate,
        light.cpu_us_per_check(), light.poller_latency_samples, light.poller_latency_p50 * 1e3,
        light.poller_latency_p90 * 1e3, light.poller_latency_p99 * 1e3,
        light.poller_latency_max * 1e3);
}

const char* verdict(bool met) {
    return met ? "met" : "NOT met";
}

// nagios_rate: 0 when Nagios 4 was not measured.
void print_targets(const SpawnFigures& raw, const YaguraFigures& yagura, const YaguraFigures& light,
                   double nagios_rate) {
    const double share = 100.0 * yagura.rate() / raw.rate();
    std::printf("targets rate >= 90 %% of raw: %.1f %% %s; CPU < 100 us per check: %.1f us %s",
                share, verdict(share >= 90), yagura.cpu_us_per_check(),
                verdict(yagura.cpu_us_per_check() < 100));
    if (light.ran) {
        const double p99_ms = light.poller_latency_p99 * 1e3;
        std::printf("; p99 < 50 ms below saturation: %.1f ms %s", p99_ms, verdict(p99_ms < 50));
    }
    if (nagios_rate > 0) {
        const double times = yagura.rate() / nagios_rate;
        std::printf("; more than twice Nagios 4: %.2f x %s", times, verdict(times > 2));
    }
    std::printf("\n");
}

}  // namespace

int run(int argc, char** argv) {
    auto options = parse(argc, argv);
    become_subreaper();
    auto dir = work_dir(options);
    std::printf("e2e bench: plugin %s, %u cores, load average %s\n", options.objects.plugin.c_str(),
                std::thread::hardware_concurrency(), load_average().c_str());
    std::fflush(stdout);

    auto raw = raw_spawn_rate(options.objects.plugin, options.raw_runs, options.in_flight);
    std::printf(
        "raw     %8.0f plugins/s  posix_spawn + waitpid, %d runs, %d in flight, "
        "%.1f us CPU per spawn in the spawning process\n",
        raw.rate(), raw.runs, options.in_flight, raw.cpu_seconds * 1e6 / raw.runs);
    // Two plugins in flight per process was the raw loop's best here (few children compete
    // with the spawning processes for the cores).
    auto raw2 = parallel_raw_spawn_rate(options.objects.plugin, options.raw_runs, 4, 2);
    std::printf(
        "raw x2  %8.0f plugins/s  the same from 2 processes at once, 2 in flight each "
        "(posix_spawn spread over 2 cores)\n",
        raw2.rate());
    std::fflush(stdout);

    double nagios_rate = 0;
    if (!options.nagios.empty()) {
        auto nagios = run_nagios(options.nagios, options.objects, options.warmup, options.seconds,
                                 dir / "nagios");
        if (nagios.ran) {
            std::printf(
                "nagios  %8.0f checks/s   %d services due every %d s, %.0f s window; "
                "%.1f us CPU per check (core + %zu worker processes); %.1f %% of raw\n",
                nagios.rate(), options.objects.services(), options.objects.check_interval,
                nagios.seconds, nagios.cpu_us_per_check(), nagios.workers,
                100.0 * nagios.rate() / raw.rate());
            nagios_rate = nagios.rate();
        } else {
            std::printf("nagios  not measured: %s\n", nagios.why_not.c_str());
        }
        std::fflush(stdout);
    }

    yagura::bench::YaguraBinaries binaries{YAGURA_ARBITER, YAGURA_SCHEDULER, YAGURA_POLLER};
    const int poller_in_flight =
        options.poller_in_flight < 0 ? options.in_flight : options.poller_in_flight;
    auto yagura = run_yagura(binaries, options.objects, options.warmup, options.seconds,
                             dir / "yagura", poller_in_flight);
    print_saturated(yagura, options, poller_in_flight, raw);
    std::fflush(stdout);

    YaguraFigures light;
    if (yagura.ran && options.light_fraction > 0) {
        auto objects = light_objects(options, yagura.rate());
        light = run_yagura(binaries, objects, options.warmup, options.seconds, dir / "light",
                           poller_in_flight);
        print_light(light, objects, yagura.rate());
    }
    if (yagura.ran) {
        print_targets(raw, yagura, light, nagios_rate);
    }
    if (options.keep.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
    reap_orphans();
    return 0;
}

// An exception must unwind (not terminate): the daemons and Nagios it started are stopped
// by their destructors.
int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "e2e_bench: %s\n", e.what());
        reap_orphans();
        return 1;
    }
}
