#pragma once

// Runs one broker module: its bounded brok queue, the coroutine that feeds it from that queue,
// its start (retried while it fails), its ticks, its stop with a bounded drain, its stats.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/modules/common/brok.hpp>
#include <yagura/modules/common/module.hpp>
#include <yagura/modules/common/module_config.hpp>
#include <yagura/net/metrics.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::modules {

struct RunnerSettings {
    // Broks waiting for the module. When full, new broks for it are dropped, counted and logged
    // (the other modules and the brok pulling carry on).
    std::size_t queue_capacity = 100'000;
    // Broks handled in a row before the loop gets a turn (queries, other modules, pulling).
    std::size_t slice = 256;
    // A module whose start() failed is started again after this long.
    std::chrono::milliseconds restart_interval{30'000};
};

enum class ModuleState { idle, running, failed, stopping, stopped };
std::string_view to_string(ModuleState state);

struct RunnerStats {
    ModuleState state = ModuleState::idle;
    std::string last_error;       // why the last start or brok failed
    std::size_t queued = 0;       // broks waiting now
    std::size_t capacity = 0;     // queue bound
    std::size_t high_water = 0;   // most broks ever waiting at once
    std::uint64_t received = 0;   // broks queued (only the types the module wants)
    std::uint64_t handled = 0;    // broks the module has been given
    std::uint64_t dropped = 0;    // broks refused because the queue was full
    std::uint64_t errors = 0;     // broks whose handling threw
    std::uint64_t undrained = 0;  // broks still queued when the stop's drain time ran out
    std::uint64_t start_failures = 0;
};

class ModuleRunner {
public:
    ModuleRunner(boost::asio::io_context& io, ModuleConfig config, std::unique_ptr<Module> module,
                 RunnerSettings settings = {});
    ~ModuleRunner();
    ModuleRunner(const ModuleRunner&) = delete;
    ModuleRunner& operator=(const ModuleRunner&) = delete;

    // Starts the module and the coroutine that feeds it. When Module::start throws, the
    // module is reported failed (with the error), its broks are still queued, and the start is
    // tried again every restart_interval (from tick()).
    void start();

    // Queues a brok for the module if it wants its type. Returns false only when the brok was
    // dropped (queue full, or the module is stopping); never blocks.
    bool offer(const Brok& brok);

    // About once a second: retries a failed start, passes the tick to a running module.
    void tick(core::EpochSeconds now);

    // Stops taking broks, lets the module work through its queue until `drain_deadline`
    // (what is left then is counted as undrained and logged), then calls Module::stop with
    // what remains until `deadline`. Returns once the module has stopped.
    boost::asio::awaitable<void> stop(std::chrono::steady_clock::time_point drain_deadline,
                                      std::chrono::steady_clock::time_point deadline);
    // The same with half of `grace` for the drain and the rest for the module's own stop.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds grace);

    const ModuleConfig& config() const;
    Module& module();
    RunnerStats stats() const;
    // {"name", "type", "state", "queue": {...}, counters..., "module": Module::stats()}
    nlohmann::json stats_json() const;
    // yagura_broker_module_* samples labelled with the module's name and type.
    void metrics(net::MetricsWriter& out, const net::Labels& labels) const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::modules
