#pragma once

// What the broker runs while its daemon runs: the state, the pullers, the modules, the command
// path. Built when the daemon has started, torn down in its stop hook (every socket and timer
// goes while the loop still runs).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/modules/brokerstate/broker_state.hpp>
#include <yagura/modules/common/module_set.hpp>
#include <yagura/modules/common/wakeup.hpp>

#include "broker/brok_puller.hpp"
#include "broker/broker.hpp"
#include "broker/command_router.hpp"
#include "broker/livestatus_module.hpp"

namespace yagura::broker {

struct Broker::Runtime {
    Runtime(daemon::Daemon& daemon, const BrokerOptions& options, const core::Clock& clock,
            const modules::ModuleRegistry& registry,
            modules::brokerstate::BrokerStateSettings state_settings);

    // Starts pulling from the new schedulers, stops pulling from those that left (at once),
    // and schedules the parts nobody serves any more to be forgotten.
    void apply_schedulers(std::vector<SchedulerEndpoint> schedulers);
    // Replaces the modules (one change at a time; the latest wins).
    void apply_modules(std::vector<modules::ModuleConfig> configs);
    boost::asio::awaitable<void> stop();

    nlohmann::json stats() const;
    void metrics(net::MetricsWriter& out) const;

    daemon::Daemon& daemon;
    const BrokerOptions& options;
    const core::Clock& clock;
    modules::brokerstate::BrokerState state;
    TriggerFanout fanout;
    CommandForwarder forwarder;
    CommandRouter router;
    modules::ModuleSet modules;

private:
    boost::asio::awaitable<void> on_broks(const SchedulerEndpoint& from, int part_id,
                                          std::shared_ptr<const nlohmann::json> broks);
    void feed(const modules::Brok& brok);
    boost::asio::awaitable<void> apply_modules_loop();
    boost::asio::awaitable<void> tick_loop();
    void forget_absent_parts();
    std::vector<SchedulerEndpoint> resolve(const CommandRoute& route) const;
    std::unique_ptr<BrokPuller> make_puller(const SchedulerEndpoint& scheduler);

    std::vector<SchedulerEndpoint> schedulers_;                   // the list in force
    std::map<std::string, std::unique_ptr<BrokPuller>> pullers_;  // by connection key
    std::map<int, SchedulerEndpoint> part_owner_;  // who sent each part last (or is listed)
    std::set<int> parts_seen_;
    std::map<int, double> absent_since_;  // part -> monotonic seconds it left the list
    std::optional<std::vector<modules::ModuleConfig>> next_modules_;
    bool applying_modules_ = false;
    bool stopping_ = false;
    modules::Wakeup tick_wake_;
    std::uint64_t broks_ = 0, batches_ = 0, parts_forgotten_ = 0;
    std::vector<std::string> module_errors_;
};

}  // namespace yagura::broker
