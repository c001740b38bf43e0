#include <gtest/gtest.h>

#include <yagura/core/strings.hpp>

namespace yagura::core {
namespace {

TEST(Strings, TrimAndSplit) {
    EXPECT_EQ(trim("  a b \t\n"), "a b");
    EXPECT_EQ(split(" a, b ,,c ", ','), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(split("a,,b", ',', false), (std::vector<std::string>{"a", "", "b"}));
    EXPECT_EQ(join({"x", "y", "z"}, ", "), "x, y, z");
}

TEST(Strings, StrictNumbers) {
    EXPECT_EQ(parse_int(" 42 "), 42);
    EXPECT_EQ(parse_int("+7"), 7);
    EXPECT_EQ(parse_int("-3"), -3);
    EXPECT_FALSE(parse_int("4x"));
    EXPECT_FALSE(parse_int(""));
    EXPECT_DOUBLE_EQ(*parse_double("2.5"), 2.5);
    EXPECT_FALSE(parse_double("2.5.1"));
}

TEST(Strings, Booleans) {
    EXPECT_EQ(parse_bool("Yes"), true);
    EXPECT_EQ(parse_bool("0"), false);
    EXPECT_FALSE(parse_bool("maybe"));
}

TEST(Strings, CaseAndAffixes) {
    EXPECT_TRUE(iequals("HostName", "hostname"));
    EXPECT_FALSE(iequals("host", "hosts"));
    EXPECT_TRUE(starts_with("define host", "define"));
    EXPECT_TRUE(ends_with("a.cfg", ".cfg"));
    EXPECT_EQ(to_lower("ABC"), "abc");
}

TEST(Strings, EditDistanceForSuggestions) {
    EXPECT_EQ(edit_distance("generic-host", "generic-hots"), 2U);
    EXPECT_EQ(edit_distance("", "abc"), 3U);
    EXPECT_EQ(edit_distance("same", "same"), 0U);
}

}  // namespace
}  // namespace yagura::core
