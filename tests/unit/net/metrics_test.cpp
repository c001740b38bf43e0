#include <gtest/gtest.h>

#include <yagura/net/metrics.hpp>

namespace yagura::net {
namespace {

TEST(Metrics, GroupsSamplesOfOneNameUnderOneHeader) {
    MetricsWriter metrics;
    metrics.counter("yagura_http_requests_total", "Requests served.", 12, {{"daemon", "poller"}});
    metrics.gauge("yagura_up", "1 when up.", 1);
    metrics.counter("yagura_http_requests_total", "Requests served.", 3, {{"daemon", "broker"}});
    EXPECT_EQ(metrics.render(),
              "# HELP yagura_http_requests_total Requests served.\n"
              "# TYPE yagura_http_requests_total counter\n"
              "yagura_http_requests_total{daemon=\"poller\"} 12\n"
              "yagura_http_requests_total{daemon=\"broker\"} 3\n"
              "# HELP yagura_up 1 when up.\n"
              "# TYPE yagura_up gauge\n"
              "yagura_up 1\n");
}

TEST(Metrics, EscapesLabelValuesAndFormatsFractions) {
    MetricsWriter metrics;
    metrics.gauge("yagura_latency_seconds", "Latency.", 0.25, {{"host", "a\"b\\c\nd"}});
    EXPECT_NE(metrics.render().find(R"(yagura_latency_seconds{host="a\"b\\c\nd"} 0.25)"),
              std::string::npos);
}

}  // namespace
}  // namespace yagura::net
