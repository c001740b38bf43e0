#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/daemon/ini.hpp>

namespace yagura::daemon {
namespace {

using ::testing::HasSubstr;

TEST(Ini, ReadsSectionsCommentsAndShinkenInterpolation) {
    auto ini = parse_ini(
        "# Shinken's schedulerd.ini, more or less\n"
        "[DEFAULT]\n"
        "base = /var/lib\n"
        "[daemon]\n"
        "; comment\n"
        "pidfile=%(workdir)s/schedulerd.pid\n"
        "workdir = %(base)s/yagura\n"
        "Port: 7768\n"
        "percent = 100%%\n",
        "schedulerd.ini");
    const auto* daemon = ini.section("DAEMON");
    ASSERT_NE(daemon, nullptr);
    EXPECT_EQ(daemon->at("pidfile").value, "/var/lib/yagura/schedulerd.pid");
    EXPECT_EQ(daemon->at("pidfile").line, 6);
    EXPECT_EQ(daemon->at("port").value, "7768");
    EXPECT_EQ(daemon->at("percent").value, "100%");
}

TEST(Ini, ErrorsNameTheFileAndLine) {
    try {
        parse_ini("[daemon]\nport 7768\n", "bad.ini");
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);
        EXPECT_THAT(e.what(), HasSubstr("bad.ini:2:"));
    }
    EXPECT_THROW(parse_ini("port = 1\n", "x.ini"), core::Error);           // before a section
    EXPECT_THROW(parse_ini("[daemon\nport = 1\n", "x.ini"), core::Error);  // broken header
    EXPECT_THROW(parse_ini("[d]\na = %(nope)s\n", "x.ini"), core::Error);
    EXPECT_THROW(parse_ini("[d]\na = %(b)s\nb = %(a)s\n", "x.ini"), core::Error);  // a loop
    EXPECT_THROW(load_ini("/nonexistent/yagura.ini"), core::Error);
}

}  // namespace
}  // namespace yagura::daemon
