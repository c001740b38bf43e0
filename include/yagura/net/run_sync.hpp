#pragma once

// For command-line tools and tests, not for daemons (which never block their loop): runs one
// coroutine to completion on `io` from the calling thread and returns its result or rethrows
// its exception.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace yagura::net {

template <class T>
T run_sync(boost::asio::io_context& io, boost::asio::awaitable<T> work) {
    auto future = boost::asio::co_spawn(io, std::move(work), boost::asio::use_future);
    io.restart();
    io.run();
    return future.get();
}

}  // namespace yagura::net
