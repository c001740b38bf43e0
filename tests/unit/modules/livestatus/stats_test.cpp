// Stats: count filters, every aggregate, StatsAnd/Or/Negate and grouping.
#include <cmath>

#include <gtest/gtest.h>

#include "sample_site.hpp"

namespace yagura::test {
namespace {

class StatsTest : public ::testing::Test {
protected:
    SampleSite site;
};

TEST_F(StatsTest, CountsByState) {
    auto rows = site.rows(
        "GET services\nStats: state = 0\nStats: state = 1\nStats: state = 2\nStats: state = 3");
    EXPECT_EQ(rows, json::parse("[[2,1,1,1]]"));
}

TEST_F(StatsTest, EveryAggregate) {
    // latencies: 0.5 1.5 2.5 2.0 0.0
    auto rows = site.rows(
        "GET services\nStats: sum latency\nStats: min latency\nStats: max latency\n"
        "Stats: avg latency\nStats: std latency\nStats: suminv execution_time\n"
        "Stats: avginv execution_time\nStats: sum state");
    ASSERT_EQ(rows.size(), 1u);
    const auto& r = rows[0];
    EXPECT_DOUBLE_EQ(r[0].get<double>(), 6.5);
    EXPECT_DOUBLE_EQ(r[1].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(r[2].get<double>(), 2.5);
    EXPECT_DOUBLE_EQ(r[3].get<double>(), 1.3);
    double mean = 1.3;
    double variance = (0.25 + 2.25 + 6.25 + 4.0 + 0.0) / 5 - mean * mean;
    EXPECT_NEAR(r[4].get<double>(), std::sqrt(variance), 1e-9);
    // execution times 1.0 2.0 0.5 3.5 0.0 (zero has no inverse and is skipped)
    double inverses = 1.0 + 0.5 + 2.0 + 1.0 / 3.5;
    EXPECT_NEAR(r[5].get<double>(), inverses, 1e-9);
    EXPECT_NEAR(r[6].get<double>(), inverses / 5, 1e-9);
    EXPECT_TRUE(r[7].is_number_integer());  // sums of int columns stay ints
    EXPECT_EQ(r[7], 6);
}

TEST_F(StatsTest, AggregatesOverNoRows) {
    auto rows = site.rows("GET services\nFilter: state = 9\nStats: state = 0\nStats: avg latency");
    EXPECT_EQ(rows, json::parse("[[0,0]]"));
}

TEST_F(StatsTest, StatsAndOrNegate) {
    auto rows = site.rows(
        "GET services\nStats: state != 0\nStats: acknowledged = 0\nStatsAnd: 2\n"
        "Stats: state = 1\nStats: state = 2\nStatsOr: 2\nStats: state = 0\nStatsNegate:");
    EXPECT_EQ(rows, json::parse("[[2,2,3]]"));
    EXPECT_EQ(site.ask("GET services\nStats: sum latency\nStatsNegate:").status, 400);
    EXPECT_EQ(site.ask("GET services\nStats: state = 0\nStatsAnd: 3").status, 400);
    EXPECT_EQ(site.ask("GET services\nStats: sum plugin_output").status, 400);
}

TEST_F(StatsTest, GroupedByColumns) {
    auto rows = site.rows("GET services\nColumns: host_name\nStats: state = 0\nStats: state != 0");
    EXPECT_EQ(rows, json::parse(R"([["db1",1,1],["web1",1,1],["web2",0,1]])"));
    auto old = site.rows("GET services\nStatsGroupBy: host_name\nStats: state = 0");
    EXPECT_EQ(old, json::parse(R"([["db1",1],["web1",1],["web2",0]])"));
    auto limited = site.rows("GET services\nColumns: host_name\nStats: state = 0\nLimit: 1");
    EXPECT_EQ(limited.size(), 1u);
}

TEST_F(StatsTest, GroupedByListAndFloatColumns) {
    EXPECT_EQ(site.rows("GET hosts\nColumns: groups\nStats: state >= 0"),
              json::parse(R"([[["linux"],1],[["web"],1],[["web","linux"],1]])"));
    EXPECT_EQ(site.rows("GET services\nColumns: latency\nStats: state >= 0\nFilter: latency > 1.9"),
              json::parse("[[2,1],[2.5,1]]"));
}

TEST_F(StatsTest, HeadersOfStatsColumns) {
    auto rows = site.rows("GET services\nColumns: host_name\nStats: state = 0\nColumnHeaders: on");
    EXPECT_EQ(rows[0], json::parse(R"(["host_name","stats_1"])"));
}

}  // namespace
}  // namespace yagura::test
