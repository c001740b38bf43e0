#pragma once

// Internal to src/net: building OpenSSL contexts from TlsSettings (Asio's ssl, no Beast).

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include <yagura/net/tls.hpp>

namespace yagura::net::detail {

// Throw core::Error(invalid_input) naming the file and OpenSSL's reason when a file is unusable.
std::shared_ptr<boost::asio::ssl::context> make_server_context(const TlsSettings& settings);
std::shared_ptr<boost::asio::ssl::context> make_client_context(const TlsSettings& settings);

// True if the certificate's CN or a subjectAltName matches `name` (a DNS name or an IP).
bool certificate_matches(X509* certificate, const std::string& name);

// The CN of the peer's verified certificate, if it presented one.
std::optional<std::string> peer_common_name(SSL* ssl);

// OpenSSL's last error as text, for messages.
std::string last_openssl_error();

}  // namespace yagura::net::detail
