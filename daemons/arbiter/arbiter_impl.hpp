#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/logger.h>

#include <yagura/daemon/async_event.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/http.hpp>

#include "arbiter/arbiter.hpp"
#include "arbiter/commands.hpp"
#include "arbiter/links.hpp"
#include "arbiter/prepared.hpp"

namespace yagura::arbiter {

// The arbiter's state and loops, all on the daemon's one loop thread (no locks); the slow work
// of a load goes to `workers`. Split by concern: arbiter.cpp (roles, epochs, plans),
// watch.cpp (liveness), reconcile.cpp (pushing the plan), peers.cpp (master and spare
// arbiters), reload.cpp, routes.cpp.
struct ArbiterImpl : std::enable_shared_from_this<ArbiterImpl> {
    ArbiterImpl(daemon::Daemon& daemon, ArbiterOptions options, DaemonInfo me,
                std::shared_ptr<Prepared> prepared);

    daemon::Daemon& daemon;
    ArbiterOptions options;
    DaemonInfo me;
    std::shared_ptr<spdlog::logger> log;
    boost::asio::thread_pool workers{1};
    bool started = false;
    bool stopping = false;

    // --- role and epoch (arbiter.cpp) ---
    bool active = false;     // dispatching: the master, or a spare that took over
    std::int64_t epoch = 0;  // ours while active
    std::int64_t max_seen_epoch = 0;
    std::optional<std::pair<std::string, std::int64_t>> superseded_by;  // master standing by
    double active_since = 0;

    void start();
    // Takes a fresh epoch (later than any seen) and pushes everything again under it.
    void become_active(const std::string& why);
    void step_back(const std::string& why);
    // A daemon refused a push (409): a newer arbiter dispatches.
    void superseded(const std::string& by, std::int64_t their_epoch, const std::string& seen_at);
    nlohmann::json identity() const { return arbiter_json(me.name, epoch); }
    bool dispatching() const { return active && !superseded_by && prepared != nullptr; }

    // --- configuration and plan (arbiter.cpp) ---
    std::shared_ptr<Prepared> prepared;
    Links links;  // every daemon of the configuration but this arbiter

    // Replaces the dispatched configuration (start, reload, takeover): links follow the new
    // topology; daemons that left it are told to idle.
    void install(std::shared_ptr<Prepared> next);
    dispatch::Liveness liveness() const;
    // A daemon died or came back: new runners and scheduler lists (the layout stays).
    void replan(const std::string& why);
    void refresh_desired();
    bool has_spare_arbiters() const;

    // External commands routed by the plan (commands.cpp).
    std::unique_ptr<ArbiterCommands> commands;

    // --- liveness (watch.cpp) ---
    void watch(std::shared_ptr<LinkState> link);
    boost::asio::awaitable<void> watch_loop(std::shared_ptr<LinkState> link);
    boost::asio::awaitable<void> check(std::shared_ptr<LinkState> link);
    boost::asio::awaitable<void> sleep(std::chrono::milliseconds duration);

    // --- pushing the plan (reconcile.cpp) ---
    std::shared_ptr<daemon::AsyncEvent> wake;
    bool dirty = true;
    void poke();
    boost::asio::awaitable<void> reconcile_loop();
    boost::asio::awaitable<void> reconcile_once();
    struct Order {
        std::shared_ptr<LinkState> link;
        std::string target;
        std::string body;
        std::string what;
    };
    std::vector<Order> idle_orders();
    // Sends the orders together and waits for every answer.
    boost::asio::awaitable<void> send_and_wait(std::vector<Order> orders);
    void push_plan();
    // Another live scheduler than `runner` reports `part`.
    bool held_elsewhere(PartId part, const LinkState& runner) const;
    void push(std::shared_ptr<LinkState> link);
    // POST /wait_new_conf, not awaited.
    void idle(std::shared_ptr<LinkState> link, std::string what);
    // One call to a daemon; the answer's "managed" updates the link. Returns the status (0 when
    // the daemon could not be reached).
    boost::asio::awaitable<int> order(std::shared_ptr<LinkState> link, std::string target,
                                      std::string body, std::chrono::milliseconds timeout,
                                      std::string what);

    // --- master and spare arbiters (peers.cpp) ---
    // Spare side: what the master sent.
    std::string master_json;
    std::string master_flavor;
    nlohmann::json master_layout;
    std::map<PartId, std::string> master_runners;
    std::string master_name;
    double last_master_speak = 0;  // monotonic seconds
    bool taking_over = false;
    void start_peers();
    boost::asio::awaitable<void> feed_spare(std::shared_ptr<LinkState> spare);
    boost::asio::awaitable<void> feed_spare_once(std::shared_ptr<LinkState> spare);
    std::string spare_put_conf() const;
    void spare_answered(LinkState& spare, const std::string& error);
    boost::asio::awaitable<void> watch_master(std::shared_ptr<LinkState> master);
    boost::asio::awaitable<void> take_over();
    boost::asio::awaitable<Preparation> prepare_master_configuration();
    void adopt_master_runners(Prepared& own) const;
    void register_peer_routes();

    // --- reload (reload.cpp) ---
    bool reloading = false;
    boost::asio::awaitable<net::Response> reload(std::string origin);
    boost::asio::awaitable<Preparation> prepare_reload();
    net::Response finish_reload(Preparation made);

    // --- routes (routes.cpp) ---
    void register_routes();
    nlohmann::json stats() const;
    nlohmann::json all_states() const;

    // Runs `work` on the worker thread and resumes on the loop with its result.
    template <class F>
    auto off_loop(F work) -> boost::asio::awaitable<decltype(work())>;
};

}  // namespace yagura::arbiter

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace yagura::arbiter {

// Named variables, no temporaries in the co_await expressions: GCC 12 mishandles temporaries
// (a lambda with captures above all) that live across a suspension.
template <class F>
auto ArbiterImpl::off_loop(F work) -> boost::asio::awaitable<decltype(work())> {
    using Result = decltype(work());
    auto task = [work = std::move(work)]() mutable -> boost::asio::awaitable<Result> {
        co_return work();
    };
    auto spawned =
        boost::asio::co_spawn(workers.get_executor(), std::move(task), boost::asio::use_awaitable);
    Result result = co_await std::move(spawned);
    co_return result;
}

}  // namespace yagura::arbiter
