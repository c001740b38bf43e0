#include "crc32c.hpp"

#include <string>

#include <gtest/gtest.h>

namespace yagura::retention {
namespace {

TEST(Crc32c, MatchesTheStandardCheckValue) {
    EXPECT_EQ(crc32c("123456789"), 0xe3069283u);
    EXPECT_EQ(detail::crc32c_software("123456789"), 0xe3069283u);
    EXPECT_EQ(crc32c(""), 0u);
}

TEST(Crc32c, HardwareAndTablePathsAgreeAndContinue) {
    std::string data;
    for (int i = 0; i < 1000; ++i) {
        data += static_cast<char>(i * 7 + i / 13);
    }
    for (std::size_t size : {0u, 1u, 7u, 8u, 9u, 63u, 1000u}) {
        auto part = std::string_view(data).substr(0, size);
        EXPECT_EQ(crc32c(part), detail::crc32c_software(part)) << size;
    }
    auto whole = crc32c(data);
    EXPECT_EQ(
        crc32c(std::string_view(data).substr(333), crc32c(std::string_view(data).substr(0, 333))),
        whole);
    data[500] ^= 1;
    EXPECT_NE(crc32c(data), whole);
}

}  // namespace
}  // namespace yagura::retention
