#include <gtest/gtest.h>

#include <yagura/retention/keys.hpp>

namespace yagura::retention {
namespace {

TEST(RetentionKeys, HostAndServiceKeysNameTheElement) {
    EXPECT_EQ(host_key("web01"), "host:web01");
    EXPECT_EQ(service_key("web01", "HTTP port 80"), "service:web01:HTTP port 80");
    EXPECT_EQ(global_key("counters"), "global:counters");
}

TEST(RetentionKeys, SeparatorsInsideNamesAreEscaped) {
    EXPECT_EQ(service_key("db:01", "Disk C:\\ 100%"), "service:db%3A01:Disk C%3A\\ 100%25");
    // Without escaping these two would share "service:a:b:c".
    EXPECT_NE(service_key("a:b", "c"), service_key("a", "b:c"));
    EXPECT_NE(host_key("a:b"), service_key("a", "b"));
}

TEST(RetentionKeys, ControlCharactersAreEscapedAndUtf8IsKept) {
    EXPECT_EQ(escape_key_part(std::string("a\nb\tc\x7f", 6)), "a%0Ab%09c%7F");
    EXPECT_EQ(escape_key_part("Überwachung 監視"), "Überwachung 監視");
}

TEST(RetentionKeys, ParseInvertsEveryKind) {
    std::string nasty("h:%\n\x01 é", 8);
    auto host = parse_key(host_key(nasty));
    ASSERT_TRUE(host);
    EXPECT_EQ(host->kind, KeyKind::host);
    EXPECT_EQ(host->name, nasty);

    auto service = parse_key(service_key(nasty, "svc:1%"));
    ASSERT_TRUE(service);
    EXPECT_EQ(service->kind, KeyKind::service);
    EXPECT_EQ(service->name, nasty);
    EXPECT_EQ(service->service_description, "svc:1%");

    auto global = parse_key(global_key("ids"));
    ASSERT_TRUE(global);
    EXPECT_EQ(global->kind, KeyKind::global);
    EXPECT_EQ(global->name, "ids");
}

TEST(RetentionKeys, ParseRejectsWhatNoKeyFunctionProduces) {
    EXPECT_FALSE(parse_key("host"));
    EXPECT_FALSE(parse_key("host:a:b"));     // a host key has one part
    EXPECT_FALSE(parse_key("service:a"));    // a service key has two
    EXPECT_FALSE(parse_key("contact:bob"));  // unknown kind
    EXPECT_FALSE(parse_key("host:bad%zzescape"));
    EXPECT_FALSE(parse_key("host:cut%4"));
    EXPECT_FALSE(unescape_key_part("a:b"));
    EXPECT_EQ(unescape_key_part("100%25"), "100%");
}

}  // namespace
}  // namespace yagura::retention
