#include <charconv>
#include <cmath>

#include <yagura/core/strings.hpp>
#include <yagura/modules/graphite/naming.hpp>

namespace yagura::modules::graphite {

namespace {

bool allowed(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

// Joins the non-empty parts with '.'.
std::string dotted(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (auto part : parts) {
        if (part.empty()) {
            continue;
        }
        if (!out.empty()) {
            out += '.';
        }
        out += part;
    }
    return out;
}

// A threshold as Shinken sends it: only when it is a plain number ("10", not "10:20" or "@5").
std::optional<double> plain_threshold(const std::optional<exec::PerfRange>& range) {
    if (!range) {
        return std::nullopt;
    }
    return core::parse_double(range->raw);
}

}  // namespace

std::string sanitize(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size(); ++i) {
        auto c = static_cast<unsigned char>(name[i]);
        if (allowed(c)) {
            out += static_cast<char>(c);
            continue;
        }
        out += '_';
        // The continuation bytes of a UTF-8 character belong to the '_' just written.
        while (c >= 0xC0 && i + 1 < name.size() &&
               (static_cast<unsigned char>(name[i + 1]) & 0xC0) == 0x80) {
            ++i;
        }
    }
    return out;
}

std::string metric_name(std::string_view label) {
    std::string name = sanitize(label);
    std::size_t digits = 0;
    while (digits < name.size() &&
           std::isdigit(static_cast<unsigned char>(name[name.size() - 1 - digits]))) {
        ++digits;
    }
    if (digits > 0 && digits < name.size() && name[name.size() - 1 - digits] == '_') {
        name[name.size() - 1 - digits] = '.';
    }
    return name;
}

std::string host_path(std::string_view host_name, const PathParts& parts,
                      const NamingSettings& settings) {
    return dotted(
        {parts.pre, parts.group, sanitize(host_name), settings.data_source, settings.host_check});
}

std::string service_path(std::string_view host_name, std::string_view description,
                         const PathParts& parts, const NamingSettings& settings) {
    return dotted({parts.pre, parts.group, sanitize(host_name), settings.data_source,
                   sanitize(description), parts.post});
}

std::vector<Datapoint> datapoints(const exec::PerfData& perfdata, const NamingSettings& settings) {
    std::vector<Datapoint> points;
    for (const auto& metric : perfdata.metrics) {
        if (!metric.value) {
            continue;
        }
        std::string name = metric_name(metric.label);
        points.push_back({name, *metric.value});
        auto warn = plain_threshold(metric.warn);
        auto crit = plain_threshold(metric.crit);
        auto min = metric.min;
        auto max = metric.max;
        if (metric.unit == "%") {
            min = min.value_or(0);
            max = max.value_or(100);
        }
        if (settings.send_warning && warn) {
            points.push_back({name + "_warn", *warn});
        }
        if (settings.send_critical && crit) {
            points.push_back({name + "_crit", *crit});
        }
        if (settings.send_min && min) {
            points.push_back({name + "_min", *min});
        }
        if (settings.send_max && max) {
            points.push_back({name + "_max", *max});
        }
    }
    return points;
}

long long check_timestamp(double last_chk, double latency, const NamingSettings& settings) {
    auto checked = static_cast<long long>(last_chk);
    if (latency > 0 && latency <= settings.ignore_latency_limit) {
        return checked - static_cast<long long>(latency);
    }
    return checked;
}

std::string format_value(double value) {
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc()) {
        return "0";
    }
    return std::string(buffer, end);
}

std::size_t append_lines(std::string& out, std::string_view path,
                         const std::vector<Datapoint>& points, long long timestamp) {
    auto stamp = std::to_string(timestamp);
    for (const auto& point : points) {
        out += path;
        out += '.';
        out += point.name;
        out += ' ';
        out += format_value(point.value);
        out += ' ';
        out += stamp;
        out += '\n';
    }
    return points.size();
}

}  // namespace yagura::modules::graphite
