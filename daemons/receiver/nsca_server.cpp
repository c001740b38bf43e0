#include "receiver/nsca_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/rand.h>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/daemon/command_input.hpp>
#include <yagura/daemon/command_router.hpp>

namespace yagura::receiver {

namespace asio = boost::asio;
using asio::ip::tcp;

struct NscaServer::Impl : std::enable_shared_from_this<NscaServer::Impl> {
    Impl(asio::io_context& io_context, NscaServerSettings s, daemon::CommandRouter& router,
         std::function<double()> clock)
        : io(io_context),
          settings(std::move(s)),
          commands(router),
          now(std::move(clock)),
          acceptor(io_context),
          log(core::logger("nsca")) {}

    asio::awaitable<void> accept_loop();
    asio::awaitable<void> serve(tcp::socket socket);
    // Reads one packet (720 or 4304 bytes) and decodes it; nullopt at end of stream.
    asio::awaitable<std::optional<nsca::Decoded>> read_packet(tcp::socket& socket,
                                                              const nsca::Iv& iv,
                                                              asio::steady_timer& deadline);
    asio::awaitable<void> hand_over(const nsca::Result& result, const std::string& peer);

    asio::io_context& io;
    NscaServerSettings settings;
    daemon::CommandRouter& commands;
    std::function<double()> now;
    tcp::acceptor acceptor;
    std::shared_ptr<spdlog::logger> log;
    bool stopped = false;
    std::uint64_t connections = 0;
    std::uint64_t results = 0;
    std::uint64_t dropped = 0;
    std::uint64_t refused = 0;
};

asio::awaitable<void> NscaServer::Impl::accept_loop() {
    auto self = shared_from_this();
    while (!stopped) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
        if (ec) {
            if (stopped || ec == asio::error::operation_aborted) {
                break;
            }
            log->warn("accept: {}", ec.message());
            continue;
        }
        ++connections;
        asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
}

asio::awaitable<std::optional<nsca::Decoded>> NscaServer::Impl::read_packet(
    tcp::socket& socket, const nsca::Iv& iv, asio::steady_timer& deadline) {
    std::vector<std::uint8_t> raw(nsca::kPacketSize);
    deadline.expires_after(std::chrono::seconds(60));
    auto [ec, n] = co_await asio::async_read(socket, asio::buffer(raw.data(), nsca::kOldPacketSize),
                                             asio::as_tuple(asio::use_awaitable));
    if (ec) {
        co_return std::nullopt;
    }
    const auto t = static_cast<std::uint32_t>(now());
    // The size is not announced: a packet that checks out at 720 bytes is an old-size one.
    std::vector<std::uint8_t> plain(raw.begin(), raw.begin() + nsca::kOldPacketSize);
    nsca::crypt(plain, iv, settings.protocol);
    auto decoded = nsca::decode(plain, t, settings.protocol);
    if (decoded.result || decoded.error.starts_with("stale")) {
        co_return decoded;
    }
    auto [ec2, m] = co_await asio::async_read(
        socket,
        asio::buffer(raw.data() + nsca::kOldPacketSize, nsca::kPacketSize - nsca::kOldPacketSize),
        asio::as_tuple(asio::use_awaitable));
    if (ec2) {
        co_return nsca::Decoded{std::nullopt, decoded.error + " (and the stream ended)"};
    }
    nsca::crypt(raw, iv, settings.protocol);
    co_return nsca::decode(raw, t, settings.protocol);
}

asio::awaitable<void> NscaServer::Impl::hand_over(const nsca::Result& r, const std::string& peer) {
    daemon::PassiveResult result{r.host_name, r.service_description, r.return_code, r.output, 0};
    std::vector<std::string> line;
    try {
        line.push_back(daemon::passive_result_command(result, now()));
    } catch (const core::Error& e) {
        ++refused;
        log->warn("result from {} refused: {}", peer, e.what());
        co_return;
    }
    asio::steady_timer wait(io);
    while (!stopped) {
        try {
            auto outcome = commands.submit(line, now());
            if (!outcome.rejected.empty()) {
                ++refused;
                log->warn("result from {} refused: {}", peer, outcome.rejected.front().error);
            } else {
                ++results;
            }
            co_return;
        } catch (const core::Error& e) {
            // Not taken now (no configuration yet, queue full): the sender waits, TCP holds
            // what it sends meanwhile.
            log->debug("result from {} waits: {}", peer, e.what());
        }
        wait.expires_after(std::chrono::seconds(1));
        co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

namespace {

struct Connection {
    Connection(tcp::socket s, asio::io_context& io) : socket(std::move(s)), deadline(io) {}
    tcp::socket socket;
    asio::steady_timer deadline;  // pushed forward before each packet
    bool done = false;
};

// Cuts a client that stays silent past its deadline.
asio::awaitable<void> watchdog(std::shared_ptr<Connection> conn) {
    while (!conn->done) {
        co_await conn->deadline.async_wait(asio::as_tuple(asio::use_awaitable));
        if (!conn->done && conn->deadline.expiry() <= asio::steady_timer::clock_type::now()) {
            boost::system::error_code ignored;
            conn->socket.close(ignored);
            co_return;
        }
    }
}

}  // namespace

asio::awaitable<void> NscaServer::Impl::serve(tcp::socket socket) {
    auto self = shared_from_this();
    auto conn = std::make_shared<Connection>(std::move(socket), io);
    boost::system::error_code ignored;
    const auto endpoint = conn->socket.remote_endpoint(ignored);
    const std::string peer = fmt::format("{}:{}", endpoint.address().to_string(), endpoint.port());
    nsca::Iv iv{};
    RAND_bytes(iv.data(), static_cast<int>(iv.size()));
    const auto init = nsca::init_packet(iv, static_cast<std::uint32_t>(now()));
    conn->deadline.expires_after(std::chrono::seconds(60));
    asio::co_spawn(io, watchdog(conn), asio::detached);
    auto [ec, n] = co_await asio::async_write(conn->socket, asio::buffer(init),
                                              asio::as_tuple(asio::use_awaitable));
    while (!ec && !stopped) {
        auto decoded = co_await read_packet(conn->socket, iv, conn->deadline);
        if (!decoded) {
            break;
        }
        if (!decoded->result) {
            ++dropped;
            log->warn("dropping a packet from {}: {}", peer, decoded->error);
            break;
        }
        co_await hand_over(*decoded->result, peer);
    }
    conn->done = true;
    conn->deadline.cancel();
    conn->socket.close(ignored);
}

NscaServer::NscaServer(asio::io_context& io, NscaServerSettings settings,
                       daemon::CommandRouter& commands, std::function<double()> now)
    : impl_(std::make_shared<Impl>(io, std::move(settings), commands, std::move(now))) {}

NscaServer::~NscaServer() {
    stop();
}

void NscaServer::start() {
    auto& s = impl_->settings;
    if (s.protocol.encryption_method != 0 && s.protocol.encryption_method != 1) {
        core::throw_error(core::ErrorKind::invalid_input,
                          fmt::format("nsca_encryption_method {} is not supported (0 none, 1 XOR)",
                                      s.protocol.encryption_method));
    }
    try {
        tcp::endpoint at(asio::ip::make_address(s.host), s.port);
        impl_->acceptor.open(at.protocol());
        impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
        impl_->acceptor.bind(at);
        impl_->acceptor.listen();
    } catch (const boost::system::system_error& e) {
        core::throw_error(
            core::ErrorKind::unavailable,
            fmt::format("NSCA cannot listen on {}:{}: {}", s.host, s.port, e.code().message()));
    }
    impl_->log->info("NSCA listening on {}:{} (encryption {})", s.host, port(),
                     s.protocol.encryption_method);
    asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
}

std::uint16_t NscaServer::port() const {
    boost::system::error_code ec;
    return impl_->acceptor.local_endpoint(ec).port();
}

void NscaServer::stop() {
    if (impl_->stopped) {
        return;
    }
    impl_->stopped = true;
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
}

nlohmann::json NscaServer::stats() const {
    return {{"port", port()},
            {"connections", impl_->connections},
            {"results", impl_->results},
            {"dropped_packets", impl_->dropped},
            {"refused_results", impl_->refused}};
}

}  // namespace yagura::receiver
