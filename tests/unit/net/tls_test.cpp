#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "routes.hpp"
#include "test_server.hpp"

namespace yagura::net::testing {
namespace {

using ::testing::HasSubstr;

class TlsTest : public ::testing::Test {
protected:
    TlsTest() : router_(test_router()) {}

    ServerSettings server_settings(bool require_client_cert = false) {
        ServerSettings settings;
        settings.tls = {.use_ssl = true,
                        .ca_cert = certs_.ca,
                        .cert = certs_.server_cert,
                        .key = certs_.server_key,
                        .require_client_cert = require_client_cert};
        return settings;
    }

    TlsSettings client_tls(std::string ca, bool hard_name_check = false, bool with_cert = false) {
        TlsSettings tls{.use_ssl = true, .ca_cert = std::move(ca)};
        tls.hard_ssl_name_check = hard_name_check;
        if (with_cert) {
            tls.cert = certs_.client_cert;
            tls.key = certs_.client_key;
        }
        return tls;
    }

    ClientResponse get(const TlsSettings& tls, const Endpoint& peer, std::string target = "/ping") {
        HttpClient client(io_, ClientSettings{.tls = tls});
        return run_sync(io_, client.request(peer, "GET", std::move(target)));
    }

    Certificates certs_{"scheduler-1", {"127.0.0.1"}};
    Router router_;
    asio::io_context io_;
};

TEST_F(TlsTest, HandshakeSucceedsWithTheRightCa) {
    ServerThread server(server_settings(), router_);
    auto response = get(client_tls(certs_.ca), server.endpoint());
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.json(), "pong");
}

TEST_F(TlsTest, HandshakeIsRefusedWithAnUnknownCa) {
    ServerThread server(server_settings(), router_);
    try {
        get(client_tls(certs_.other_ca), server.endpoint());
        FAIL() << "a server certificate from an unknown CA was accepted";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::unavailable);
        EXPECT_THAT(e.what(), HasSubstr("TLS handshake"));
    }
    EXPECT_TRUE(eventually([&] { return server.stats().tls_handshake_failures == 1; }));
}

TEST_F(TlsTest, HardNameCheckRefusesACertificateForAnotherName) {
    // A certificate for "poller-7" and localhost, without the 127.0.0.1 we connect to: linked
    // as "scheduler-1", neither the link's name nor its address is in the certificate.
    Certificates other_name{"poller-7", {}};
    ServerSettings settings = server_settings();
    settings.tls.cert = other_name.server_cert;
    settings.tls.key = other_name.server_key;
    settings.tls.ca_cert = other_name.ca;
    ServerThread server(settings, router_);
    Endpoint peer = server.endpoint("scheduler-1");
    EXPECT_THROW(get(client_tls(other_name.ca, true), peer), core::Error);
    // The same certificate is fine without the name check...
    EXPECT_EQ(get(client_tls(other_name.ca, false), peer).status, 200);
    // ...and with it, when the link's name is the certificate's.
    EXPECT_EQ(get(client_tls(other_name.ca, true), server.endpoint("poller-7")).status, 200);
}

TEST_F(TlsTest, HardNameCheckAcceptsTheAddressInTheCertificate) {
    ServerThread server(server_settings(), router_);
    EXPECT_EQ(get(client_tls(certs_.ca, true), server.endpoint("not-in-cert")).status, 200);
}

TEST_F(TlsTest, PlainClientGetsNoAnswerFromTlsServer) {
    ServerThread server(server_settings(), router_);
    HttpClient plain(io_, ClientSettings{});
    EXPECT_THROW(run_sync(io_, plain.request(server.endpoint(), "GET", "/ping")), core::Error);
    EXPECT_EQ(get(client_tls(certs_.ca), server.endpoint()).status, 200);
}

TEST_F(TlsTest, RequiredClientCertificateIsCheckedAndItsNameSeen) {
    ServerThread server(server_settings(true), router_);
    EXPECT_THROW(get(client_tls(certs_.ca), server.endpoint()), core::Error);
    auto response = get(client_tls(certs_.ca, false, true), server.endpoint(), "/whoami");
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.json()["peer"], "test-client");
    EXPECT_EQ(response.json()["remote"], "127.0.0.1");
}

TEST_F(TlsTest, KeepAliveOverTls) {
    ServerThread server(server_settings(), router_);
    HttpClient client(io_, ClientSettings{.tls = client_tls(certs_.ca)});
    for (int i = 0; i < 3; ++i) {
        ASSERT_EQ(run_sync(io_, client.request(server.endpoint(), "GET", "/ping")).status, 200);
    }
    EXPECT_EQ(server.stats().connections_accepted, 1u);
}

TEST_F(TlsTest, UnusableCertificateFilesAreAClearError) {
    ServerSettings settings = server_settings();
    settings.tls.cert = (certs_.dir / "missing.pem").string();
    Router router;
    asio::io_context io;
    HttpServer server(io, settings, router);
    try {
        server.start();
        FAIL() << "started with a missing certificate";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);
        EXPECT_THAT(e.what(), HasSubstr("missing.pem"));
    }
}

}  // namespace
}  // namespace yagura::net::testing
