#include <set>

#include <gtest/gtest.h>

#include <yagura/core/ids.hpp>

namespace yagura::core {
namespace {

TEST(RunningId, IsStableWithinAProcessAndLooksLikeShinkens) {
    const auto& id = running_id();
    EXPECT_EQ(id, running_id());
    auto dot = id.find('.');
    ASSERT_NE(dot, std::string::npos);
    EXPECT_GT(dot, 0U);
    EXPECT_LT(dot + 1, id.size());
}

TEST(RandomHexId, HasTheAskedLengthAndDiffers) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto id = random_hex_id(6);
        EXPECT_EQ(id.size(), 12U);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 100U);
}

TEST(RandomBetween, StaysInRange) {
    for (int i = 0; i < 1000; ++i) {
        auto v = random_between(3, 7);
        EXPECT_GE(v, 3U);
        EXPECT_LE(v, 7U);
    }
}

}  // namespace
}  // namespace yagura::core
