#pragma once

#include <string>

namespace yagura::bench {

// The machine's own rate of starting the plugin: a bare loop of posix_spawn + waitpid with
// `in_flight` children at once, stdout to /dev/null, nothing read or parsed: what a
// daemon that spawns with posix_spawn could reach at best. (yagura's poller spawns more
// cheaply than posix_spawn, src/exec/spawner.hpp, and can pass it.)
struct SpawnFigures {
    int runs = 0;
    double seconds = 0;
    double cpu_seconds = 0;  // this process (the spawning side), children excluded

    double rate() const { return seconds > 0 ? runs / seconds : 0; }
};

SpawnFigures raw_spawn_rate(const std::string& plugin, int runs, int in_flight);

// The same loop in `processes` processes at once (forked, each with runs / processes runs
// and in_flight / processes children at once): the machine's rate when the spawning itself
// is spread over its cores, as Nagios 4 spreads it over its workers. cpu_seconds is theirs.
SpawnFigures parallel_raw_spawn_rate(const std::string& plugin, int runs, int in_flight,
                                     int processes);

}  // namespace yagura::bench
