#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/daemon/async_event.hpp>
#include <yagura/engine/engine.hpp>
#include <yagura/model/config.hpp>
#include <yagura/retention/writer.hpp>

#include "scheduler/scheduler.hpp"

namespace yagura::scheduler {

namespace asio = boost::asio;

// The part the scheduler runs: the engine on it and where its state is retained.
struct RunningPart {
    PartInfo info;
    std::unique_ptr<engine::Engine> engine;
    std::shared_ptr<retention::Writer> writer;  // null: no retention
    std::string retention;                      // the store, for /stats
    engine::RetentionLoad loaded;               // what the retention load applied
    double started_at = 0;
};

// A change of part asked by put_conf / wait_new_conf (or a test): the latest one wins.
struct PartChange {
    bool drop = false;
    PartInfo info;
    std::shared_ptr<model::Config> shard;           // linked, or
    std::shared_ptr<const nlohmann::json> objects;  // to load first
};

// How long polls ended, for /stats: an idle poller woken by a due check shows as woken.
struct LongPollCounters {
    std::uint64_t answered_at_once = 0;  // actions were ready when the call came
    std::uint64_t woken = 0;             // waited, then got actions
    std::uint64_t timed_out = 0;         // waited the whole time, got nothing
    std::uint64_t calls = 0;
};

// The role's state, shared by its routes and coroutines (which hold it while they run).
struct SchedulerCore : std::enable_shared_from_this<SchedulerCore> {
    SchedulerCore(daemon::Daemon& daemon, SchedulerOptions options);
    ~SchedulerCore();

    // --- lifecycle (scheduler.cpp) ---
    void start();
    asio::awaitable<void> stop();
    void request(PartChange change);
    asio::awaitable<void> apply_changes();
    asio::awaitable<void> apply(PartChange change);
    asio::awaitable<void> retire_part();
    asio::awaitable<std::unique_ptr<RunningPart>> build_part(PartInfo info,
                                                             std::shared_ptr<model::Config> shard);
    asio::awaitable<void> run_ticks();
    // After the engine changed: dirty records to the writer, waiting long polls woken.
    void after_change();
    // Makes the ticker look at next_wakeup() again at once (a result may have made work due).
    void poke();
    engine::Engine* engine() const { return part ? part->engine.get() : nullptr; }
    std::optional<std::int64_t> part_id() const;

    // Runs `work` on the worker thread and resumes on the loop with its result.
    template <class Work>
    auto off_loop(Work work) -> asio::awaitable<decltype(work())> {
        auto inner = run_work(std::move(work));
        auto outer = asio::co_spawn(pool, std::move(inner), asio::use_awaitable);
        co_return co_await std::move(outer);
    }
    // A coroutine that owns `work` in its frame. (Not a capturing coroutine lambda: its
    // captures would live in a closure that co_spawn may move or destroy while it runs.)
    template <class Work>
    static auto run_work(Work work) -> asio::awaitable<decltype(work())> {
        co_return work();
    }

    // --- HTTP (scheduler_routes.cpp, scheduler_views.cpp) ---
    void add_routes();
    void add_views();
    nlohmann::json stats() const;
    void add_metrics();

    daemon::Daemon& daemon;
    SchedulerOptions options;
    core::SystemClock clock;
    std::unique_ptr<RunningPart> part;
    std::optional<PartChange> pending;
    bool changing = false;
    bool stopping = false;
    std::string last_error;  // why the last part did not load, for /stats
    std::shared_ptr<daemon::AsyncEvent> checks_event;
    std::shared_ptr<daemon::AsyncEvent> broks_event;
    // Wakes the ticker early. An event rather than a timer of our own: the daemon closes it
    // when it stops, and nothing of ours is bound to the loop after it is gone.
    std::shared_ptr<daemon::AsyncEvent> wake_event;
    std::uint64_t ticks = 0;
    LongPollCounters check_polls;
    LongPollCounters brok_polls;
    std::vector<engine::RetentionRecord> dirty;  // reused buffer
    // Last, so it is joined first when the core goes: blocking work holds what it needs.
    asio::thread_pool pool{1};
};

}  // namespace yagura::scheduler
