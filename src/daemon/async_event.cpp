#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>

#include <yagura/daemon/async_event.hpp>

namespace yagura::daemon {

struct AsyncEvent::Waiter {
    explicit Waiter(boost::asio::io_context& io) : timer(io) {}
    boost::asio::steady_timer timer;
    bool woken = false;
};

AsyncEvent::AsyncEvent(boost::asio::io_context& io) : io_(io) {}

AsyncEvent::~AsyncEvent() {
    close();
}

boost::asio::awaitable<bool> AsyncEvent::wait(std::chrono::milliseconds timeout) {
    if (closed_) {
        co_return true;
    }
    auto waiter = std::make_shared<Waiter>(io_);
    waiter->timer.expires_after(timeout);
    auto position = waiters_.insert(waiters_.end(), waiter);
    auto [ec] =
        co_await waiter->timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (!waiter->woken) {
        waiters_.erase(position);  // notify_all and close take the woken ones off the list
    }
    if (ec == boost::asio::error::operation_aborted && !waiter->woken) {
        throw boost::system::system_error(ec);  // the waiting coroutine itself was cancelled
    }
    co_return waiter->woken;
}

void AsyncEvent::notify_all() {
    auto woken = std::move(waiters_);
    waiters_.clear();
    for (auto& waiter : woken) {
        waiter->woken = true;
        waiter->timer.cancel();
    }
}

void AsyncEvent::close() {
    closed_ = true;
    notify_all();
}

}  // namespace yagura::daemon
