#include "receiver/nsca.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace yagura::receiver::nsca {
namespace {

using ::testing::HasSubstr;

constexpr std::uint32_t kNow = 1'700'000'000;

std::vector<std::uint8_t> bytes(const std::string& s) {
    return {s.begin(), s.end()};
}

TEST(Nsca, Crc32IsTheCommonOne) {
    EXPECT_EQ(crc32(bytes("123456789")), 0xCBF43926u);
}

TEST(Nsca, BothPacketSizesRoundTrip) {
    for (auto size : {kOldPacketSize, kPacketSize}) {
        auto packet = bytes(encode({"web1", "HTTP", 2, "CRITICAL|t=1", kNow - 5}, size));
        ASSERT_EQ(packet.size(), size);
        auto d = decode(packet, kNow, {});
        ASSERT_TRUE(d.result) << d.error;
        EXPECT_EQ(d.result->host_name, "web1");
        EXPECT_EQ(d.result->service_description, "HTTP");
        EXPECT_EQ(d.result->return_code, 2);
        EXPECT_EQ(d.result->output, "CRITICAL|t=1");
    }
}

TEST(Nsca, XorWithIvAndPasswordIsUndone) {
    Iv iv{};
    for (std::size_t i = 0; i < iv.size(); ++i) {
        iv[i] = static_cast<std::uint8_t>(i * 31 + 7);
    }
    const Settings right{1, "secret", 30};
    auto packet = bytes(encode({"h", "", 1, "down", kNow}));
    const auto plain = packet;
    crypt(packet, iv, right);
    EXPECT_NE(packet, plain);
    auto wrong = packet;
    crypt(wrong, iv, {1, "other", 30});
    EXPECT_THAT(decode(wrong, kNow, right).error, HasSubstr("wrong password"));
    crypt(packet, iv, right);
    auto d = decode(packet, kNow, right);
    ASSERT_TRUE(d.result) << d.error;
    EXPECT_TRUE(d.result->service_description.empty());
}

TEST(Nsca, BadPacketsSayWhy) {
    auto packet = bytes(encode({"h", "s", 0, "ok", kNow}));
    auto flipped = packet;
    flipped[300] ^= 1;
    EXPECT_THAT(decode(flipped, kNow, {}).error, HasSubstr("CRC32"));
    EXPECT_THAT(decode(packet, kNow + 31, {}).error, HasSubstr("stale"));
    EXPECT_THAT(decode(packet, kNow - 31, {}).error, HasSubstr("stale"));
    EXPECT_TRUE(decode(packet, kNow + 3600, {0, "", 0}).result);  // age not checked
    EXPECT_THAT(decode(std::vector<std::uint8_t>(100), kNow, {}).error, HasSubstr("100 bytes"));
    auto version = packet;
    version[1] = 2;
    EXPECT_THAT(decode(version, kNow, {}).error, HasSubstr("version"));
}

TEST(Nsca, InitPacketCarriesIvAndTime) {
    Iv iv{};
    iv[0] = 0xAB;
    auto init = init_packet(iv, 0x01020304);
    EXPECT_EQ(init[0], 0xAB);
    EXPECT_EQ(init[128], 1);
    EXPECT_EQ(init[131], 4);
}

}  // namespace
}  // namespace yagura::receiver::nsca
