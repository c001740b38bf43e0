#pragma once

// A real HttpServer on 127.0.0.1 with a free port, running on its own thread (as a peer daemon
// would in its own process), and helpers to drive an HttpClient from the test's thread.

#include <chrono>
#include <filesystem>
#include <future>
#include <optional>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <yagura/net/client.hpp>
#include <yagura/net/pki.hpp>
#include <yagura/net/router.hpp>
#include <yagura/net/run_sync.hpp>
#include <yagura/net/server.hpp>

namespace yagura::net::testing {

namespace asio = boost::asio;

using net::run_sync;

// A CA, a server certificate for 127.0.0.1/localhost and a client certificate, in a temp dir.
class Certificates {
public:
    explicit Certificates(const std::string& server_name = "test-daemon",
                          std::vector<std::string> server_ips = {"127.0.0.1"});
    ~Certificates();
    std::filesystem::path dir;
    std::string ca, server_cert, server_key, client_cert, client_key;
    std::string other_ca;  // a CA that signed none of these
};

class ServerThread {
public:
    ServerThread(ServerSettings settings, Router& router);
    ~ServerThread();
    std::uint16_t port() const { return server_->port(); }
    Endpoint endpoint(std::string name = {}) const {
        return {"127.0.0.1", port(), std::move(name)};
    }
    // Graceful stop on the server's thread; returns once HttpServer::stop has finished.
    void stop(std::chrono::milliseconds grace);
    // A copy of the server's stats, read on its thread.
    ServerStats stats();

private:
    asio::io_context io_;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    std::unique_ptr<HttpServer> server_;
    std::thread thread_;
    bool stopped_ = false;
};

// Waits (bounded) until `predicate` holds; returns whether it did.
bool eventually(const std::function<bool()>& predicate,
                std::chrono::milliseconds bound = std::chrono::seconds(20));

}  // namespace yagura::net::testing
