#pragma once

#include <filesystem>
#include <string>

#include "objects.hpp"

namespace yagura::bench {

// What Nagios 4 did with the objects, over a window after a warm-up.
struct NagiosFigures {
    bool ran = false;
    std::string why_not;      // when it did not run
    std::size_t checks = 0;   // service check results in the window
    double seconds = 0;       // the window
    double cpu_seconds = 0;   // the core and its worker processes (utime + stime)
    std::size_t workers = 0;  // Nagios' own check worker processes

    double rate() const { return seconds > 0 ? static_cast<double>(checks) / seconds : 0; }
    double cpu_us_per_check() const {
        return checks > 0 ? cpu_seconds * 1e6 / static_cast<double>(checks) : 0;
    }
};

// Runs `binary` (Debian's /usr/sbin/nagios4) in `dir` on `objects` with a generated
// nagios.cfg tuned for throughput (interval_length=1, no environment macros, large
// installation tweaks, checks scheduled at once), for `warmup` + `seconds`; counts the
// results it wrote to a performance data file ($TIMET$ per result) within the window.
NagiosFigures run_nagios(const std::string& binary, const ObjectSet& objects, double warmup,
                         double seconds, const std::filesystem::path& dir);

}  // namespace yagura::bench
