#include <ctime>

#include <gtest/gtest.h>

#include <yagura/core/clock.hpp>

namespace yagura::core {
namespace {

TEST(FakeClock, MovesOnlyWhenTold) {
    FakeClock clock(1000.0);
    EXPECT_DOUBLE_EQ(clock.now(), 1000.0);
    clock.advance(2.5);
    EXPECT_DOUBLE_EQ(clock.now(), 1002.5);
    clock.set(50.0);
    EXPECT_EQ(clock.now_seconds(), 50);
}

TEST(SystemClock, AgreesWithTheSystemTime) {
    SystemClock clock;
    auto system_now = static_cast<double>(std::time(nullptr));
    EXPECT_NEAR(clock.now(), system_now, 2.0);
}

TEST(MonotonicSeconds, NeverGoesBack) {
    double first = monotonic_seconds();
    double second = monotonic_seconds();
    EXPECT_LE(first, second);
}

}  // namespace
}  // namespace yagura::core
