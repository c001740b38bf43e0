#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/daemon/settings.hpp>

#include "temp_dir.hpp"

namespace yagura::daemon {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::TempDir;

TEST(SatelliteSettings, ReadsDaemonSectionAndResolvesRelativePathsAgainstTheIni) {
    TempDir dir;
    auto ini = dir.write("etc/daemons/poller.ini",
                         "[daemon]\n"
                         "workdir = ../../var\n"
                         "pidfile = %(workdir)s/pollerd.pid\n"
                         "host = 127.0.0.1\n"
                         "port = 17771\n"
                         "use_ssl = 1\n"
                         "ca_cert = ../certs/ca.pem\n"
                         "server_cert = /abs/poller.pem\n"
                         "server_key = ../certs/poller.key\n"
                         "hard_ssl_name_check = yes\n"
                         "local_log = ../../var/poller.log\n"
                         "log_level = WARNING\n"
                         "daemon_enabled = 1\n"
                         "colour = blue\n");
    auto settings = load_satellite_settings(ini, "poller");
    EXPECT_EQ(settings.workdir, dir / "var");
    EXPECT_EQ(settings.pidfile, dir / "var/pollerd.pid");
    EXPECT_EQ(settings.port, 17771);
    EXPECT_TRUE(settings.tls.use_ssl);
    EXPECT_TRUE(settings.tls.hard_ssl_name_check);
    EXPECT_EQ(settings.tls.ca_cert, dir / "etc/certs/ca.pem");
    EXPECT_EQ(settings.tls.cert, "/abs/poller.pem");
    EXPECT_EQ(settings.tls.key, dir / "etc/certs/poller.key");
    EXPECT_EQ(settings.local_log, dir / "var/poller.log");
    EXPECT_EQ(settings.log_level, "warning");
    // Shinken's daemon_enabled is known and quietly ignored; a made-up key is reported.
    EXPECT_THAT(settings.warnings, ElementsAre(HasSubstr("poller.ini:14: unknown key 'colour'")));
}

TEST(SatelliteSettings, DefaultsFollowTheRoleAndTheIniDirectory) {
    TempDir dir;
    auto ini = dir.write("broker.ini", "[daemon]\n");
    auto settings = load_satellite_settings(ini, "broker");
    EXPECT_EQ(settings.port, 7772);
    EXPECT_EQ(settings.host, "0.0.0.0");
    EXPECT_FALSE(settings.tls.use_ssl);
    EXPECT_EQ(settings.workdir, dir.path.string());
    EXPECT_EQ(settings.pidfile, dir / "brokerd.pid");
    EXPECT_EQ(settings.name, "broker");
}

TEST(SatelliteSettings, BadValuesAreErrorsNamingFileAndLine) {
    TempDir dir;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"port = 70000", "port"},
        {"port = http", "port"},
        {"use_ssl = maybe", "use_ssl"},
        {"log_level = loud", "log_level"},
        {"max_request_body = -5", "max_request_body"}};
    for (const auto& [line, key] : cases) {
        auto ini = dir.write("bad.ini", "[daemon]\n" + line + "\n");
        try {
            load_satellite_settings(ini, "scheduler");
            FAIL() << line;
        } catch (const core::Error& e) {
            EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);
            EXPECT_THAT(e.what(), HasSubstr("bad.ini:2: " + key));
        }
    }
    EXPECT_THROW(load_satellite_settings(dir.write("none.ini", "[other]\n"), "poller"),
                 core::Error);
    EXPECT_THROW(load_satellite_settings(dir / "missing.ini", "poller"), core::Error);
    EXPECT_THROW(load_satellite_settings(dir.write("ok.ini", "[daemon]\n"), "watcher"),
                 core::Error);
}

TEST(ArbiterSettings, ComeFromTheMainFileGlobals) {
    TempDir dir;
    auto cfg = dir.write("etc/yagura.cfg",
                         "# main file\n"
                         "cfg_dir=objects\n"
                         "interval_length=60\n"
                         "workdir=../var\n"
                         "lock_file=/run/yagura/arbiterd.pid\n"
                         "local_log=../var/arbiter.log ; comment\n"
                         "log_level=DEBUG\n"
                         "use_ssl=1\n"
                         "ca_cert=certs/ca.pem\n"
                         "server_cert=certs/arbiter.pem\n"
                         "server_key=certs/arbiter.key\n"
                         "hard_ssl_name_check=0\n"
                         "define arbiter {\n"
                         "  port=9999\n"
                         "}\n");
    auto settings = load_arbiter_settings(cfg);
    EXPECT_EQ(settings.role, "arbiter");
    EXPECT_EQ(settings.workdir, dir / "var");
    EXPECT_EQ(settings.pidfile, "/run/yagura/arbiterd.pid");
    EXPECT_EQ(settings.local_log, dir / "var/arbiter.log");
    EXPECT_EQ(settings.log_level, "debug");
    EXPECT_TRUE(settings.tls.use_ssl);
    EXPECT_EQ(settings.tls.ca_cert, dir / "etc/certs/ca.pem");
    EXPECT_EQ(settings.tls.key, dir / "etc/certs/arbiter.key");
    EXPECT_EQ(settings.host, "127.0.0.1");
    EXPECT_EQ(settings.port, 7770);  // not the 9999 inside a define block
}

TEST(ArbiterSettings, BadGlobalIsAnError) {
    TempDir dir;
    EXPECT_THROW(load_arbiter_settings(dir.write("yagura.cfg", "use_ssl=perhaps\n")), core::Error);
    EXPECT_THROW(load_arbiter_settings(dir / "missing.cfg"), core::Error);
}

}  // namespace
}  // namespace yagura::daemon
