#pragma once

// What the broker takes from the arbiter's push (daemon::ManagedConfig, docs/protocol.md): the
// satellite part of its put_conf, {"schedulers": [...], "link": {...}}.
//
// - "schedulers": the schedulers to pull broks from (an empty list when the broker was told to
//   wait for a new configuration: it stops pulling);
// - "link"."modules": the broker's modules. Definitions (objects: the model's JSON of `define
//   module`, {"module_name": ..., "module_type": ..., parameters...}) replace the modules the
//   broker runs; names alone ("livestatus, log" or ["livestatus", "log"]) cannot configure a
//   module, so the broker keeps what it runs (its ini's modules) and says so. No modules (or
//   an empty list) also keeps them: an arbiter that defines none does not turn off a broker's
//   own.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/modules/common/module_config.hpp>

#include "broker/scheduler_endpoint.hpp"

namespace yagura::broker {

struct BrokerAssignment {
    std::vector<SchedulerEndpoint> schedulers;
    // Set when the push defines the modules; nullopt: keep the running ones.
    std::optional<std::vector<modules::ModuleConfig>> modules;
    // The module names the link gives without definitions (for the log), if any.
    std::vector<std::string> module_names_only;
};

// Throws core::Error(invalid_input) naming what is wrong; the broker then keeps what it runs.
BrokerAssignment broker_assignment_from_json(const nlohmann::json& satellite_json);

}  // namespace yagura::broker
