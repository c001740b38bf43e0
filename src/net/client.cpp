#include <map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/router.hpp>

#include "beast_common.hpp"
#include "tls_context.hpp"

namespace yagura::net {

using namespace detail;

namespace {

// One kept-alive connection to a peer, plain or TLS.
struct Connection {
    std::unique_ptr<PlainStream> plain;
    std::unique_ptr<TlsStream> tls;
    beast::flat_buffer buffer;

    PlainStream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

bool is_ip_address(const std::string& host) {
    boost::system::error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

std::string describe(const Endpoint& peer) {
    return peer.name.empty() ? peer.key() : fmt::format("{} ({})", peer.name, peer.key());
}

// The connection went away before any answer: the peer closed an idle keep-alive connection.
bool is_stale(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == asio::ssl::error::stream_truncated;
}

struct Exchange {
    boost::system::error_code ec;
    bool got_answer = false;  // some of the response arrived
    ClientResponse response;
    bool keep_alive = false;
};

}  // namespace

struct HttpClient::Impl {
    Impl(asio::io_context& io_context, ClientSettings client_settings)
        : io(io_context), settings(std::move(client_settings)), resolver(io_context) {
        if (settings.tls.use_ssl) {
            tls = make_client_context(settings.tls);
        }
    }

    asio::io_context& io;
    ClientSettings settings;
    std::shared_ptr<asio::ssl::context> tls;
    tcp::resolver resolver;
    ClientStats stats;
    std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle;

    std::unique_ptr<Connection> take_idle(const std::string& key);
    void give_back(const std::string& key, std::unique_ptr<Connection> conn);
    asio::awaitable<std::unique_ptr<Connection>> connect(const Endpoint& peer);
    template <class Stream>
    asio::awaitable<Exchange> exchange(Stream& stream, Connection& conn,
                                       http::request<http::string_body>& request,
                                       std::chrono::milliseconds timeout);
};

std::unique_ptr<Connection> HttpClient::Impl::take_idle(const std::string& key) {
    auto it = idle.find(key);
    if (it == idle.end() || it->second.empty()) {
        return nullptr;
    }
    auto conn = std::move(it->second.back());
    it->second.pop_back();
    return conn;
}

void HttpClient::Impl::give_back(const std::string& key, std::unique_ptr<Connection> conn) {
    auto& pool = idle[key];
    if (pool.size() < settings.max_idle_per_peer) {
        pool.push_back(std::move(conn));
    }
}

asio::awaitable<std::unique_ptr<Connection>> HttpClient::Impl::connect(const Endpoint& peer) {
    auto [resolve_ec, results] =
        co_await resolver.async_resolve(peer.host, std::to_string(peer.port), use_tuple);
    if (resolve_ec) {
        throw core::Error(
            core::ErrorKind::unavailable,
            fmt::format("cannot resolve {}: {}", describe(peer), resolve_ec.message()));
    }
    auto conn = std::make_unique<Connection>();
    if (tls) {
        conn->tls = std::make_unique<TlsStream>(io, *tls);
    } else {
        conn->plain = std::make_unique<PlainStream>(io);
    }
    auto& lowest = conn->lowest();
    lowest.expires_after(settings.timeout);
    auto [connect_ec, endpoint] = co_await lowest.async_connect(results, use_tuple);
    if (connect_ec) {
        auto kind =
            is_timeout(connect_ec) ? core::ErrorKind::timeout : core::ErrorKind::unavailable;
        throw core::Error(
            kind, fmt::format("cannot connect to {}: {}", describe(peer), connect_ec.message()));
    }
    ++stats.connections_opened;
    lowest.socket().set_option(tcp::no_delay(true));
    if (conn->tls) {
        auto* ssl = conn->tls->native_handle();
        if (!is_ip_address(peer.host)) {
            SSL_set_tlsext_host_name(ssl, peer.host.c_str());
        }
        if (settings.tls.hard_ssl_name_check) {
            // Beyond the chain, the leaf certificate must name the link or its address.
            conn->tls->set_verify_callback(
                [names = std::vector<std::string>{peer.host, peer.name}](
                    bool preverified, asio::ssl::verify_context& context) {
                    auto* store = context.native_handle();
                    if (!preverified || X509_STORE_CTX_get_error_depth(store) > 0) {
                        return preverified;
                    }
                    auto* certificate = X509_STORE_CTX_get_current_cert(store);
                    for (const auto& name : names) {
                        if (certificate_matches(certificate, name)) {
                            return true;
                        }
                    }
                    X509_STORE_CTX_set_error(store, X509_V_ERR_HOSTNAME_MISMATCH);
                    return false;
                });
        }
        auto [handshake_ec] =
            co_await conn->tls->async_handshake(asio::ssl::stream_base::client, use_tuple);
        if (handshake_ec) {
            auto kind =
                is_timeout(handshake_ec) ? core::ErrorKind::timeout : core::ErrorKind::unavailable;
            throw core::Error(kind, fmt::format("TLS handshake with {} failed: {}", describe(peer),
                                                handshake_ec.message()));
        }
    }
    co_return conn;
}

template <class Stream>
asio::awaitable<Exchange> HttpClient::Impl::exchange(Stream& stream, Connection& conn,
                                                     http::request<http::string_body>& request,
                                                     std::chrono::milliseconds timeout) {
    Exchange result;
    conn.lowest().expires_after(timeout);
    auto [write_ec, written] = co_await http::async_write(stream, request, use_tuple);
    if (write_ec) {
        result.ec = write_ec;
        co_return result;
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(settings.max_response_body);
    auto [read_ec, read] = co_await http::async_read(stream, conn.buffer, parser, use_tuple);
    result.got_answer = parser.got_some();
    if (read_ec) {
        result.ec = read_ec;
        co_return result;
    }
    auto message = parser.release();
    result.keep_alive = message.keep_alive();
    result.response.status = static_cast<int>(message.result_int());
    result.response.headers = lower_cased_headers(message);
    result.response.body = std::move(message.body());
    co_return result;
}

HttpClient::HttpClient(asio::io_context& io, ClientSettings settings)
    : impl_(std::make_unique<Impl>(io, std::move(settings))) {}

HttpClient::~HttpClient() = default;

asio::awaitable<ClientResponse> HttpClient::request(const Endpoint& peer, std::string method,
                                                    std::string target, std::string body,
                                                    CallOptions options) {
    auto& impl = *impl_;
    auto timeout = options.timeout.value_or(options.long_call ? impl.settings.data_timeout
                                                              : impl.settings.timeout);
    http::request<http::string_body> message{http::string_to_verb(method), target, 11};
    message.set(http::field::host, peer.host);
    message.set(http::field::user_agent, "yagura");
    for (const auto& [name, value] : options.headers) {
        message.set(name, value);
    }
    if (!body.empty() && message.find(http::field::content_type) == message.end()) {
        message.set(http::field::content_type, "application/json");
    }
    message.body() = std::move(body);
    message.keep_alive(true);
    message.prepare_payload();
    ++impl.stats.requests;

    auto key = peer.key();
    auto conn = impl.take_idle(key);
    // A reused connection may have been closed by the peer meanwhile: then try once more on a
    // fresh one. A fresh connection's failure is final.
    for (bool reused = conn != nullptr;; reused = false) {
        if (!conn) {
            try {
                conn = co_await impl.connect(peer);
            } catch (const core::Error&) {
                ++impl.stats.failures;
                throw;
            }
        }
        // (Not a ?: expression: GCC 12 miscompiles co_await inside a conditional operator.)
        Exchange result;
        if (conn->tls) {
            result = co_await impl.exchange(*conn->tls, *conn, message, timeout);
        } else {
            result = co_await impl.exchange(*conn->plain, *conn, message, timeout);
        }
        if (!result.ec) {
            if (result.keep_alive) {
                impl.give_back(key, std::move(conn));
            }
            co_return std::move(result.response);
        }
        conn.reset();
        if (reused && !result.got_answer && is_stale(result.ec)) {
            continue;
        }
        ++impl.stats.failures;
        auto call = fmt::format("{} {} on {}", method, target, describe(peer));
        if (is_timeout(result.ec)) {
            throw core::Error(core::ErrorKind::timeout,
                              fmt::format("{}: no answer within {} ms", call, timeout.count()));
        }
        throw core::Error(core::ErrorKind::unavailable,
                          fmt::format("{}: {}", call, result.ec.message()));
    }
}

namespace {

asio::awaitable<nlohmann::json> checked_json(ClientResponse response, const std::string& call) {
    if (!response.ok()) {
        std::string detail = response.body;
        try {
            auto body = nlohmann::json::parse(response.body);
            detail = body.value("detail", body.value("error", response.body));
        } catch (const std::exception&) {
        }
        throw core::Error(error_kind_for_status(response.status),
                          fmt::format("{}: HTTP {}: {}", call, response.status, detail));
    }
    co_return response.json();
}

}  // namespace

asio::awaitable<nlohmann::json> HttpClient::get_json(const Endpoint& peer, std::string target,
                                                     CallOptions options) {
    auto call = fmt::format("GET {} on {}", target, describe(peer));
    auto response = co_await request(peer, "GET", std::move(target), {}, std::move(options));
    co_return co_await checked_json(std::move(response), call);
}

asio::awaitable<nlohmann::json> HttpClient::post_json(const Endpoint& peer, std::string target,
                                                      const nlohmann::json& body,
                                                      CallOptions options) {
    auto call = fmt::format("POST {} on {}", target, describe(peer));
    auto response =
        co_await request(peer, "POST", std::move(target), body.dump(), std::move(options));
    co_return co_await checked_json(std::move(response), call);
}

void HttpClient::close_idle() {
    impl_->idle.clear();
}
const ClientStats& HttpClient::stats() const {
    return impl_->stats;
}
const ClientSettings& HttpClient::settings() const {
    return impl_->settings;
}

nlohmann::json ClientResponse::json() const {
    try {
        return nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
        throw core::Error(core::ErrorKind::invalid_input,
                          std::string("answer is not JSON: ") + e.what());
    }
}

core::ErrorKind error_kind_for_status(int status) {
    switch (status) {
        case 400:
            return core::ErrorKind::invalid_input;
        case 404:
            return core::ErrorKind::not_found;
        case 409:
            return core::ErrorKind::conflict;
        case 413:
            return core::ErrorKind::too_large;
        case 503:
            return core::ErrorKind::unavailable;
        case 504:
            return core::ErrorKind::timeout;
        default:
            return status >= 400 && status < 500 ? core::ErrorKind::invalid_input
                                                 : core::ErrorKind::internal;
    }
}

}  // namespace yagura::net
