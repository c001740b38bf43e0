#pragma once

#include <cstdint>
#include <vector>

#include <yagura/dispatch/layout.hpp>

namespace yagura::dispatch {

// One non-spare scheduler of a realm during placement, and the shards it holds.
struct Slot {
    const DaemonInfo* scheduler = nullptr;
    double weight = 1;
    std::uint64_t load = 0;
    std::vector<std::uint32_t> shards;  // indices in Shards::shards
};

// If the realm is badly off (a slot above options.overload or below options.underload times
// its weighted share), moves whole shards, smallest first, from the most loaded slots
// (relative to share) to the least loaded, until every slot is within 10% of its share or no
// shard fits: a shard moves only if the donor keeps at least its share and the receiver gets
// at most its share, so no host moves twice and the fewest hosts move. Nothing moves in a
// realm that is not badly off.
void rebalance(std::vector<Slot>& slots, const Shards& shards, const PlacementOptions& options);

}  // namespace yagura::dispatch
