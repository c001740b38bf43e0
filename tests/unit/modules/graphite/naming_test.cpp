#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/modules/graphite/naming.hpp>

namespace yagura::modules::graphite {
namespace {

using ::testing::ElementsAre;
using ::testing::FieldsAre;

std::vector<std::pair<std::string, double>> points_of(std::string_view perfdata,
                                                      NamingSettings settings = {}) {
    std::vector<std::pair<std::string, double>> out;
    for (auto& point : datapoints(exec::parse_perf_data(perfdata), settings)) {
        out.emplace_back(point.name, point.value);
    }
    return out;
}

TEST(GraphiteNaming, SanitisesEveryCharacterOutsideWordCharactersAndDash) {
    EXPECT_EQ(sanitize("web-01.example.com"), "web-01_example_com");
    EXPECT_EQ(sanitize("Disk /var (used)"), "Disk__var__used_");
    EXPECT_EQ(sanitize("load_avg-1"), "load_avg-1");
    EXPECT_EQ(sanitize("température"), "temp_rature");  // one '_' per UTF-8 character
    EXPECT_EQ(sanitize(""), "");
}

TEST(GraphiteNaming, ATrailingUnderscoreNumberBecomesALevel) {
    EXPECT_EQ(metric_name("load_1"), "load.1");
    EXPECT_EQ(metric_name("load_15"), "load.15");
    EXPECT_EQ(metric_name("eth0_in_2"), "eth0_in.2");
    EXPECT_EQ(metric_name("/var/log_2"), "_var_log.2");
    EXPECT_EQ(metric_name("rta"), "rta");
    EXPECT_EQ(metric_name("ping_"), "ping_");
    EXPECT_EQ(metric_name("1"), "1");
    EXPECT_EQ(metric_name("time_1s"), "time_1s");
}

TEST(GraphiteNaming, ServicePathsTakePrePostGroupAndTheDataSource) {
    NamingSettings plain;
    EXPECT_EQ(service_path("web.1", "HTTP check", {}, plain), "web_1.HTTP_check");
    EXPECT_EQ(service_path("web1", "Ping", {.pre = "prod.eu", .post = "lan"}, plain),
              "prod.eu.web1.Ping.lan");
    NamingSettings sourced{.data_source = "shinken"};
    EXPECT_EQ(service_path("web1", "Ping", {.pre = "prod", .group = "dc1"}, sourced),
              "prod.dc1.web1.shinken.Ping");
}

TEST(GraphiteNaming, HostMetricsGoUnderHostOrTheConfiguredLevel) {
    NamingSettings plain;
    EXPECT_EQ(host_path("web1", {}, plain), "web1.__HOST__");
    EXPECT_EQ(host_path("web1", {.pre = "prod"}, {.data_source = "src"}), "prod.web1.src.__HOST__");
    EXPECT_EQ(host_path("web1", {}, {.host_check = ""}), "web1");
    EXPECT_EQ(host_path("web1", {}, {.host_check = "hostcheck"}), "web1.hostcheck");
}

TEST(GraphiteNaming, WarnAndCritSeriesComeFromPlainNumberThresholds) {
    EXPECT_THAT(
        points_of("rta=0.5ms;100;500;0; pl=0%;20;60"),
        ElementsAre(FieldsAre("rta", 0.5), FieldsAre("rta_warn", 100), FieldsAre("rta_crit", 500),
                    FieldsAre("pl", 0), FieldsAre("pl_warn", 20), FieldsAre("pl_crit", 60)));
    // Ranges are not single values: Shinken sends nothing for them, nor do we.
    EXPECT_THAT(points_of("temp=21;10:30;@0:5"), ElementsAre(FieldsAre("temp", 21)));
    // A threshold of 0 is a threshold (Shinken's truthiness test dropped it).
    EXPECT_THAT(points_of("errors=3;0;0"),
                ElementsAre(FieldsAre("errors", 3), FieldsAre("errors_warn", 0),
                            FieldsAre("errors_crit", 0)));
    EXPECT_THAT(points_of("rta=1;2;3", {.send_warning = false, .send_critical = false}),
                ElementsAre(FieldsAre("rta", 1)));
}

TEST(GraphiteNaming, MinAndMaxWhenEnabledWithPercentBounds) {
    NamingSettings bounds{
        .send_warning = false, .send_critical = false, .send_min = true, .send_max = true};
    EXPECT_THAT(
        points_of("used=12MB;;;0;100 pct=50%", bounds),
        ElementsAre(FieldsAre("used", 12), FieldsAre("used_min", 0), FieldsAre("used_max", 100),
                    FieldsAre("pct", 50), FieldsAre("pct_min", 0), FieldsAre("pct_max", 100)));
    EXPECT_THAT(points_of("used=12MB;;;0;100"), ElementsAre(FieldsAre("used", 12)));
}

TEST(GraphiteNaming, UnmeasuredValuesAndBrokenMetricsGiveNothing) {
    EXPECT_THAT(points_of("a=U b=abc c=3 'load 1'=0.2"),
                ElementsAre(FieldsAre("c", 3), FieldsAre("load.1", 0.2)));
    EXPECT_TRUE(points_of("").empty());
}

TEST(GraphiteNaming, TheTimestampDropsSmallLatencies) {
    NamingSettings none;
    EXPECT_EQ(check_timestamp(1700000010.9, 2.5, none), 1700000010);
    NamingSettings limit{.ignore_latency_limit = 15};
    EXPECT_EQ(check_timestamp(1700000010.9, 2.5, limit), 1700000008);  // int - int, as Shinken
    EXPECT_EQ(check_timestamp(1700000010.9, 20, limit), 1700000010);   // too late: real time
    EXPECT_EQ(check_timestamp(1700000010.9, 0, limit), 1700000010);
}

TEST(GraphiteNaming, LinesAreCarbonPlaintext) {
    std::string out;
    EXPECT_EQ(
        append_lines(out, "prod.web1.Ping", {{"rta", 0.25}, {"pl", 0}, {"big", 1e21}}, 1700000000),
        3u);
    EXPECT_EQ(out,
              "prod.web1.Ping.rta 0.25 1700000000\n"
              "prod.web1.Ping.pl 0 1700000000\n"
              "prod.web1.Ping.big 1e+21 1700000000\n");
    EXPECT_EQ(format_value(42), "42");
    EXPECT_EQ(format_value(-0.001), "-0.001");
}

}  // namespace
}  // namespace yagura::modules::graphite
