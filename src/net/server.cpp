#include <map>
#include <vector>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/net/codec.hpp>
#include <yagura/net/router.hpp>
#include <yagura/net/server.hpp>

#include "beast_common.hpp"
#include "tls_context.hpp"

namespace yagura::net {

using namespace detail;

namespace {

struct Connection {
    std::function<void()> close;
    asio::cancellation_signal cancel;
    bool busy = false;  // reading a request body, running a handler or writing a response
};

Request to_request(http::request<http::string_body>&& message, const std::string& remote,
                   const std::optional<std::string>& peer_name) {
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    split_target(request.target, request.path, request.query);
    request.headers = lower_cased_headers(message);
    request.body = std::move(message.body());
    request.remote_address = remote;
    request.peer_name = peer_name;
    return request;
}

http::response<http::string_body> to_message(Response&& response, unsigned version, bool keep_alive,
                                             bool head) {
    http::response<http::string_body> message{static_cast<http::status>(response.status), version};
    message.set(http::field::server, "yagura");
    for (auto& [name, value] : response.headers) {
        message.set(name, value);
    }
    message.body() = std::move(response.body);
    message.keep_alive(keep_alive);
    message.prepare_payload();
    if (head) {
        message.body().clear();  // Content-Length stays that of the GET answer
    }
    return message;
}

// A request the parser rejected (as opposed to a client that went away).
bool is_parse_error(const boost::system::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_target).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& io_context, ServerSettings server_settings, const Router& r)
        : io(io_context),
          settings(std::move(server_settings)),
          router(r),
          acceptor(io_context),
          drained(io_context) {}

    asio::io_context& io;
    ServerSettings settings;
    const Router& router;
    std::shared_ptr<asio::ssl::context> tls;
    tcp::acceptor acceptor;
    asio::steady_timer drained;  // woken when the last connection ends during stop
    ServerStats stats;
    std::uint16_t port = 0;
    bool stopping = false;
    std::uint64_t next_id = 0;
    std::map<std::uint64_t, std::shared_ptr<Connection>> connections;

    void open();
    asio::awaitable<void> accept_loop();
    asio::awaitable<void> run_connection(tcp::socket socket, std::shared_ptr<Connection> conn);
    template <class Stream>
    asio::awaitable<void> serve(Stream& stream, Connection& conn, const std::string& remote,
                                const std::optional<std::string>& peer_name);
    template <class Stream>
    asio::awaitable<bool> send(Stream& stream, Response response, unsigned version, bool keep_alive,
                               bool head = false);
    void spawn_connection(tcp::socket socket);
    void connection_ended(std::uint64_t id);
    std::vector<std::shared_ptr<Connection>> snapshot() const;
};

void HttpServer::Impl::open() {
    tcp::resolver resolver(io);
    boost::system::error_code ec;
    auto results =
        resolver.resolve(settings.host, std::to_string(settings.port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "cannot resolve listen address '" + settings.host + "': " + ec.message());
    }
    auto endpoint = results.begin()->endpoint();
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        acceptor.close();
        throw core::Error(core::ErrorKind::unavailable, "cannot listen on " + settings.host + ":" +
                                                            std::to_string(settings.port) + ": " +
                                                            ec.message());
    }
    port = acceptor.local_endpoint().port();
}

asio::awaitable<void> HttpServer::Impl::accept_loop() {
    auto self = shared_from_this();
    asio::steady_timer backoff(io);
    while (!stopping) {
        auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
        if (stopping || ec == asio::error::operation_aborted) {
            break;
        }
        if (ec) {
            // Out of file descriptors and the like: say so, breathe, carry on serving.
            core::logger("net")->warn("accept failed on port {}: {}", port, ec.message());
            backoff.expires_after(std::chrono::milliseconds(100));
            co_await backoff.async_wait(use_tuple);
            continue;
        }
        spawn_connection(std::move(socket));
    }
}

void HttpServer::Impl::spawn_connection(tcp::socket socket) {
    auto conn = std::make_shared<Connection>();
    auto slot = conn->cancel.slot();
    asio::co_spawn(io, run_connection(std::move(socket), std::move(conn)),
                   asio::bind_cancellation_slot(slot, asio::detached));
}

asio::awaitable<void> HttpServer::Impl::run_connection(tcp::socket socket,
                                                       std::shared_ptr<Connection> conn) {
    auto self = shared_from_this();
    auto id = next_id++;
    connections.emplace(id, conn);
    ++stats.connections_accepted;
    ++stats.connections_active;
    boost::system::error_code ignored;
    auto remote_endpoint = socket.remote_endpoint(ignored);
    std::string remote = ignored ? "unknown" : remote_endpoint.address().to_string();
    try {
        if (tls) {
            TlsStream stream(std::move(socket), *tls);
            conn->close = [&stream] { beast::get_lowest_layer(stream).socket().close(); };
            beast::get_lowest_layer(stream).expires_after(settings.header_timeout);
            auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
            if (ec) {
                ++stats.tls_handshake_failures;
                core::logger("net")->debug("TLS handshake with {} failed: {}", remote,
                                           ec.message());
            } else {
                co_await serve(stream, *conn, remote, peer_common_name(stream.native_handle()));
                beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(1));
                co_await stream.async_shutdown(use_tuple);
            }
        } else {
            PlainStream stream(std::move(socket));
            conn->close = [&stream] { stream.socket().close(); };
            co_await serve(stream, *conn, remote, std::nullopt);
            stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
    } catch (const std::exception& e) {
        // Cancellation at stop lands here; nothing else should, but a connection's trouble
        // must never take the server down.
        core::logger("net")->debug("connection from {} ended: {}", remote, e.what());
    }
    conn->close = nullptr;
    connection_ended(id);
}

template <class Stream>
asio::awaitable<bool> HttpServer::Impl::send(Stream& stream, Response response, unsigned version,
                                             bool keep_alive, bool head) {
    if (response.status >= 500) {
        ++stats.errors_5xx;
    } else if (response.status >= 400) {
        ++stats.errors_4xx;
    }
    auto message = to_message(std::move(response), version, keep_alive && !stopping, head);
    beast::get_lowest_layer(stream).expires_after(settings.write_timeout);
    auto [ec, written] = co_await http::async_write(stream, message, use_tuple);
    co_return !ec && message.keep_alive();
}

template <class Stream>
asio::awaitable<void> HttpServer::Impl::serve(Stream& stream, Connection& conn,
                                              const std::string& remote,
                                              const std::optional<std::string>& peer_name) {
    beast::flat_buffer buffer;
    auto& lowest = beast::get_lowest_layer(stream);
    auto too_large = [this] {
        return Response::error(
            413, "too_large",
            "request body over the " + std::to_string(settings.body_limit) + " bytes limit");
    };
    for (bool first = true; !stopping; first = false) {
        conn.busy = false;
        if (!first && buffer.size() == 0) {
            // Between requests a keep-alive client may stay silent for idle_timeout; once it
            // starts a request, the header_timeout applies again.
            lowest.expires_after(settings.idle_timeout);
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), use_tuple);
            if (ec) {
                co_return;
            }
            buffer.commit(n);
        }
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(settings.header_limit));
        parser.body_limit(settings.body_limit);
        lowest.expires_after(settings.header_timeout);
        auto [header_ec, header_bytes] =
            co_await http::async_read_header(stream, buffer, parser, use_tuple);
        conn.busy = true;
        if (header_ec == http::error::body_limit) {
            co_await send(stream, too_large(), 11, false);
            co_return;
        }
        if (header_ec) {
            if (is_timeout(header_ec)) {
                ++stats.timeouts;
            } else if (is_parse_error(header_ec)) {
                co_await send(stream,
                              Response::error(400, "bad_request",
                                              "malformed HTTP request: " + header_ec.message()),
                              11, false);
            }
            co_return;
        }
        auto version = parser.get().version();
        if (core::iequals(parser.get()[http::field::expect], "100-continue")) {
            http::response<http::empty_body> proceed{http::status::continue_, version};
            lowest.expires_after(settings.write_timeout);
            co_await http::async_write(stream, proceed, use_tuple);
        }
        lowest.expires_after(settings.body_timeout);
        auto [body_ec, body_bytes] = co_await http::async_read(stream, buffer, parser, use_tuple);
        if (body_ec == http::error::body_limit) {
            co_await send(stream, too_large(), version, false);
            co_return;
        }
        if (body_ec) {
            if (is_timeout(body_ec)) {
                ++stats.timeouts;
            }
            co_return;
        }
        bool keep_alive = parser.get().keep_alive();
        auto request = to_request(parser.release(), remote, peer_name);
        ++stats.requests;
        ++stats.requests_in_flight;
        lowest.expires_never();  // a handler may long-poll; stop() bounds it instead
        auto response = co_await router.dispatch(request);
        --stats.requests_in_flight;
        if (!co_await send(stream, std::move(response), version, keep_alive,
                           request.method == "HEAD")) {
            co_return;
        }
    }
}

void HttpServer::Impl::connection_ended(std::uint64_t id) {
    connections.erase(id);
    --stats.connections_active;
    if (stopping && connections.empty()) {
        drained.cancel();
    }
}

std::vector<std::shared_ptr<Connection>> HttpServer::Impl::snapshot() const {
    std::vector<std::shared_ptr<Connection>> out;
    for (const auto& [id, conn] : connections) {
        out.push_back(conn);
    }
    return out;
}

HttpServer::HttpServer(asio::io_context& io, ServerSettings settings, const Router& router)
    : impl_(std::make_shared<Impl>(io, std::move(settings), router)) {}

HttpServer::~HttpServer() {
    impl_->stopping = true;
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
    for (auto& conn : impl_->snapshot()) {
        if (conn->close) {
            conn->close();
        }
    }
}

void HttpServer::start() {
    if (impl_->settings.tls.use_ssl) {
        impl_->tls = make_server_context(impl_->settings.tls);
    }
    impl_->open();
    asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
    core::logger("net")->info("listening on {}:{} ({})", impl_->settings.host, impl_->port,
                              impl_->tls ? "https" : "http");
}

std::uint16_t HttpServer::port() const {
    return impl_->port;
}

asio::awaitable<void> HttpServer::stop(std::chrono::milliseconds grace) {
    auto self = impl_;
    self->stopping = true;
    boost::system::error_code ignored;
    self->acceptor.close(ignored);
    for (auto& conn : self->snapshot()) {
        if (!conn->busy && conn->close) {
            conn->close();
        }
    }
    if (!self->connections.empty()) {
        self->drained.expires_after(grace);
        co_await self->drained.async_wait(use_tuple);
    }
    if (!self->connections.empty()) {
        core::logger("net")->info("stop: cancelling {} request(s) still running after {} ms",
                                  self->connections.size(), grace.count());
        for (auto& conn : self->snapshot()) {
            conn->cancel.emit(asio::cancellation_type::terminal);
            if (conn->close) {
                conn->close();
            }
        }
        self->drained.expires_after(std::chrono::seconds(1));
        co_await self->drained.async_wait(use_tuple);
    }
}

const ServerStats& HttpServer::stats() const {
    return impl_->stats;
}
const ServerSettings& HttpServer::settings() const {
    return impl_->settings;
}

}  // namespace yagura::net
