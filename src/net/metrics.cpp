#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <yagura/net/metrics.hpp>

namespace yagura::net {

namespace {

std::string escape_label(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string format_value(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        return fmt::format("{}", static_cast<long long>(value));
    }
    return fmt::format("{}", value);
}

std::string sample_line(std::string_view name, double value, const Labels& labels) {
    std::string line(name);
    if (!labels.empty()) {
        line += '{';
        for (std::size_t i = 0; i < labels.size(); ++i) {
            line += fmt::format("{}{}=\"{}\"", i == 0 ? "" : ",", labels[i].first,
                                escape_label(labels[i].second));
        }
        line += '}';
    }
    line += ' ';
    line += format_value(value);
    return line;
}

}  // namespace

void MetricsWriter::counter(std::string_view name, std::string_view help, double value,
                            const Labels& labels) {
    add("counter", name, help, value, labels);
}

void MetricsWriter::gauge(std::string_view name, std::string_view help, double value,
                          const Labels& labels) {
    add("gauge", name, help, value, labels);
}

void MetricsWriter::add(std::string_view type, std::string_view name, std::string_view help,
                        double value, const Labels& labels) {
    auto it = std::find_if(families_.begin(), families_.end(),
                           [&](const Family& f) { return f.name == name; });
    if (it == families_.end()) {
        families_.push_back({std::string(name), std::string(help), std::string(type), {}});
        it = std::prev(families_.end());
    }
    it->samples.push_back(sample_line(name, value, labels));
}

std::string MetricsWriter::render() const {
    std::string out;
    for (const auto& family : families_) {
        std::string help = family.help;
        std::replace(help.begin(), help.end(), '\n', ' ');
        out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", family.name, help, family.name,
                           family.type);
        for (const auto& sample : family.samples) {
            out += sample;
            out += '\n';
        }
    }
    return out;
}

}  // namespace yagura::net
