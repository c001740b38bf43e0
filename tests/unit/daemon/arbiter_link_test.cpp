#include "arbiter/arbiter_link.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>

#include "temp_dir.hpp"

namespace yagura::arbiter {
namespace {

using daemon::testing::TempDir;
using ::testing::HasSubstr;

const char* kTwoArbiters =
    "define arbiter {\n"
    "    arbiter_name   arbiter-master ; the master\n"
    "    host_name      node1\n"
    "    address        10.0.0.1\n"
    "    port           7770\n"
    "}\n"
    "define arbiter\n"
    "{\n"
    "    arbiter_name   arbiter-spare\n"
    "    host_name      node2.example.org\n"
    "    address        10.0.0.2\n"
    "    port           7771\n"
    "    spare          1\n"
    "}\n"
    "define host {\n"
    "    host_name      node1\n"
    "}\n";

TEST(ArbiterLink, FoundByNameThenByHostNameThenAsTheOnlyOne) {
    TempDir dir;
    dir.write("etc/objects/arbiters/arbiters.cfg", kTwoArbiters);
    auto cfg = dir.write("etc/yagura.cfg", "cfg_dir=objects\n");
    auto by_name = find_own_arbiter_link(cfg, "arbiter-spare", "node1");
    EXPECT_EQ(by_name.address, "10.0.0.2");
    EXPECT_EQ(by_name.port, 7771);
    EXPECT_TRUE(by_name.spare);
    EXPECT_THAT(by_name.defined_at, HasSubstr("arbiters.cfg:7"));
    EXPECT_EQ(find_own_arbiter_link(cfg, "", "node1").name, "arbiter-master");
    EXPECT_EQ(find_own_arbiter_link(cfg, "", "node2").name, "arbiter-spare");  // short name
    EXPECT_THROW(find_own_arbiter_link(cfg, "", "elsewhere"), core::Error);
    EXPECT_THROW(find_own_arbiter_link(cfg, "nope", "node1"), core::Error);

    auto single = dir.write("etc/single.cfg", "cfg_file=objects/one.cfg\n");
    dir.write("etc/objects/one.cfg",
              "define arbiter {\n arbiter_name solo\n address 127.0.0.2\n port 17770\n}\n");
    EXPECT_EQ(find_own_arbiter_link(single, "", "anywhere").name, "solo");
}

TEST(ArbiterLink, DefaultsToLocalhostWhenNoneDefined) {
    TempDir dir;
    auto cfg = dir.write("yagura.cfg", "interval_length=60\n");
    auto link = find_own_arbiter_link(cfg, "", "anywhere");
    EXPECT_EQ(link.address, "127.0.0.1");
    EXPECT_EQ(link.port, 7770);
}

TEST(ArbiterLink, ErrorsNameTheFile) {
    TempDir dir;
    auto missing_dir = dir.write("a.cfg", "cfg_dir=nowhere\n");
    EXPECT_THAT([&] { read_arbiter_links(missing_dir); },
                ::testing::ThrowsMessage<core::Error>(HasSubstr("a.cfg:1")));
    dir.write("open.cfg", "define arbiter {\n arbiter_name x\n");
    auto unterminated = dir.write("b.cfg", "cfg_file=open.cfg\n");
    EXPECT_THAT([&] { read_arbiter_links(unterminated); },
                ::testing::ThrowsMessage<core::Error>(HasSubstr("open.cfg:1")));
    dir.write("badport.cfg", "define arbiter {\n port 99999\n}\n");
    EXPECT_THROW(read_arbiter_links(dir.write("c.cfg", "cfg_file=badport.cfg\n")), core::Error);
}

}  // namespace
}  // namespace yagura::arbiter
