#pragma once

// Small tools for modules' coroutines on the broker's loop.

// Wakeup: a one-waiter wake-up signal on one io_context thread, a timer set far in the future
// that notify() cancels. A notify() while nobody waits is not remembered: the waiter checks
// its condition (queue empty, ...) before it waits, which on one thread is race-free.

#include <chrono>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace yagura::modules {

class Wakeup {
public:
    explicit Wakeup(boost::asio::io_context& io) : timer_(io) {}

    // Waits until notify() or `deadline`; returns whether notify() woke it.
    boost::asio::awaitable<bool> wait_until(std::chrono::steady_clock::time_point deadline) {
        woken_ = false;
        timer_.expires_at(deadline);
        co_await timer_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        co_return woken_;
    }
    boost::asio::awaitable<bool> wait() {
        return wait_until(std::chrono::steady_clock::time_point::max());
    }
    void notify() {
        woken_ = true;
        timer_.cancel();
    }

private:
    boost::asio::steady_timer timer_;
    bool woken_ = false;
};

// Lets a message through at most once per interval (a full queue must be logged, not flood
// the log with one line per brok).
class LogThrottle {
public:
    explicit LogThrottle(double interval_seconds = 10) : interval_(interval_seconds) {}
    bool allow(double now) {
        if (now - last_ < interval_) {
            return false;
        }
        last_ = now;
        return true;
    }

private:
    double interval_;
    double last_ = -1e300;
};

}  // namespace yagura::modules
