#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/net/pki.hpp>

#include "harness/site.hpp"
#include "yagura_test_paths.hpp"

namespace yagura::harness {
namespace {

using ::testing::HasSubstr;

TEST(Cli, PkiInitAndIssueMakeCertificatesThatVerify) {
    TempDir dir;
    auto yagura = executable("yagura");
    auto certs = dir / "certs";
    auto init = run_command(yagura, {"pki", "init", "--dir", certs}, dir.path().string());
    ASSERT_TRUE(init.status.clean()) << init.output;
    auto issue = run_command(yagura,
                             {"pki", "issue", "--dir", certs, "--name", "scheduler-1", "--dns",
                              "sched1.example", "--ip", "127.0.0.1"},
                             dir.path().string());
    ASSERT_TRUE(issue.status.clean()) << issue.output;
    auto ca = read_file(certs + "/ca.pem");
    auto cert = read_file(certs + "/scheduler-1.pem");
    EXPECT_TRUE(net::pki::verify_certificate(cert, ca));
    EXPECT_THAT(net::pki::certificate_names(cert),
                ::testing::ElementsAre("scheduler-1", "sched1.example", "127.0.0.1"));

    // The CA is never replaced by accident: every certificate depends on it.
    auto again = run_command(yagura, {"pki", "init", "--dir", certs}, dir.path().string());
    EXPECT_NE(again.status.code, 0);
    EXPECT_THAT(again.output, HasSubstr("--force"));
    EXPECT_EQ(read_file(certs + "/ca.pem"), ca);
    auto bad_ip =
        run_command(yagura, {"pki", "issue", "--dir", certs, "--name", "x", "--ip", "1.2.3"},
                    dir.path().string());
    EXPECT_NE(bad_ip.status.code, 0);
    EXPECT_THAT(bad_ip.output, HasSubstr("not an IP address"));
}

TEST(Cli, StatusPingsEveryDaemonGivenAndFailsWhenOneIsDown) {
    Site site;
    auto& scheduler = site.add("scheduler");
    scheduler.start();
    auto up = "127.0.0.1:" + std::to_string(scheduler.port());
    auto down = "127.0.0.1:" + std::to_string(free_port());
    auto yagura = executable("yagura");
    auto ok =
        run_command(yagura, {"status", "--cacert", site.ca_cert(), up}, site.dir().path().string());
    EXPECT_TRUE(ok.status.clean()) << ok.output;
    EXPECT_THAT(ok.output, HasSubstr("up"));
    EXPECT_THAT(ok.output, HasSubstr(scheduler.get_json("/get_running_id").get<std::string>()));
    auto one_down = run_command(yagura, {"status", "--cacert", site.ca_cert(), up, down},
                                site.dir().path().string());
    EXPECT_EQ(one_down.status.code, 1);
    EXPECT_THAT(one_down.output, HasSubstr("DOWN"));
}

TEST(Cli, EveryExecutableHasHelpAndVersion) {
    TempDir dir;
    for (const char* name :
         {"arbiter", "scheduler", "poller", "reactionner", "broker", "receiver", "yagura"}) {
        auto version = run_command(executable(name), {"--version"}, dir.path().string());
        EXPECT_TRUE(version.status.clean()) << name;
        EXPECT_THAT(version.output, HasSubstr(std::string(kVersion))) << name;
        auto help = run_command(executable(name), {"--help"}, dir.path().string());
        EXPECT_TRUE(help.status.clean()) << name;
        EXPECT_THAT(help.output, HasSubstr("--version")) << name;
    }
}

}  // namespace
}  // namespace yagura::harness
