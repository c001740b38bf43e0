#include "latency_histogram.hpp"

#include <gtest/gtest.h>

namespace yagura::retention {
namespace {

TEST(LatencyHistogram, PercentilesAreWithinAnEighth) {
    LatencyHistogram histogram;
    for (int i = 1; i <= 1000; ++i) {
        histogram.record(i * 0.001);  // 1 ms .. 1 s
    }
    EXPECT_EQ(histogram.count(), 1000u);
    EXPECT_NEAR(histogram.percentile(0.5), 0.5, 0.5 / 8);
    EXPECT_NEAR(histogram.percentile(0.99), 0.99, 0.99 / 8);
    EXPECT_DOUBLE_EQ(histogram.max(), 1.0);
    EXPECT_LE(histogram.percentile(1.0), 1.0);
}

TEST(LatencyHistogram, MergeAddsCounts) {
    LatencyHistogram fast;
    LatencyHistogram slow;
    for (int i = 0; i < 90; ++i) {
        fast.record(0.001);
    }
    for (int i = 0; i < 10; ++i) {
        slow.record(2.0);
    }
    fast.merge(slow);
    EXPECT_EQ(fast.count(), 100u);
    EXPECT_LT(fast.percentile(0.5), 0.0015);
    EXPECT_GT(fast.percentile(0.95), 1.7);
    EXPECT_EQ(LatencyHistogram().percentile(0.5), 0);
}

}  // namespace
}  // namespace yagura::retention
