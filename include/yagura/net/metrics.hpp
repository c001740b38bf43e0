#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yagura::net {

using Labels = std::vector<std::pair<std::string, std::string>>;

// Renders the Prometheus text exposition format (version 0.0.4) for GET /metrics.
// Samples of one metric name may come from several calls (one per label set); they are
// grouped under a single HELP/TYPE header when rendered. Names get no prefix: pass the full
// name, e.g. "yagura_http_requests_total".
class MetricsWriter {
public:
    void counter(std::string_view name, std::string_view help, double value,
                 const Labels& labels = {});
    void gauge(std::string_view name, std::string_view help, double value,
               const Labels& labels = {});
    std::string render() const;

    static constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

private:
    struct Family {
        std::string name;
        std::string help;
        std::string type;
        std::vector<std::string> samples;
    };
    void add(std::string_view type, std::string_view name, std::string_view help, double value,
             const Labels& labels);
    std::vector<Family> families_;
};

}  // namespace yagura::net
