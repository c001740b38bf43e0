#pragma once

// Internal to src/net: the Beast/Asio names the server and the client share. Only server.cpp
// and client.cpp include this (Beast is heavy to compile).

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <yagura/core/strings.hpp>
#include <yagura/net/http.hpp>

namespace yagura::net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// Completion token that returns (error_code, result...) instead of throwing.
inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

template <class Fields>
Headers lower_cased_headers(const Fields& fields) {
    Headers headers;
    for (const auto& field : fields) {
        auto name = core::to_lower(
            std::string_view(field.name_string().data(), field.name_string().size()));
        auto value = std::string(field.value().data(), field.value().size());
        auto [it, inserted] = headers.emplace(std::move(name), value);
        if (!inserted) {
            it->second += ", " + value;  // repeated headers combine, as RFC 9110 allows
        }
    }
    return headers;
}

inline bool is_timeout(const boost::system::error_code& ec) {
    return ec == beast::error::timeout;
}

}  // namespace yagura::net::detail
