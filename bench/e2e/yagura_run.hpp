#pragma once

#include <filesystem>
#include <string>

#include "objects.hpp"

namespace yagura::bench {

// The executables of a yagura site (from CMake).
struct YaguraBinaries {
    std::string arbiter;
    std::string scheduler;
    std::string poller;
};

// What arbiter + scheduler + poller did with the objects over a window after a warm-up.
struct YaguraFigures {
    bool ran = false;
    std::string why_not;
    std::uint64_t checks = 0;  // results the scheduler consumed in the window
    double seconds = 0;
    double cpu_seconds = 0;  // scheduler + poller (utime + stime), the plugins excluded
    double scheduler_cpu_seconds = 0;
    double latency_p50 = 0;  // due -> started, the scheduler's histogram bounds, seconds
    double latency_p95 = 0;
    double latency_p99 = 0;
    // due -> started as the poller measured it: exact percentiles of its last checks.
    std::size_t poller_latency_samples = 0;
    double poller_latency_p50 = 0;
    double poller_latency_p90 = 0;
    double poller_latency_p99 = 0;
    double poller_latency_max = 0;

    double rate() const { return seconds > 0 ? static_cast<double>(checks) / seconds : 0; }
    double cpu_us_per_check() const {
        return checks > 0 ? cpu_seconds * 1e6 / static_cast<double>(checks) : 0;
    }
};

// Writes the arbiter's configuration (the objects and the links of one scheduler and one
// poller on free ports, plain HTTP, interval_length=1) and the daemons' ini files in `dir`,
// starts the three daemons, waits `warmup` seconds and measures for `seconds`, reading the
// scheduler's /stats (with curl) and the daemons' CPU from /proc. `poller_in_flight` > 0 sets
// the poller's plugins at once (max_workers 1, processes_by_worker N); 0 keeps its defaults.
YaguraFigures run_yagura(const YaguraBinaries& binaries, const ObjectSet& objects, double warmup,
                         double seconds, const std::filesystem::path& dir,
                         int poller_in_flight = 0);

}  // namespace yagura::bench
