#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/net/pki.hpp>

namespace yagura::net::pki {
namespace {

using ::testing::ElementsAre;

TEST(Pki, IssuedCertificateVerifiesAgainstItsCaOnly) {
    auto ca = create_ca("site CA");
    auto other = create_ca("other CA");
    auto cert = issue_certificate(
        ca, {"scheduler-1", {"sched1.example", "localhost"}, {"127.0.0.1", "::1"}});
    EXPECT_TRUE(verify_certificate(cert.certificate, ca.certificate));
    EXPECT_FALSE(verify_certificate(cert.certificate, other.certificate));
    EXPECT_THAT(certificate_names(cert.certificate),
                ElementsAre("scheduler-1", "sched1.example", "localhost", "127.0.0.1", "::1"));
}

TEST(Pki, BadInputIsAClearError) {
    auto ca = create_ca("site CA");
    EXPECT_THROW(issue_certificate(ca, {"x", {}, {"300.1.1.1"}}), core::Error);
    EXPECT_THROW(issue_certificate(ca, {"", {}, {}}), core::Error);
    PemPair mismatched{ca.certificate, create_ca("other").private_key};
    EXPECT_THROW(issue_certificate(mismatched, {"x", {}, {}}), core::Error);
    EXPECT_THROW(certificate_names("not a certificate"), core::Error);
}

TEST(Pki, FilesRoundTripWithPrivateKeyMode) {
    auto dir = std::filesystem::temp_directory_path() / ("yagura-pki-" + core::random_hex_id(6));
    auto ca = create_ca("site CA");
    write_pair(ca, dir / "certs" / "ca.pem", dir / "certs" / "ca.key");
    auto read = read_pair(dir / "certs" / "ca.pem", dir / "certs" / "ca.key");
    EXPECT_EQ(read.certificate, ca.certificate);
    EXPECT_EQ(read.private_key, ca.private_key);
    struct stat info {};
    ASSERT_EQ(::stat((dir / "certs" / "ca.key").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_THROW(read_pair(dir / "nope.pem", dir / "nope.key"), core::Error);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace yagura::net::pki
