#pragma once

#include <chrono>
#include <list>
#include <memory>

#include <boost/asio/awaitable.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::daemon {

// Something a handler can wait on with a timeout while other code on the loop wakes it: the
// scheduler's get_checks long poll waits on one and the scheduler notifies it when a check
// becomes due, so an idle poller hears of work at once. Single-threaded, like the loop.
class AsyncEvent {
public:
    explicit AsyncEvent(boost::asio::io_context& io);
    ~AsyncEvent();
    AsyncEvent(const AsyncEvent&) = delete;
    AsyncEvent& operator=(const AsyncEvent&) = delete;

    // Returns true when woken by notify_all() or close(), false when `timeout` passed first.
    // Returns true at once once closed. If the waiting coroutine itself is cancelled (the
    // server stopping), the cancellation propagates as usual.
    boost::asio::awaitable<bool> wait(std::chrono::milliseconds timeout);

    void notify_all();
    // Wakes every waiter and makes later waits return at once (the daemon is stopping).
    void close();
    bool closed() const { return closed_; }
    std::size_t waiters() const { return waiters_.size(); }

private:
    struct Waiter;
    boost::asio::io_context& io_;
    std::list<std::shared_ptr<Waiter>> waiters_;
    bool closed_ = false;
};

}  // namespace yagura::daemon
