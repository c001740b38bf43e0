#include <cmath>
#include <limits>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/exec/perfdata.hpp>

namespace yagura::exec {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

const PerfMetric& only_metric(const PerfData& data) {
    EXPECT_THAT(data.metrics, SizeIs(1));
    return data.metrics.front();
}

TEST(PerfData, AllFields) {
    auto data = parse_perf_data("time=0.0123s;1;2.5;0;10");
    const auto& metric = only_metric(data);
    EXPECT_EQ(metric.label, "time");
    EXPECT_DOUBLE_EQ(*metric.value, 0.0123);
    EXPECT_EQ(metric.unit, "s");
    EXPECT_EQ(metric.warn->raw, "1");
    EXPECT_DOUBLE_EQ(metric.crit->high, 2.5);
    EXPECT_DOUBLE_EQ(*metric.min, 0);
    EXPECT_DOUBLE_EQ(*metric.max, 10);
    EXPECT_TRUE(data.notes.empty());
}

TEST(PerfData, SeveralMetricsAndUnits) {
    auto data =
        parse_perf_data("a=1s b=2ms c=3us d=4% e=5B f=6KB g=7MB h=8GB i=9TB j=10c k=11widgets");
    ASSERT_THAT(data.metrics, SizeIs(11));
    std::vector<std::string> units;
    for (const auto& metric : data.metrics) {
        units.push_back(metric.unit);
    }
    EXPECT_THAT(units, ::testing::ElementsAre("s", "ms", "us", "%", "B", "KB", "MB", "GB", "TB",
                                              "c", "widgets"));
    EXPECT_DOUBLE_EQ(*data.metrics[10].value, 11);
}

TEST(PerfData, QuotedLabelsWithSpacesEqualsAndQuotes) {
    auto data = parse_perf_data("'C:\\ used space'=10GB 'it''s = odd'=1 plain=2");
    ASSERT_THAT(data.metrics, SizeIs(3));
    EXPECT_EQ(data.metrics[0].label, "C:\\ used space");
    EXPECT_EQ(data.metrics[0].unit, "GB");
    EXPECT_EQ(data.metrics[1].label, "it's = odd");
    EXPECT_EQ(data.metrics[2].label, "plain");
}

TEST(PerfData, MissingFieldsStayEmpty) {
    const auto data = parse_perf_data("a=1;;;0;");
    const auto& metric = only_metric(data);
    EXPECT_EQ(metric.unit, "");
    EXPECT_FALSE(metric.warn.has_value());
    EXPECT_FALSE(metric.crit.has_value());
    EXPECT_DOUBLE_EQ(*metric.min, 0);
    EXPECT_FALSE(metric.max.has_value());
}

TEST(PerfData, ValueOnly) {
    const auto data = parse_perf_data("users=3");
    const auto& metric = only_metric(data);
    EXPECT_DOUBLE_EQ(*metric.value, 3);
    EXPECT_FALSE(metric.warn || metric.crit || metric.min || metric.max);
}

TEST(PerfData, UndeterminedValue) {
    const auto data = parse_perf_data("rta=U;100;200");
    const auto& metric = only_metric(data);
    EXPECT_FALSE(metric.value.has_value());
    EXPECT_EQ(metric.crit->raw, "200");
}

TEST(PerfData, NegativeExponentAndDecimalCommaValues) {
    auto data = parse_perf_data("a=-1.5e-3 b=+2 c=0,25s d=.5");
    ASSERT_THAT(data.metrics, SizeIs(4));
    EXPECT_DOUBLE_EQ(*data.metrics[0].value, -0.0015);
    EXPECT_DOUBLE_EQ(*data.metrics[1].value, 2);
    EXPECT_DOUBLE_EQ(*data.metrics[2].value, 0.25);
    EXPECT_EQ(data.metrics[2].unit, "s");
    EXPECT_DOUBLE_EQ(*data.metrics[3].value, 0.5);
}

TEST(PerfData, GarbageIsSkippedWithANoteAndParsingGoesOn) {
    auto data = parse_perf_data("good=1 justtext bad=abc 'unclosed=1 x");
    ASSERT_THAT(data.metrics, SizeIs(1));
    EXPECT_EQ(data.metrics[0].label, "good");
    ASSERT_THAT(data.notes, SizeIs(3));
    EXPECT_THAT(data.notes[0], HasSubstr("justtext"));
    EXPECT_THAT(data.notes[1], HasSubstr("'bad': value 'abc' is not a number"));
    EXPECT_THAT(data.notes[2], HasSubstr("unterminated quote"));
}

TEST(PerfData, BadMinOrMaxKeepsTheMetric) {
    auto data = parse_perf_data("a=1;2;3;zero;ten");
    const auto& metric = only_metric(data);
    EXPECT_FALSE(metric.min.has_value());
    EXPECT_FALSE(metric.max.has_value());
    EXPECT_THAT(data.notes, SizeIs(2));
}

TEST(PerfData, EmptyAndBlank) {
    EXPECT_TRUE(parse_perf_data("").metrics.empty());
    EXPECT_TRUE(parse_perf_data("  \t ").metrics.empty());
    EXPECT_TRUE(parse_perf_data("=1 ''=2").metrics.empty());
}

TEST(PerfRange, PlainNumberMeansOutsideZeroToIt) {
    auto range = parse_perf_range("10");
    ASSERT_TRUE(range.parsed);
    EXPECT_DOUBLE_EQ(range.low, 0);
    EXPECT_DOUBLE_EQ(range.high, 10);
    EXPECT_FALSE(range.alerts(5));
    EXPECT_TRUE(range.alerts(11));
    EXPECT_TRUE(range.alerts(-1));
}

TEST(PerfRange, OpenEnds) {
    auto at_least = parse_perf_range("10:");
    EXPECT_TRUE(std::isinf(at_least.high));
    EXPECT_TRUE(at_least.alerts(9));
    EXPECT_FALSE(at_least.alerts(1e9));
    auto at_most = parse_perf_range("~:5");
    EXPECT_TRUE(std::isinf(at_most.low) && at_most.low < 0);
    EXPECT_FALSE(at_most.alerts(-1e9));
    EXPECT_TRUE(at_most.alerts(6));
}

TEST(PerfRange, InsideWithAt) {
    auto range = parse_perf_range("@10:20");
    ASSERT_TRUE(range.parsed);
    EXPECT_TRUE(range.inside);
    EXPECT_EQ(range.raw, "@10:20");
    EXPECT_TRUE(range.alerts(15));
    EXPECT_FALSE(range.alerts(25));
}

TEST(PerfRange, UnparsableRangesKeepTheirText) {
    for (const char* text : {"abc", "20:10", "1:2:3", "@", "~", "5x"}) {
        auto range = parse_perf_range(text);
        EXPECT_FALSE(range.parsed) << text;
        EXPECT_EQ(range.raw, text);
        EXPECT_FALSE(range.alerts(0));
    }
}

TEST(PerfData, RangesInThresholds) {
    const auto data = parse_perf_data("temp=25C;@10:20;~:30");
    const auto& metric = only_metric(data);
    EXPECT_TRUE(metric.warn->inside);
    EXPECT_TRUE(std::isinf(metric.crit->low));
    EXPECT_DOUBLE_EQ(metric.crit->high, 30);
}

}  // namespace
}  // namespace yagura::exec
