#pragma once

// The routes the net tests serve.

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/net/router.hpp>

namespace yagura::net::testing {

inline boost::asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, duration);
    co_await timer.async_wait(boost::asio::use_awaitable);
}

inline Router test_router() {
    Router router;
    router.add_sync("GET", "/ping", [](Request&) { return Response::json("pong"); });
    router.add_sync("POST", "/echo", [](Request& r) { return Response::json(r.json()); });
    router.add_sync("GET", "/whoami", [](Request& r) {
        return Response::json({{"peer", r.peer_name.value_or("")}, {"remote", r.remote_address}});
    });
    router.add("GET", "/slow", [](Request&) -> boost::asio::awaitable<Response> {
        co_await sleep_for(std::chrono::milliseconds(300));
        co_return Response::json("slept");
    });
    router.add("GET", "/forever", [](Request&) -> boost::asio::awaitable<Response> {
        co_await sleep_for(std::chrono::hours(1));
        co_return Response::json("woke");
    });
    router.add_sync("GET", "/fail", [](Request& r) -> Response {
        auto kind = r.param("kind").value_or("");
        for (auto k :
             {core::ErrorKind::invalid_input, core::ErrorKind::not_found, core::ErrorKind::conflict,
              core::ErrorKind::too_large, core::ErrorKind::unavailable, core::ErrorKind::timeout,
              core::ErrorKind::internal}) {
            if (error_name(k) == kind) {
                throw core::Error(k, "asked to fail with " + kind);
            }
        }
        throw std::runtime_error("an unexpected failure");
    });
    return router;
}

}  // namespace yagura::net::testing
