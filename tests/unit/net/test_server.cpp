#include "test_server.hpp"

#include <boost/asio/post.hpp>

#include <yagura/core/ids.hpp>

namespace yagura::net::testing {

Certificates::Certificates(const std::string& server_name, std::vector<std::string> server_ips) {
    dir = std::filesystem::temp_directory_path() / ("yagura-net-" + core::random_hex_id(6));
    std::filesystem::create_directories(dir);
    auto ca_pair = pki::create_ca("test CA");
    pki::write_pair(ca_pair, dir / "ca.pem", dir / "ca.key");
    pki::write_pair(pki::create_ca("unrelated CA"), dir / "other-ca.pem", dir / "other-ca.key");
    pki::write_pair(pki::issue_certificate(ca_pair, {server_name, {"localhost"}, server_ips}),
                    dir / "server.pem", dir / "server.key");
    pki::write_pair(pki::issue_certificate(ca_pair, {"test-client", {}, {}}), dir / "client.pem",
                    dir / "client.key");
    ca = dir / "ca.pem";
    other_ca = dir / "other-ca.pem";
    server_cert = dir / "server.pem";
    server_key = dir / "server.key";
    client_cert = dir / "client.pem";
    client_key = dir / "client.key";
}

Certificates::~Certificates() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
}

ServerThread::ServerThread(ServerSettings settings, Router& router) {
    settings.host = "127.0.0.1";
    settings.port = 0;
    server_ = std::make_unique<HttpServer>(io_, std::move(settings), router);
    server_->start();
    work_.emplace(io_.get_executor());
    thread_ = std::thread([this] { io_.run(); });
}

ServerThread::~ServerThread() {
    if (!stopped_) {
        stop(std::chrono::milliseconds(100));
    }
    work_.reset();
    io_.stop();
    thread_.join();
    // Destroyed here, on the test thread, once its io_context no longer runs.
    server_.reset();
}

void ServerThread::stop(std::chrono::milliseconds grace) {
    stopped_ = true;
    auto done = asio::co_spawn(io_, server_->stop(grace), asio::use_future);
    done.get();
}

ServerStats ServerThread::stats() {
    std::promise<ServerStats> result;
    asio::post(io_, [&] { result.set_value(server_->stats()); });
    return result.get_future().get();
}

bool eventually(const std::function<bool()>& predicate, std::chrono::milliseconds bound) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (std::chrono::steady_clock::now() < deadline) {
        if (predicate()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return predicate();
}

}  // namespace yagura::net::testing
