#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yagura::exec {

// A warning or critical threshold in the monitoring-plugins range syntax:
// "10" (alert outside 0..10), "10:" (below 10), "~:10" (above 10), "10:20" (outside),
// "@10:20" (inside). The raw text is always kept; the numbers only when it parses.
struct PerfRange {
    std::string raw;
    bool parsed = false;  // low/high/inside below are meaningful
    bool inside = false;  // '@': alert when the value is inside [low, high]
    double low = 0;       // -infinity for '~'
    double high = 0;      // +infinity for "N:"

    // Whether a value raises the alert this range describes (false when !parsed).
    bool alerts(double value) const;
};

// One metric: 'label'=value[UOM];[warn];[crit];[min];[max]
struct PerfMetric {
    std::string label;
    std::optional<double> value;  // empty for "U" (the plugin could not measure it)
    std::string unit;             // s ms us % B KB MB GB TB c, or any other text
    std::optional<PerfRange> warn;
    std::optional<PerfRange> crit;
    std::optional<double> min;
    std::optional<double> max;
};

struct PerfData {
    std::vector<PerfMetric> metrics;
    // What was skipped and why ("'load1': value 'abc' is not a number"), for logs.
    std::vector<std::string> notes;
};

// Parses a perf_data string (PluginOutput::perf_data). Labels may be quoted with single
// quotes to hold spaces or '=', with '' for a literal quote. Missing fields stay empty
// ("a=1;;;0;" has a min only). A malformed metric is skipped with a note and parsing goes on
// with the next one; nothing throws.
PerfData parse_perf_data(std::string_view text);

// Parses a threshold; `parsed` is false (and the raw text kept) when it is not a range.
PerfRange parse_perf_range(std::string_view text);

}  // namespace yagura::exec
