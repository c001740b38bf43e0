#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/dispatch/problem.hpp>
#include <yagura/dispatch/topology.hpp>
#include <yagura/model/symbol.hpp>

namespace yagura::model {
struct Config;
}

namespace yagura::dispatch {

// Hosts that must be scheduled together: a connected component of the host graph.
struct Shard {
    std::vector<model::Index> hosts;  // indices in config.hosts, ascending
    RealmId realm = kNoRealm;
    std::uint64_t load = 0;  // hosts + services
};

struct Shards {
    std::vector<Shard> shards;  // ordered by their first host
    // Per host index: the realm it belongs to (kNoRealm for templates) and its load
    // (1 + its services).
    std::vector<RealmId> host_realm;
    std::vector<std::uint32_t> host_load;
    Problems errors;
};

// Cuts the configuration into shards (Shinken's packs). The graph's nodes are the registered
// hosts; its edges join a host and its parents, the two ends of a host dependency, the hosts
// of the two ends of a service dependency (definitions and `service_dependencies`), and a
// business rule's host with every host its rule names (bp_rule!...). Services travel with
// their host.
//
// A host belongs to its realm (host_links.realm, else its `realm`, else the default realm).
// An edge between hosts of two realms is an error naming both hosts, their realms and the
// relation, with the file:line of the object that declares it; the shard then goes to the
// realm of its first host so that a plan can still be shown.
//
// Reads the links the config linker fills (host_links.parents, dependency links,
// service_links.host) and falls back to the names as written where a link is not filled.
Shards cut_shards(const model::Config& config, const Topology& topology);

// The host names a business rule expression refers to ("web1,HTTP & (db1,MySQL | db2)" gives
// web1, db1, db2). Hostgroup terms "g:name" are returned with their prefix; regular
// expressions, labels and tags ("r:", "l:", "t:") are skipped.
std::vector<std::string_view> business_rule_hosts(std::string_view expression);

}  // namespace yagura::dispatch
