#include <deque>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/modules/common/module_runner.hpp>
#include <yagura/modules/common/wakeup.hpp>

namespace yagura::modules {

namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;

std::string_view to_string(ModuleState state) {
    switch (state) {
        case ModuleState::idle:
            return "idle";
        case ModuleState::running:
            return "running";
        case ModuleState::failed:
            return "failed";
        case ModuleState::stopping:
            return "stopping";
        case ModuleState::stopped:
            return "stopped";
    }
    return "unknown";
}

struct ModuleRunner::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& context, ModuleConfig module_config, std::unique_ptr<Module> instance,
         RunnerSettings runner_settings)
        : io(context),
          config(std::move(module_config)),
          module(std::move(instance)),
          settings(runner_settings),
          work(context),
          drained(context),
          log(core::logger("modules")) {
        stats.capacity = settings.queue_capacity;
    }

    bool try_start();
    void spawn_consumer();
    asio::awaitable<void> consume();
    void handle(const Brok& brok);
    void drop_remaining(const char* why);

    asio::io_context& io;
    ModuleConfig config;
    std::unique_ptr<Module> module;
    RunnerSettings settings;
    std::deque<Brok> queue;
    Wakeup work;     // the consumer waits here for broks
    Wakeup drained;  // stop() waits here for the consumer to finish
    bool consumer_running = false;
    bool accepting = true;  // false once stopping: offer() refuses
    bool abandon = false;   // the drain time ran out: the consumer exits at once
    double next_start = 0;  // monotonic seconds of the next start attempt of a failed module
    RunnerStats stats;
    LogThrottle drop_log, error_log;
    std::shared_ptr<spdlog::logger> log;
};

bool ModuleRunner::Impl::try_start() {
    try {
        module->start();
    } catch (const std::exception& e) {
        stats.state = ModuleState::failed;
        stats.last_error = e.what();
        ++stats.start_failures;
        next_start = core::monotonic_seconds() +
                     std::chrono::duration<double>(settings.restart_interval).count();
        log->error("module '{}' ({}) could not start: {}; trying again in {} s", config.name,
                   config.type, e.what(),
                   std::chrono::duration<double>(settings.restart_interval).count());
        return false;
    }
    stats.state = ModuleState::running;
    log->info("module '{}' ({}) started", config.name, config.type);
    spawn_consumer();
    return true;
}

void ModuleRunner::Impl::spawn_consumer() {
    if (consumer_running) {
        work.notify();
        return;
    }
    consumer_running = true;
    asio::co_spawn(
        io, [self = shared_from_this()] { return self->consume(); }, asio::detached);
}

void ModuleRunner::Impl::handle(const Brok& brok) {
    ++stats.handled;
    try {
        module->handle(brok);
    } catch (const std::exception& e) {
        ++stats.errors;
        stats.last_error = e.what();
        if (error_log.allow(core::monotonic_seconds())) {
            log->error("module '{}': a '{}' brok failed: {} ({} errors so far)", config.name,
                       brok.type(), e.what(), stats.errors);
        }
    }
}

asio::awaitable<void> ModuleRunner::Impl::consume() {
    auto self = shared_from_this();  // the runner may go away while this runs
    while (!abandon) {
        if (queue.empty()) {
            if (!accepting) {
                break;  // stopping and drained
            }
            co_await work.wait();
            continue;
        }
        for (std::size_t n = 0; n < settings.slice && !queue.empty() && !abandon; ++n) {
            Brok brok = std::move(queue.front());
            queue.pop_front();
            handle(brok);
        }
        // Let the rest of the loop run (queries, other modules, the pullers) between slices.
        co_await asio::post(io, asio::use_awaitable);
    }
    consumer_running = false;
    drained.notify();
}

void ModuleRunner::Impl::drop_remaining(const char* why) {
    if (queue.empty()) {
        return;
    }
    stats.undrained += queue.size();
    log->warn("module '{}': {} broks not handled ({})", config.name, queue.size(), why);
    queue.clear();
}

ModuleRunner::ModuleRunner(asio::io_context& io, ModuleConfig config,
                           std::unique_ptr<Module> module, RunnerSettings settings)
    : impl_(std::make_shared<Impl>(io, std::move(config), std::move(module), settings)) {}

ModuleRunner::~ModuleRunner() {
    // Without a stop(), make the consumer (if any) exit at its next turn.
    impl_->accepting = false;
    impl_->abandon = true;
    impl_->work.notify();
}

void ModuleRunner::start() {
    if (impl_->stats.state == ModuleState::idle || impl_->stats.state == ModuleState::failed) {
        impl_->try_start();
    }
}

bool ModuleRunner::offer(const Brok& brok) {
    auto& impl = *impl_;
    if (!impl.module->wants(brok.type())) {
        return true;
    }
    if (!impl.accepting) {
        ++impl.stats.dropped;
        return false;
    }
    if (impl.queue.size() >= impl.settings.queue_capacity) {
        ++impl.stats.dropped;
        if (impl.drop_log.allow(core::monotonic_seconds())) {
            impl.log->warn(
                "module '{}': queue full ({} broks), dropping new broks ({} dropped so far; "
                "the module is slower than the broks arrive or is failing: {})",
                impl.config.name, impl.queue.size(), impl.stats.dropped,
                impl.stats.last_error.empty() ? "no error" : impl.stats.last_error);
        }
        return false;
    }
    impl.queue.push_back(brok);
    ++impl.stats.received;
    impl.stats.high_water = std::max(impl.stats.high_water, impl.queue.size());
    if (impl.stats.state == ModuleState::running) {
        impl.work.notify();
    }
    return true;
}

void ModuleRunner::tick(core::EpochSeconds now) {
    auto& impl = *impl_;
    if (impl.stats.state == ModuleState::failed && core::monotonic_seconds() >= impl.next_start) {
        impl.try_start();
        return;
    }
    if (impl.stats.state != ModuleState::running) {
        return;
    }
    try {
        impl.module->tick(now);
    } catch (const std::exception& e) {
        impl.stats.last_error = e.what();
        if (impl.error_log.allow(core::monotonic_seconds())) {
            impl.log->error("module '{}': tick failed: {}", impl.config.name, e.what());
        }
    }
}

asio::awaitable<void> ModuleRunner::stop(SteadyClock::time_point drain_deadline,
                                         SteadyClock::time_point deadline) {
    auto self = impl_;
    auto& impl = *self;
    if (impl.stats.state == ModuleState::stopped || impl.stats.state == ModuleState::stopping) {
        co_return;
    }
    bool was_running = impl.stats.state == ModuleState::running;
    impl.stats.state = ModuleState::stopping;
    impl.accepting = false;
    if (impl.consumer_running) {
        impl.work.notify();
        co_await impl.drained.wait_until(drain_deadline);
    }
    if (impl.consumer_running) {
        impl.abandon = true;
        impl.work.notify();
    }
    impl.drop_remaining(was_running ? "the stop's drain time ran out" : "the module never ran");
    if (was_running) {
        auto budget = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::max(deadline - SteadyClock::now(), SteadyClock::duration::zero()));
        try {
            co_await impl.module->stop(budget);
        } catch (const std::exception& e) {
            impl.stats.last_error = e.what();
            impl.log->error("module '{}': stop failed: {}", impl.config.name, e.what());
        }
    }
    impl.stats.state = ModuleState::stopped;
    impl.log->info("module '{}' stopped ({} broks handled, {} dropped, {} undrained)",
                   impl.config.name, impl.stats.handled, impl.stats.dropped, impl.stats.undrained);
}

asio::awaitable<void> ModuleRunner::stop(std::chrono::milliseconds grace) {
    auto now = SteadyClock::now();
    co_await stop(now + grace / 2, now + grace);
}

const ModuleConfig& ModuleRunner::config() const {
    return impl_->config;
}

Module& ModuleRunner::module() {
    return *impl_->module;
}

RunnerStats ModuleRunner::stats() const {
    RunnerStats stats = impl_->stats;
    stats.queued = impl_->queue.size();
    return stats;
}

nlohmann::json ModuleRunner::stats_json() const {
    auto s = stats();
    nlohmann::json out = {
        {"name", impl_->config.name},
        {"type", impl_->config.type},
        {"state", to_string(s.state)},
        {"queue", {{"size", s.queued}, {"capacity", s.capacity}, {"high_water", s.high_water}}},
        {"received", s.received},
        {"handled", s.handled},
        {"dropped", s.dropped},
        {"errors", s.errors},
        {"undrained", s.undrained},
        {"start_failures", s.start_failures},
        {"module", impl_->module->stats()}};
    if (!s.last_error.empty()) {
        out["last_error"] = s.last_error;
    }
    return out;
}

void ModuleRunner::metrics(net::MetricsWriter& out, const net::Labels& labels) const {
    auto s = stats();
    out.gauge("yagura_broker_module_up", "1 while the module runs, 0 when it failed or stopped.",
              s.state == ModuleState::running ? 1 : 0, labels);
    out.gauge("yagura_broker_module_queue_size", "Broks waiting for the module.",
              static_cast<double>(s.queued), labels);
    out.gauge("yagura_broker_module_queue_capacity", "Bound of the module's brok queue.",
              static_cast<double>(s.capacity), labels);
    out.counter("yagura_broker_module_broks_handled_total", "Broks given to the module.",
                static_cast<double>(s.handled), labels);
    out.counter("yagura_broker_module_broks_dropped_total",
                "Broks dropped because the module's queue was full.",
                static_cast<double>(s.dropped), labels);
    out.counter("yagura_broker_module_errors_total", "Broks whose handling failed.",
                static_cast<double>(s.errors), labels);
    impl_->module->metrics(out, labels);
}

}  // namespace yagura::modules
