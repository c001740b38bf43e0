#include "tls_context.hpp"

#include <boost/asio/ip/address.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <yagura/core/error.hpp>

namespace yagura::net::detail {

namespace ssl = boost::asio::ssl;

namespace {

void load_or_throw(bool ok, const std::string& what, const std::string& path) {
    if (!ok) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "cannot use " + what + " '" + path + "': " + last_openssl_error());
    }
}

std::shared_ptr<ssl::context> base_context(ssl::context::method method) {
    auto context = std::make_shared<ssl::context>(method);
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    return context;
}

void load_identity(ssl::context& context, const TlsSettings& settings) {
    auto* native = context.native_handle();
    if (!settings.cert.empty()) {
        load_or_throw(SSL_CTX_use_certificate_chain_file(native, settings.cert.c_str()) == 1,
                      "certificate", settings.cert);
    }
    if (!settings.key.empty()) {
        load_or_throw(
            SSL_CTX_use_PrivateKey_file(native, settings.key.c_str(), SSL_FILETYPE_PEM) == 1,
            "private key", settings.key);
        load_or_throw(SSL_CTX_check_private_key(native) == 1,
                      "private key (does not match the "
                      "certificate)",
                      settings.key);
    }
}

void load_trust(ssl::context& context, const TlsSettings& settings) {
    if (settings.ca_cert.empty()) {
        context.set_default_verify_paths();
        return;
    }
    load_or_throw(SSL_CTX_load_verify_locations(context.native_handle(), settings.ca_cert.c_str(),
                                                nullptr) == 1,
                  "CA file", settings.ca_cert);
}

}  // namespace

std::string last_openssl_error() {
    std::string text;
    while (unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += text.empty() ? buffer : std::string("; ") + buffer;
    }
    return text.empty() ? "unknown OpenSSL error" : text;
}

std::shared_ptr<ssl::context> make_server_context(const TlsSettings& settings) {
    ERR_clear_error();
    if (settings.cert.empty() || settings.key.empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "use_ssl is on but server_cert or server_key is not set");
    }
    auto context = base_context(ssl::context::tls_server);
    load_identity(*context, settings);
    if (!settings.ca_cert.empty()) {
        load_trust(*context, settings);
        // Ask for a client certificate and verify the one given; refuse clients without
        // one only when required.
        auto mode = ssl::verify_peer;
        if (settings.require_client_cert) {
            mode |= ssl::verify_fail_if_no_peer_cert;
        }
        context->set_verify_mode(mode);
        SSL_CTX_set_session_id_context(context->native_handle(),
                                       reinterpret_cast<const unsigned char*>("yagura"), 6);
    }
    return context;
}

std::shared_ptr<ssl::context> make_client_context(const TlsSettings& settings) {
    ERR_clear_error();
    auto context = base_context(ssl::context::tls_client);
    load_identity(*context, settings);
    load_trust(*context, settings);
    context->set_verify_mode(ssl::verify_peer);
    return context;
}

bool certificate_matches(X509* certificate, const std::string& name) {
    if (certificate == nullptr || name.empty()) {
        return false;
    }
    boost::system::error_code ec;
    boost::asio::ip::make_address(name, ec);
    if (!ec) {
        return X509_check_ip_asc(certificate, name.c_str(), 0) == 1;
    }
    // X509_check_host looks at DNS SANs, and at the CN only when there are none; yagura
    // links are often named by CN alone, so look at the CN explicitly too.
    if (X509_check_host(certificate, name.c_str(), name.size(), 0, nullptr) == 1) {
        return true;
    }
    char common_name[256] = {};
    int length = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName,
                                           common_name, sizeof common_name);
    return length > 0 && name == std::string(common_name, static_cast<std::size_t>(length));
}

std::optional<std::string> peer_common_name(SSL* ssl) {
    X509* certificate = SSL_get0_peer_certificate(ssl);
    if (certificate == nullptr || SSL_get_verify_result(ssl) != X509_V_OK) {
        return std::nullopt;
    }
    char common_name[256] = {};
    int length = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName,
                                           common_name, sizeof common_name);
    if (length <= 0) {
        return std::nullopt;
    }
    return std::string(common_name, static_cast<std::size_t>(length));
}

}  // namespace yagura::net::detail
