#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include <yagura/net/client.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::harness {

// A port on 127.0.0.1 that nothing listens on right now (bound to 0, read back, released).
std::uint16_t free_port();

// A blocking HTTP(S) client for tests, on its own io_context: every call returns or throws
// core::Error (unavailable, timeout) like net::HttpClient, without any coroutine in sight.
class TestClient {
public:
    explicit TestClient(net::TlsSettings tls = {},
                        std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~TestClient();

    net::ClientResponse get(const net::Endpoint& peer, const std::string& target);
    net::ClientResponse post(const net::Endpoint& peer, const std::string& target,
                             const std::string& body);
    // The JSON answer of a 2xx response; core::Error otherwise.
    nlohmann::json get_json(const net::Endpoint& peer, const std::string& target);
    nlohmann::json post_json(const net::Endpoint& peer, const std::string& target,
                             const nlohmann::json& body);
    // Polls GET `target` until it answers 2xx or `bound` passes; returns whether it did.
    bool wait_until_answers(const net::Endpoint& peer, const std::string& target,
                            std::chrono::milliseconds bound);

    net::HttpClient& async_client() { return *client_; }

private:
    std::unique_ptr<boost::asio::io_context> io_;
    std::unique_ptr<net::HttpClient> client_;
};

}  // namespace yagura::harness
