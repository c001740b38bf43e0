#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/dispatch/problem.hpp>
#include <yagura/dispatch/shards.hpp>
#include <yagura/dispatch/topology.hpp>

namespace yagura::dispatch {

using PartId = std::int64_t;

// One scheduler's share of a realm (Shinken's configuration part, cfg_id): the hosts of the
// shards placed on one non-spare scheduler, its `home`. The part keeps its id as long as its
// home exists, across reloads; when the home dies a spare runs the part (assignment.hpp).
struct Part {
    PartId id = 0;
    RealmId realm = kNoRealm;
    std::string realm_name;
    std::string home;                        // the non-spare scheduler whose share this is
    std::vector<std::string> hosts;          // host names, in configuration order
    std::vector<model::Index> host_indices;  // the same hosts in the Config placed from
    std::uint64_t load = 0;                  // hosts + services
    std::uint32_t shards = 0;
    std::string flavor;  // digest of the part's content, set when it is built (part_content.hpp)
};

// Which host goes to which part: the slow half of a plan, computed when a configuration is
// loaded, kept while daemons come and go.
struct Layout {
    std::vector<Part> parts;  // ordered by id
    Problems errors;
    std::uint64_t hosts_placed_new = 0;  // hosts without a previous part
    std::uint64_t hosts_moved = 0;       // hosts whose previous part was another one

    const Part* find(PartId id) const;
    const Part* find_home(std::string_view scheduler) const;
};

struct PlacementOptions {
    // A realm's placement is "badly off", and whole shards move, when a scheduler carries more
    // than `overload` times its weighted share of the realm's load, or less than `underload`
    // times it. Between the two, every host stays where it was.
    double overload = 1.5;
    double underload = 0.5;
};

// Places the shards on the non-spare schedulers of their realm, weighted by `weight`, by load
// (hosts + services), stable across reloads:
// - a shard whose hosts were in a part of `previous` stays with that part's scheduler if it
//   still exists in the realm (when shards merged, with the scheduler that had most of its
//   load);
// - new shards go, largest first, to the scheduler with the least load relative to weight;
// - then, only if the realm is badly off (PlacementOptions), the smallest shards of the most
//   overloaded scheduler move to the least loaded one, so a big shard keeps its scheduler to
//   itself instead of dragging its neighbours.
// Every non-spare scheduler gets a part, empty or not. Part ids are kept per scheduler name.
// Errors: a realm with hosts and no non-spare scheduler.
Layout place(const model::Config& config, const Topology& topology, const Shards& shards,
             const Layout* previous, const PlacementOptions& options = {});

}  // namespace yagura::dispatch
