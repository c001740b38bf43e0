#pragma once

// The broker role: pulls broks from the schedulers it is given (brok_puller.hpp), applies
// them in order to its regenerated state (the Livestatus view, modules/brokerstate) and hands
// them to its modules (Livestatus, graphite, the monitoring log) through their queues
// (modules/common), and sends Livestatus COMMANDs to the scheduler that owns their object
// (command_router.hpp).
//
// Its configuration arrives through two methods, called with what the arbiter pushed
// (put_conf, received by the daemon's daemon::ManagedConfig: received_config.hpp says what is
// taken from it), or with the broker's ini ([module ...] and [scheduler ...] sections,
// broker_ini.hpp) for a run without an arbiter or before the arbiter speaks:
//
//   broker.set_schedulers(scheduler_endpoints_from_json(conf["schedulers"]));
//   broker.set_modules(modules::module_configs_from_json(conf["link"]["modules"]));
//
// Both take effect at once while the daemon runs (pulling from a scheduler that left the list
// stops, a new one is pulled from, a changed module restarts), and are kept for the start
// when called before it.

#include <chrono>
#include <memory>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/daemon/managed_config.hpp>
#include <yagura/modules/common/module.hpp>
#include <yagura/modules/common/module_set.hpp>

#include "broker/brok_puller.hpp"
#include "broker/command_router.hpp"
#include "broker/scheduler_endpoint.hpp"

namespace yagura::broker {

struct BrokerOptions {
    const core::Clock* clock = nullptr;  // the system clock when null (tests pass a fake one)
    PullerSettings puller;               // broker_name defaults to the daemon's name
    // The daemon must stop within a couple of seconds: a second for the modules to drain
    // their queues and flush (graphite to carbon, the log to disk).
    modules::ModuleSetSettings modules{.stop_grace = std::chrono::milliseconds(1'000)};
    ForwarderSettings commands;
    // A part that left the scheduler list is forgotten (its objects removed from the state and
    // the modules) after this long, unless a scheduler brings it back meanwhile (failover).
    std::chrono::milliseconds forget_part_after{30'000};
    bool read_ini = true;  // take [module ...] and [scheduler ...] from the daemon's ini
};

class Broker {
public:
    explicit Broker(daemon::Daemon& daemon, BrokerOptions options = {});
    ~Broker();
    Broker(const Broker&) = delete;
    Broker& operator=(const Broker&) = delete;

    void set_schedulers(std::vector<SchedulerEndpoint> schedulers);
    void set_modules(std::vector<modules::ModuleConfig> modules);

    // The module types this broker can run (livestatus, graphite, logfile, with aliases).
    const modules::ModuleRegistry& registry() const { return registry_; }
    // What GET /stats shows under "broker".
    nlohmann::json stats() const;
    // What the arbiter pushed (put_conf and friends; see docs/protocol.md).
    const daemon::ManagedConfig& configuration() const { return configuration_; }

private:
    struct Runtime;
    // The configuration receiver's hook: the arbiter's schedulers (and modules, when it
    // defines them) replace those the broker works with.
    void apply_received(const daemon::ReceivedConfig& received);
    void start();
    boost::asio::awaitable<void> stop();

    daemon::Daemon& daemon_;
    BrokerOptions options_;
    core::SystemClock system_clock_;
    const core::Clock& clock_;
    modules::ModuleRegistry registry_;
    std::vector<SchedulerEndpoint> schedulers_;
    std::vector<modules::ModuleConfig> modules_;
    std::unique_ptr<Runtime> runtime_;  // while the daemon runs
    bool stopped_ = false;
    // Last: its hook calls the members above.
    daemon::ManagedConfig configuration_;
};

}  // namespace yagura::broker
