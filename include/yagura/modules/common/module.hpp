#pragma once

// The lifecycle every broker module follows (Livestatus, Graphite, the monitoring log, ...):
//
//   make (factory, from its ModuleConfig) -> start() -> handle(brok)... and tick(now) each
//   second -> stop(budget)
//
// all on the broker's io_context thread. The broker never calls a module directly with the
// broks it pulls: each module gets them through its own bounded queue (ModuleRunner), so a slow
// module never holds up the others or the brok pulling, and what a full queue drops is
// counted and logged.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/modules/common/brok.hpp>
#include <yagura/modules/common/module_config.hpp>
#include <yagura/net/metrics.hpp>

namespace boost::asio {
class io_context;
}

namespace yagura::modules {

// What a module may use from the broker that runs it.
struct ModuleContext {
    boost::asio::io_context& io;  // the broker's loop: do I/O asynchronously on it
    const core::Clock& clock;     // "now" for timestamps and rotations (a fake one in tests)
    std::string workdir;          // the broker's workdir: where relative files go
    std::string daemon_name;      // the broker's name, for logs and metric labels
};

class Module {
public:
    virtual ~Module() = default;

    // Whether this module wants broks of this type queued. Asked before queueing, so the broks
    // a module ignores cost it nothing (Graphite takes check results and statuses, not logs).
    virtual bool wants(std::string_view brok_type) const;

    // Opens what the module needs (sockets, files). Throws core::Error naming what failed;
    // the runner then reports the module as failed and tries again later.
    virtual void start() = 0;

    // One brok, in the order the scheduler sent it. Must not block the loop: write to a
    // socket asynchronously, keep bounded buffers. An exception is logged and counted; the
    // module then gets the next brok.
    virtual void handle(const Brok& brok) = 0;

    // Called about once a second with the clock's time: rotations, flushes, reconnections.
    virtual void tick(core::EpochSeconds now);

    // Flushes and closes within `budget` (the broker must stop within a couple of seconds).
    // The runner has already handed over every queued brok it could within its drain time.
    virtual boost::asio::awaitable<void> stop(std::chrono::milliseconds budget);

    // Module-specific figures for the broker's GET /stats (an object).
    virtual nlohmann::json stats() const;
    // Module-specific samples for GET /metrics; `labels` name the module.
    virtual void metrics(net::MetricsWriter& out, const net::Labels& labels) const;
};

using ModuleFactory =
    std::function<std::unique_ptr<Module>(const ModuleConfig&, const ModuleContext&)>;

// The module types a broker knows. The broker's wiring registers each one explicitly (no
// static self-registration), with Shinken's names as aliases where they differ.
class ModuleRegistry {
public:
    // Throws core::Error(conflict) when the type or an alias is taken.
    void add(std::string type, ModuleFactory factory, std::vector<std::string> aliases = {});

    // Builds the module of `config.type` (case-insensitive). Throws core::Error(not_found)
    // for an unknown type, listing the known ones, and whatever the factory throws for bad
    // parameters (core::Error(invalid_input) naming the module and the parameter).
    std::unique_ptr<Module> make(const ModuleConfig& config, const ModuleContext& context) const;

    bool knows(std::string_view type) const;
    // The type an alias stands for ("graphite_perfdata" -> "graphite"); "" when unknown.
    std::string canonical(std::string_view type) const;
    std::vector<std::string> types() const;

private:
    std::map<std::string, ModuleFactory, std::less<>> factories_;
    std::map<std::string, std::string, std::less<>> aliases_;  // alias -> type
};

}  // namespace yagura::modules
