// Schedulers whose link says use_ssl 1 are called over TLS with the daemon's CA.
#include <gmock/gmock.h>

#include <yagura/net/pki.hpp>

#include "satellite_fixture.hpp"

namespace yagura::satellite::testing {
namespace {

class TlsTest : public SatelliteTest {
protected:
    TlsTest() {
        auto ca = net::pki::create_ca("test CA");
        net::pki::write_pair(ca, dir_ / "ca.pem", dir_ / "ca.key");
        net::pki::write_pair(net::pki::create_ca("other CA"), dir_ / "other.pem",
                             dir_ / "other.key");
        net::pki::write_pair(
            net::pki::issue_certificate(ca, {"scheduler-1", {"localhost"}, {"127.0.0.1"}}),
            dir_ / "scheduler.pem", dir_ / "scheduler.key");
    }

    net::TlsSettings server_tls() const {
        return {.use_ssl = true,
                .cert = (dir_ / "scheduler.pem").string(),
                .key = (dir_ / "scheduler.key").string()};
    }
};

TEST_F(TlsTest, CallsASchedulerWithUseSslOverTls) {
    FakeScheduler scheduler("run", 1, server_tls());
    ASSERT_TRUE(scheduler.entry().use_ssl);
    scheduler.add({.id = "c1", .command = kCheckDummy + " 0 secure"});
    make(Role::poller, [&](SatelliteOptions& o) {
        o.tls.ca_cert = (dir_ / "ca.pem").string();
    }).apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(run_until([&] { return scheduler.results().size() == 1; }));
    EXPECT_EQ(scheduler.results()[0].result["output"], "OK: secure");
}

TEST_F(TlsTest, ASchedulerWhoseCertificateIsNotTrustedIsUnreachable) {
    FakeScheduler scheduler("run", 1, server_tls());
    scheduler.add({.id = "c1", .command = kCheckDummy + " 0 secure"});
    make(Role::poller, [&](SatelliteOptions& o) {
        o.tls.ca_cert = (dir_ / "other.pem").string();
    }).apply_config(config_for({scheduler.entry()}));
    ASSERT_TRUE(
        run_until([&] { return scheduler_stats("scheduler-1")["state"] == "unreachable"; }));
    EXPECT_THAT(scheduler_stats("scheduler-1")["last_error"].get<std::string>(),
                ::testing::HasSubstr("TLS handshake"));
    EXPECT_EQ(scheduler.handed_out(), 0U);
}

}  // namespace
}  // namespace yagura::satellite::testing
