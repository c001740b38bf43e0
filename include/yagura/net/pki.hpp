#pragma once

#include <filesystem>
#include <string>
#include <vector>

// A small private CA for yagura's daemons, with OpenSSL's API (no openssl binary needed).
// Keys are ECDSA P-256: short handshakes and small certificates.
namespace yagura::net::pki {

struct PemPair {
    std::string certificate;  // PEM
    std::string private_key;  // PEM, unencrypted (PKCS#8)
};

struct CertificateRequest {
    std::string common_name;                // the daemon's name, e.g. "scheduler-master"
    std::vector<std::string> dns_names;     // subjectAltName DNS entries
    std::vector<std::string> ip_addresses;  // subjectAltName IP entries (v4 or v6)
    int days = 825;
};

// A self-signed CA certificate (basicConstraints CA:TRUE, keyCertSign) and its key.
PemPair create_ca(const std::string& common_name, int days = 3650);

// A server-and-client certificate signed by `ca`. Throws core::Error(invalid_input) for a
// malformed IP address or CA pair.
PemPair issue_certificate(const PemPair& ca, const CertificateRequest& request);

// Writes the certificate (0644) and the key (0600), creating the directory if needed.
void write_pair(const PemPair& pair, const std::filesystem::path& cert_path,
                const std::filesystem::path& key_path);
PemPair read_pair(const std::filesystem::path& cert_path, const std::filesystem::path& key_path);

// The names a certificate answers to: its CN first, then DNS and IP subjectAltNames.
std::vector<std::string> certificate_names(const std::string& certificate_pem);

// True if `certificate_pem` is signed by `ca_certificate_pem` and currently valid.
bool verify_certificate(const std::string& certificate_pem, const std::string& ca_certificate_pem);

}  // namespace yagura::net::pki
