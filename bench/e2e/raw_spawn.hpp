#pragma once

#include <string>

namespace yagura::bench {

// The machine's own rate of starting the plugin: a bare loop of posix_spawn + waitpid with
// `in_flight` children at once, stdout to /dev/null, nothing read or parsed. The ceiling
// any monitoring daemon could reach with this plugin here.
struct SpawnFigures {
    int runs = 0;
    double seconds = 0;
    double cpu_seconds = 0;  // this process (the spawning side), children excluded

    double rate() const { return seconds > 0 ? runs / seconds : 0; }
};

SpawnFigures raw_spawn_rate(const std::string& plugin, int runs, int in_flight);

}  // namespace yagura::bench
