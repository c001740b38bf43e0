#include <yagura/dispatch/plan.hpp>
#include <yagura/dispatch/shards.hpp>

namespace yagura::dispatch {

namespace {

void append(Problems& to, const Problems& from) {
    to.insert(to.end(), from.begin(), from.end());
}

}  // namespace

Plan make_plan(const model::Config& config, const Liveness& liveness, const Plan* previous,
               const PlacementOptions& options) {
    Plan plan;
    plan.topology = make_topology(config, plan.errors);
    Shards shards = cut_shards(config, plan.topology);
    append(plan.errors, shards.errors);
    plan.layout = place(config, plan.topology, shards,
                        previous != nullptr ? &previous->layout : nullptr, options);
    append(plan.errors, plan.layout.errors);
    plan.tags = collect_tags(config, plan.topology, shards);
    check_tags(plan.topology, plan.tags, plan.errors);
    plan.assignment = assign(plan.topology, plan.layout, liveness,
                             previous != nullptr ? &previous->assignment : nullptr, &plan.tags);
    plan.warnings = plan.assignment.warnings;

    plan.shards = shards.shards.size();
    for (const auto& shard : shards.shards) {
        plan.hosts += shard.hosts.size();
        plan.services += shard.load - shard.hosts.size();
        plan.largest_shard_hosts =
            std::max<std::uint64_t>(plan.largest_shard_hosts, shard.hosts.size());
    }
    return plan;
}

void reassign(Plan& plan, const Liveness& liveness) {
    Assignment previous = std::move(plan.assignment);
    plan.assignment = assign(plan.topology, plan.layout, liveness, &previous, &plan.tags);
    plan.warnings = plan.assignment.warnings;
}

}  // namespace yagura::dispatch
