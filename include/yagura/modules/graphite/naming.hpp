#pragma once

// Shinken's mod-graphite metric naming, so the graphs of a Shinken site keep their paths:
//
//   service:
//   [<_GRAPHITE_PRE>.][<_GRAPHITE_GROUP>.]<host>[.<data_source>].<service>[.<_GRAPHITE_POST>].<metric>
//   host:    [<_GRAPHITE_PRE>.][<_GRAPHITE_GROUP>.]<host>[.<data_source>].__HOST__.<metric>
//
// Host and service names and perfdata labels have every character outside [A-Za-z0-9_-]
// replaced by '_' (Shinken's [^\w-]); a label's trailing "_<digits>" then becomes ".<digits>"
// (Shinken's multi-value rule: "load_1" -> "load.1"). The custom variables are used as given.
// Each perfdata value gives one line, plus "<metric>_warn" and "<metric>_crit" when the
// threshold is a plain number, and "<metric>_min" / "<metric>_max" when enabled.

#include <string>
#include <string_view>
#include <vector>

#include <yagura/exec/perfdata.hpp>

namespace yagura::modules::graphite {

struct NamingSettings {
    std::string data_source;              // graphite_data_source: a level after the host
    std::string host_check = "__HOST__";  // hostcheck: the level of host metrics ("" for none)
    bool send_warning = true;             // <metric>_warn
    bool send_critical = true;            // <metric>_crit
    bool send_min = false;                // <metric>_min
    bool send_max = false;                // <metric>_max
    // Shinken's ignore_latency_limit: a check whose latency is at most this many seconds is
    // stamped with its scheduled time (last_chk - latency), so graphs get regular intervals.
    double ignore_latency_limit = 0;
};

// What the custom variables of an element add to its path.
struct PathParts {
    std::string pre;    // the host's _GRAPHITE_PRE
    std::string group;  // the host's _GRAPHITE_GROUP
    std::string post;   // the service's _GRAPHITE_POST
};

struct Datapoint {
    std::string name;  // the metric part of the path, sanitised ("rta", "load.1", "rta_warn")
    double value = 0;
};

// Every character outside [A-Za-z0-9_-] becomes '_' (one per UTF-8 character).
std::string sanitize(std::string_view name);
// sanitize() plus the trailing "_<digits>" -> ".<digits>" rule, for perfdata labels.
std::string metric_name(std::string_view label);

std::string host_path(std::string_view host_name, const PathParts& parts,
                      const NamingSettings& settings);
std::string service_path(std::string_view host_name, std::string_view description,
                         const PathParts& parts, const NamingSettings& settings);

// The datapoints of a check's perfdata, in the plugin's order. Values the plugin could not
// measure ('U') give nothing; a '%' metric has min 0 and max 100 unless it says otherwise.
std::vector<Datapoint> datapoints(const exec::PerfData& perfdata, const NamingSettings& settings);

// The epoch second of a check's datapoints: last_chk, or last_chk - latency when
// 0 < latency <= ignore_latency_limit (each truncated to whole seconds, as Shinken does).
long long check_timestamp(double last_chk, double latency, const NamingSettings& settings);

// Carbon plaintext lines, "<path>.<name> <value> <timestamp>\n" each, appended to `out`.
// Returns how many lines were added.
std::size_t append_lines(std::string& out, std::string_view path,
                         const std::vector<Datapoint>& points, long long timestamp);

// A value as carbon reads it: the shortest text that gives the same double ("42", "0.5").
std::string format_value(double value);

}  // namespace yagura::modules::graphite
