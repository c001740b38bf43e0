#pragma once

// Running an io_context from the test's thread until something happens (bounded).

#include <chrono>
#include <functional>
#include <future>
#include <stdexcept>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace yagura::broker::testing {

inline bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
                      std::chrono::milliseconds bound = std::chrono::seconds(20)) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        io.restart();
        io.run_for(std::chrono::milliseconds(10));
    }
    return true;
}

template <class T>
T run_coroutine(boost::asio::io_context& io, boost::asio::awaitable<T> work,
                std::chrono::milliseconds bound = std::chrono::seconds(20)) {
    auto future = boost::asio::co_spawn(io, std::move(work), boost::asio::use_future);
    if (!run_until(
            io,
            [&] { return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
            bound)) {
        throw std::runtime_error("the coroutine did not finish in time");
    }
    return future.get();
}

}  // namespace yagura::broker::testing
