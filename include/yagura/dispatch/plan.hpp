#pragma once

#include <cstdint>
#include <string>

#include <yagura/dispatch/assignment.hpp>
#include <yagura/dispatch/layout.hpp>
#include <yagura/dispatch/problem.hpp>
#include <yagura/dispatch/tags.hpp>
#include <yagura/dispatch/topology.hpp>

namespace yagura::model {
struct Config;
}

namespace yagura::dispatch {

// How a configuration is dispatched: the realms and daemons, which hosts go to which part
// (layout), who runs each part and which parts each satellite serves (assignment). Pure data:
// computed without I/O from a configuration, the daemons' liveness and the previous plan.
struct Plan {
    Topology topology;
    Layout layout;
    TagUse tags;
    Assignment assignment;
    Problems errors;    // configuration errors: a plan with errors must not be dispatched
    Problems warnings;  // the assignment's warnings (parts without scheduler, ...)
    std::uint64_t hosts = 0;
    std::uint64_t services = 0;
    std::size_t shards = 0;
    std::uint64_t largest_shard_hosts = 0;

    bool ok() const { return errors.empty(); }
};

// The whole plan for a configuration. With `previous` (the plan of the configuration running
// so far, or the same one), hosts stay in their parts and parts with their runners (layout.hpp,
// assignment.hpp). Errors: those of the topology, shards spanning realms, realms with hosts
// but no scheduler, tags no satellite serves.
Plan make_plan(const model::Config& config, const Liveness& liveness, const Plan* previous,
               const PlacementOptions& options = {});

// A new assignment for a plan whose configuration did not change (a daemon died or returned).
// Cheap: no graph, no placement.
void reassign(Plan& plan, const Liveness& liveness);

// The human summary `yagura-arbiter -v` prints: per realm, each part with its scheduler,
// weight, hosts, services and share of the load, the spares, the satellites and their parts.
std::string describe(const Plan& plan);

}  // namespace yagura::dispatch
