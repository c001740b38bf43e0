#include <fstream>
#include <memory>
#include <sstream>
#include <sys/stat.h>

#include <boost/asio/ip/address.hpp>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <yagura/core/error.hpp>
#include <yagura/net/pki.hpp>

#include "tls_context.hpp"

namespace yagura::net::pki {

namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX, X509_STORE_CTX_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES, GENERAL_NAMES_free>>;

std::string ip_to_text(const ASN1_OCTET_STRING* ip) {
    const auto* data = ASN1_STRING_get0_data(ip);
    if (ASN1_STRING_length(ip) == 4) {
        boost::asio::ip::address_v4::bytes_type bytes;
        std::copy(data, data + 4, bytes.begin());
        return boost::asio::ip::address_v4(bytes).to_string();
    }
    if (ASN1_STRING_length(ip) == 16) {
        boost::asio::ip::address_v6::bytes_type bytes;
        std::copy(data, data + 16, bytes.begin());
        return boost::asio::ip::address_v6(bytes).to_string();
    }
    return "?";
}

[[noreturn]] void fail(const std::string& what) {
    throw core::Error(core::ErrorKind::invalid_input, what + ": " + detail::last_openssl_error());
}

void check(bool ok, const std::string& what) {
    if (!ok) {
        fail(what);
    }
}

KeyPtr new_key() {
    KeyPtr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "cannot generate an EC key");
    return key;
}

std::string key_to_pem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "cannot write a private key");
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string cert_to_pem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_X509(bio.get(), cert) == 1, "cannot write a certificate");
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

CertPtr cert_from_pem(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    CertPtr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    check(cert != nullptr, "not a PEM certificate");
    return cert;
}

KeyPtr key_from_pem(const std::string& pem) {
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    check(key != nullptr, "not a PEM private key");
    return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    check(ext != nullptr && X509_add_ext(cert, ext.get(), -1) == 1,
          "cannot add certificate extension " + value);
}

// A certificate with a random serial, the subject CN and the validity set; not yet signed.
CertPtr new_certificate(const std::string& common_name, EVP_PKEY* key, int days) {
    CertPtr cert(X509_new());
    check(cert != nullptr, "cannot allocate a certificate");
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial) == 1, "no randomness for a serial number");
    serial[0] &= 0x7F;  // positive
    auto* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);  // tolerate small clock skew
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(days) * 86400);
    X509_set_pubkey(cert.get(), key);
    auto* name = X509_get_subject_name(cert.get());
    check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                                     reinterpret_cast<const unsigned char*>("yagura"), -1, -1,
                                     0) == 1 &&
              X509_NAME_add_entry_by_txt(
                  name, "CN", MBSTRING_UTF8,
                  reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0) == 1,
          "invalid common name '" + common_name + "'");
    return cert;
}

std::string subject_alt_names(const CertificateRequest& request) {
    std::string value;
    for (const auto& dns : request.dns_names) {
        value += (value.empty() ? "DNS:" : ",DNS:") + dns;
    }
    for (const auto& ip : request.ip_addresses) {
        // Checked here: OpenSSL's own message for a bad IP is cryptic.
        boost::system::error_code ec;
        boost::asio::ip::make_address(ip, ec);
        if (ec) {
            throw core::Error(core::ErrorKind::invalid_input, "not an IP address: '" + ip + "'");
        }
        value += (value.empty() ? "IP:" : ",IP:") + ip;
    }
    return value;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        throw core::Error(core::ErrorKind::not_found, "cannot read " + path.string());
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void write_text(const std::filesystem::path& path, const std::string& text, mode_t mode) {
    if (path.has_parent_path()) {
        std::filesystem::create_directories(path.parent_path());
    }
    std::ofstream out(path, std::ios::trunc);
    out << text;
    out.close();
    if (!out || ::chmod(path.c_str(), mode) != 0) {
        throw core::Error(core::ErrorKind::unavailable, "cannot write " + path.string());
    }
}

}  // namespace

PemPair create_ca(const std::string& common_name, int days) {
    ERR_clear_error();
    auto key = new_key();
    auto cert = new_certificate(common_name, key.get(), days);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get()));
    add_extension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
    check(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "cannot sign the CA certificate");
    return {cert_to_pem(cert.get()), key_to_pem(key.get())};
}

PemPair issue_certificate(const PemPair& ca, const CertificateRequest& request) {
    ERR_clear_error();
    if (request.common_name.empty()) {
        throw core::Error(core::ErrorKind::invalid_input, "a certificate needs a name");
    }
    auto sans = subject_alt_names(request);
    auto ca_cert = cert_from_pem(ca.certificate);
    auto ca_key = key_from_pem(ca.private_key);
    check(X509_check_private_key(ca_cert.get(), ca_key.get()) == 1,
          "the CA key does not match the CA certificate");
    auto key = new_key();
    auto cert = new_certificate(request.common_name, key.get(), request.days);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get()));
    add_extension(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), ca_cert.get(), NID_key_usage,
                  "critical,digitalSignature,keyEncipherment");
    // Daemons are servers and, when they call each other, clients.
    add_extension(cert.get(), ca_cert.get(), NID_ext_key_usage, "serverAuth,clientAuth");
    add_extension(cert.get(), ca_cert.get(), NID_authority_key_identifier, "keyid:always");
    if (!sans.empty()) {
        add_extension(cert.get(), ca_cert.get(), NID_subject_alt_name, sans);
    }
    check(X509_sign(cert.get(), ca_key.get(), EVP_sha256()) > 0, "cannot sign the certificate");
    return {cert_to_pem(cert.get()), key_to_pem(key.get())};
}

void write_pair(const PemPair& pair, const std::filesystem::path& cert_path,
                const std::filesystem::path& key_path) {
    write_text(key_path, pair.private_key, 0600);
    write_text(cert_path, pair.certificate, 0644);
}

PemPair read_pair(const std::filesystem::path& cert_path, const std::filesystem::path& key_path) {
    return {read_text(cert_path), read_text(key_path)};
}

std::vector<std::string> certificate_names(const std::string& certificate_pem) {
    ERR_clear_error();
    auto cert = cert_from_pem(certificate_pem);
    std::vector<std::string> names;
    char common_name[256] = {};
    int length = X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName,
                                           common_name, sizeof common_name);
    if (length > 0) {
        names.emplace_back(common_name, static_cast<std::size_t>(length));
    }
    NamesPtr sans(static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr)));
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans.get()); ++i) {
        auto* entry = sk_GENERAL_NAME_value(sans.get(), i);
        if (entry->type == GEN_DNS) {
            auto* dns = entry->d.dNSName;
            names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                               static_cast<std::size_t>(ASN1_STRING_length(dns)));
        } else if (entry->type == GEN_IPADD) {
            names.push_back(ip_to_text(entry->d.iPAddress));
        }
    }
    return names;
}

bool verify_certificate(const std::string& certificate_pem, const std::string& ca_certificate_pem) {
    ERR_clear_error();
    auto cert = cert_from_pem(certificate_pem);
    auto ca = cert_from_pem(ca_certificate_pem);
    StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), ca.get());
    StoreCtxPtr context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), store.get(), cert.get(), nullptr);
    return X509_verify_cert(context.get()) == 1;
}

}  // namespace yagura::net::pki
