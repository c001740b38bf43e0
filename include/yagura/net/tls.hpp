#pragma once

#include <string>

namespace yagura::net {

// TLS settings, named as in Shinken's daemon ini files. The same struct serves a server
// (cert/key are what it presents, ca_cert checks client certificates) and a client (cert/key
// are presented when the server asks, ca_cert checks the server).
struct TlsSettings {
    bool use_ssl = false;  // false: plain HTTP
    std::string ca_cert;   // PEM file of the CA(s) to trust; empty: the system's store
    std::string cert;      // PEM certificate (server_cert in the ini)
    std::string key;       // PEM private key (server_key in the ini)
    // Server side: ask for a client certificate and refuse clients without a valid one.
    bool require_client_cert = false;
    // Client side: besides the chain, the server's certificate (CN or a SAN) must match the
    // link's name or address. Off by default as in Shinken, where it is opt-in.
    bool hard_ssl_name_check = false;
};

}  // namespace yagura::net
