#include "harness/network.hpp"

#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>

#include <yagura/net/run_sync.hpp>

namespace yagura::harness {

namespace asio = boost::asio;

using net::run_sync;

std::uint16_t free_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

TestClient::TestClient(net::TlsSettings tls, std::chrono::milliseconds timeout)
    : io_(std::make_unique<asio::io_context>()) {
    net::ClientSettings settings{.tls = std::move(tls)};
    settings.timeout = timeout;
    settings.data_timeout = timeout;
    client_ = std::make_unique<net::HttpClient>(*io_, settings);
}

TestClient::~TestClient() = default;

net::ClientResponse TestClient::get(const net::Endpoint& peer, const std::string& target) {
    return run_sync(*io_, client_->request(peer, "GET", target));
}

net::ClientResponse TestClient::post(const net::Endpoint& peer, const std::string& target,
                                     const std::string& body) {
    return run_sync(*io_, client_->request(peer, "POST", target, body));
}

nlohmann::json TestClient::get_json(const net::Endpoint& peer, const std::string& target) {
    return run_sync(*io_, client_->get_json(peer, target));
}

nlohmann::json TestClient::post_json(const net::Endpoint& peer, const std::string& target,
                                     const nlohmann::json& body) {
    return run_sync(*io_, client_->post_json(peer, target, body));
}

bool TestClient::wait_until_answers(const net::Endpoint& peer, const std::string& target,
                                    std::chrono::milliseconds bound) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    for (;;) {
        try {
            if (get(peer, target).ok()) {
                return true;
            }
        } catch (const std::exception&) {
            // not listening yet
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace yagura::harness
