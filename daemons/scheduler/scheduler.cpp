#include "scheduler/scheduler.hpp"

#include <algorithm>
#include <chrono>
#include <random>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <spdlog/spdlog.h>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/retention/module_settings.hpp>

#include "scheduler/part_loader.hpp"
#include "scheduler/part_retention.hpp"
#include "scheduler/scheduler_impl.hpp"

namespace yagura::scheduler {

namespace {

auto log() {
    return core::logger("scheduler");
}

// Coroutines here never co_await a call that takes arguments by value in the same
// expression: GCC 12 may destroy such temporaries twice (PR 100611), which over-releases
// shared pointers. The call is made first, into a named awaitable.

// Retention writes that a stopping daemon waits for: it must stop within a couple of seconds.
constexpr std::chrono::milliseconds kStopFlush{1500};
// A part being replaced or dropped: its last changes are worth waiting longer for.
constexpr std::chrono::milliseconds kRetireFlush{5000};
constexpr std::chrono::seconds kLoadTimeout{20};

asio::awaitable<void> pause(std::chrono::milliseconds duration) {
    asio::steady_timer timer(co_await asio::this_coro::executor, duration);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

std::uint64_t seed_of(const SchedulerOptions& options) {
    return options.seed != 0 ? options.seed : std::random_device{}();
}

}  // namespace

SchedulerCore::SchedulerCore(daemon::Daemon& d, SchedulerOptions o)
    : daemon(d),
      options(std::move(o)),
      checks_event(d.make_event()),
      broks_event(d.make_event()),
      wake_event(d.make_event()) {}

SchedulerCore::~SchedulerCore() {
    pool.join();
}

std::optional<std::int64_t> SchedulerCore::part_id() const {
    return part ? std::optional<std::int64_t>(part->info.part_id) : std::nullopt;
}

void SchedulerCore::start() {
    asio::co_spawn(
        daemon.io(), [self = shared_from_this()] { return self->run_ticks(); }, asio::detached);
}

asio::awaitable<void> SchedulerCore::run_ticks() {
    auto self = shared_from_this();
    while (!stopping && !wake_event->closed()) {
        double wait = 1.0;
        if (engine::Engine* e = engine()) {
            e->tick();
            ++ticks;
            after_change();
            wait = std::clamp(e->next_wakeup() - clock.now(), 0.001, 1.0);
        }
        co_await wake_event->wait(
            std::chrono::milliseconds(static_cast<std::int64_t>(wait * 1000)));
    }
}

void SchedulerCore::poke() {
    wake_event->notify_all();
}

void SchedulerCore::after_change() {
    engine::Engine* e = engine();
    if (e == nullptr) {
        return;
    }
    if (part->writer) {
        dirty.clear();
        e->take_dirty_records(dirty);
        for (const engine::RetentionRecord& r : dirty) {
            part->writer->put(record_key(r, part->info.part_id), r.value);
        }
    }
    // Cheap when nobody waits; a woken poll that finds nothing waits again.
    checks_event->notify_all();
    broks_event->notify_all();
}

void SchedulerCore::request(PartChange change) {
    pending = std::move(change);
    if (!changing) {
        changing = true;
        asio::co_spawn(
            daemon.io(), [self = shared_from_this()] { return self->apply_changes(); },
            asio::detached);
    }
}

// One change at a time, the latest asked winning, so that a part's retention is flushed
// before the next part (perhaps the same shard) loads it.
asio::awaitable<void> SchedulerCore::apply_changes() {
    auto self = shared_from_this();
    while (pending && !stopping) {
        PartChange change = std::move(*pending);
        pending.reset();
        try {
            auto step = apply(std::move(change));
            co_await std::move(step);
        } catch (const std::exception& e) {
            last_error = e.what();
            log()->error("part change failed: {}", e.what());
        }
    }
    changing = false;
}

asio::awaitable<void> SchedulerCore::apply(PartChange change) {
    if (change.drop) {
        co_await retire_part();
        log()->info("dropped the part: waiting for a new configuration");
        co_return;
    }
    if (!change.shard) {
        auto objects = change.objects;
        auto load = off_loop([objects] { return load_part(*objects); });
        auto loaded = co_await std::move(load);
        if (!loaded.shard) {
            last_error = "part " + std::to_string(change.info.part_id) + " (flavor " +
                         change.info.flavor + ") did not load: " + loaded.describe_errors();
            log()->error("{}; the running part carries on", last_error);
            co_return;
        }
        change.shard = std::make_shared<model::Config>(std::move(*loaded.shard));
    }
    if (pending) {
        co_return;  // superseded while loading
    }
    co_await retire_part();
    auto build = build_part(change.info, change.shard);
    auto next = co_await std::move(build);
    if (pending || stopping) {
        if (next->writer) {
            auto writer = next->writer;
            auto close = off_loop([writer] { return writer->close(kRetireFlush); });
            co_await std::move(close);
        }
        co_return;
    }
    part = std::move(next);
    last_error.clear();
    log()->info("running part {} (flavor {}, realm '{}'): {} hosts, {} services",
                part->info.part_id, part->info.flavor, part->info.realm,
                part->engine->config().hosts.size(), part->engine->config().services.size());
    poke();
}

asio::awaitable<void> SchedulerCore::retire_part() {
    if (!part) {
        co_return;
    }
    after_change();  // its last dirty records go to the writer
    std::shared_ptr<retention::Writer> writer = part->writer;
    std::int64_t id = part->info.part_id;
    part.reset();
    checks_event->notify_all();
    broks_event->notify_all();
    if (writer) {
        auto close = off_loop([writer] { return writer->close(kRetireFlush); });
        bool flushed = co_await std::move(close);
        if (!flushed) {
            log()->error(
                "part {}: retention not flushed within {} ms ({}): changes since the "
                "last write are lost",
                id, kRetireFlush.count(), writer->stats().last_error);
        }
    }
}

asio::awaitable<std::unique_ptr<RunningPart>> SchedulerCore::build_part(
    PartInfo info, std::shared_ptr<model::Config> shard) {
    auto next = std::make_unique<RunningPart>();
    next->info = info;
    next->started_at = clock.now();
    engine::EngineSettings settings;
    settings.part_id = static_cast<int>(info.part_id);
    settings.instance_name = info.instance_name;
    settings.seed = seed_of(options);
    next->engine = std::make_unique<engine::Engine>(std::move(*shard), settings, clock);
    shard.reset();

    std::optional<retention::ModuleSettings> module;
    try {
        module = retention_module_for(next->engine->config(), info.instance_name,
                                      options.default_retention);
    } catch (const std::exception& e) {
        last_error = std::string("retention module: ") + e.what();
        log()->error("part {}: {}; running without retention", info.part_id, last_error);
    }
    if (!module) {
        co_return next;
    }
    for (const auto& w : module->warnings) {
        log()->warn("retention module '{}': {}", module->module_name, w);
    }
    auto keys = retention_keys(next->engine->config(), info.part_id);
    struct Loaded {
        std::shared_ptr<retention::Writer> writer;
        std::string store;
        std::vector<engine::RetentionRecord> records;
        std::string error;
    };
    auto load = off_loop([module = *module, keys = std::move(keys)] {
        Loaded out;
        try {
            auto store = retention::make_store(module);
            out.store = store->describe();
            out.writer = std::make_shared<retention::Writer>(store, module.writer);
            out.records = records_from(keys, out.writer->load(keys, kLoadTimeout));
        } catch (const std::exception& e) {
            out.error = e.what();
        }
        return out;
    });
    auto loaded = co_await std::move(load);
    next->writer = loaded.writer;
    next->retention = loaded.store;
    if (!loaded.error.empty()) {
        last_error = "retention load: " + loaded.error;
        log()->error("part {}: {}; starting from the configuration's initial state", info.part_id,
                     last_error);
    }
    next->loaded = next->engine->load_retention(loaded.records);
    log()->info("part {}: retention from {}: {} records applied, {} unknown, {} invalid",
                info.part_id, loaded.store, next->loaded.applied, next->loaded.unknown,
                next->loaded.invalid);
    for (const auto& e : next->loaded.errors) {
        log()->warn("part {}: retention: {}", info.part_id, e);
    }
    co_return next;
}

asio::awaitable<void> SchedulerCore::stop() {
    auto self = shared_from_this();
    stopping = true;
    pending.reset();
    // A change in progress finishes its blocking step first (bounded by the store's timeouts):
    // its completion must not outlive the loop.
    for (int i = 0; changing && i < 60; ++i) {
        auto wait = pause(std::chrono::milliseconds(50));
        co_await std::move(wait);
    }
    if (!part) {
        co_return;
    }
    after_change();
    if (auto writer = part->writer) {
        auto flush = off_loop([writer] { return writer->flush(kStopFlush); });
        bool flushed = co_await std::move(flush);
        if (!flushed) {
            log()->error("retention not flushed within {} ms at stop ({})", kStopFlush.count(),
                         writer->stats().last_error);
        }
    }
}

Scheduler::Scheduler(daemon::Daemon& daemon, SchedulerOptions options)
    : impl_(std::make_shared<SchedulerCore>(daemon, std::move(options))),
      configuration_(daemon, "scheduler") {
    impl_->add_routes();
    impl_->add_views();
    impl_->add_metrics();
    std::weak_ptr<SchedulerCore> weak = impl_;
    daemon.add_stats("scheduler", [weak] {
        auto impl = weak.lock();
        return impl ? impl->stats() : nlohmann::json(nullptr);
    });
    daemon.on_start([weak] {
        if (auto impl = weak.lock()) {
            impl->start();
        }
    });
    daemon.on_stop([weak]() -> asio::awaitable<void> {
        if (auto impl = weak.lock()) {
            co_await impl->stop();
        }
    });
    configuration_.on_change([weak](const daemon::ReceivedConfig& held) {
        auto impl = weak.lock();
        if (!impl) {
            return;
        }
        if (!held.part_id || !held.objects) {
            impl->request({true, {}, nullptr, {}});
            return;
        }
        PartInfo info{*held.part_id, held.flavor, held.realm, held.instance_name};
        if (info.instance_name.empty()) {
            info.instance_name = impl->daemon.settings().name;
        }
        impl->request({false, std::move(info), nullptr, held.objects});
    });
}

Scheduler::~Scheduler() = default;

void Scheduler::run_part(PartInfo info, model::Config shard) {
    impl_->request({false, std::move(info), std::make_shared<model::Config>(std::move(shard)), {}});
}

void Scheduler::run_part_json(PartInfo info, std::shared_ptr<const nlohmann::json> objects) {
    impl_->request({false, std::move(info), nullptr, std::move(objects)});
}

void Scheduler::drop_part() {
    impl_->request({true, {}, nullptr, {}});
}

nlohmann::json Scheduler::stats() const {
    return impl_->stats();
}

}  // namespace yagura::scheduler
