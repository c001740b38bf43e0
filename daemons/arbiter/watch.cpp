#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>

#include "arbiter/arbiter_impl.hpp"

namespace yagura::arbiter {

namespace asio = boost::asio;

void ArbiterImpl::watch(std::shared_ptr<LinkState> link) {
    if (link->info.kind == DaemonKind::arbiter) {
        return;  // other arbiters are fed or watched by peers.cpp
    }
    asio::co_spawn(daemon.io(), watch_loop(std::move(link)), asio::detached);
}

asio::awaitable<void> ArbiterImpl::sleep(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

// One loop per daemon: a slow or dead daemon delays nobody else's checks.
asio::awaitable<void> ArbiterImpl::watch_loop(std::shared_ptr<LinkState> link) {
    auto self = shared_from_this();
    while (!stopping && !link->removed) {
        if (active) {
            co_await check(link);
        }
        co_await sleep(std::chrono::seconds(link->info.check_interval));
    }
}

// Shinken's check: ping, then what the daemon manages. A failure counts an attempt; dead after
// max_check_attempts in a row; one success makes it alive again.
asio::awaitable<void> ArbiterImpl::check(std::shared_ptr<LinkState> link) {
    auto& client = daemon.client();
    const auto endpoint = link->endpoint();
    const net::CallOptions call{.long_call = false, .timeout = link->timeout(), .headers = {}};
    std::string error;
    std::string running_id;
    nlohmann::json managed;
    bool answered = false;
    try {
        auto pong = co_await client.get_json(endpoint, "/ping", call);
        if (pong != "pong") {
            throw core::Error(core::ErrorKind::invalid_input, "/ping answered " + pong.dump());
        }
        auto id = co_await client.get_json(endpoint, "/get_running_id", call);
        running_id = id.is_string() ? id.get<std::string>() : id.dump();
        managed = co_await client.get_json(endpoint, "/what_i_managed", call);
        answered = true;
    } catch (const std::exception& e) {
        error = e.what();
    }
    if (link->removed || stopping) {
        co_return;
    }
    double now = core::SystemClock{}.now();
    const auto what = std::string(kind_name(link->info.kind)) + " " + link->info.name;
    if (answered) {
        bool back = link->peer.record_success(running_id, now);
        if (link->peer.liveness().restarted) {
            log->info("{} restarted (running id {}): it holds nothing of ours any more", what,
                      running_id);
            link->acked.clear();
        }
        link->managed = parse_managed(managed);
        link->managed_known = true;
        if (back) {
            log->warn("{} is alive again", what);
            link->returned = true;
            replan(what + " is back");
        }
    } else {
        bool died = link->peer.record_failure(error, now);
        const auto& live = link->peer.liveness();
        if (died) {
            log->error("{} is dead: {} failed checks in a row, the last: {}", what, live.attempts,
                       error);
            replan(what + " is dead");
        } else if (live.alive) {
            log->warn("{} did not answer ({} of {} attempts): {}", what, live.attempts,
                      link->info.max_check_attempts, error);
        }
    }
    if (link->returned || !link->in_sync(epoch)) {
        poke();
    }
}

}  // namespace yagura::arbiter
