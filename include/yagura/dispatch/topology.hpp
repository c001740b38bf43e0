#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/dispatch/problem.hpp>

namespace yagura::model {
struct Config;
}

namespace yagura::dispatch {

enum class DaemonKind : std::uint8_t { arbiter, scheduler, poller, reactionner, broker, receiver };

inline constexpr std::array kSatelliteKinds = {DaemonKind::poller, DaemonKind::reactionner,
                                               DaemonKind::broker, DaemonKind::receiver};

std::string_view kind_name(DaemonKind kind);  // "scheduler", ...
std::optional<DaemonKind> parse_kind(std::string_view name);

using RealmId = std::uint32_t;
inline constexpr RealmId kNoRealm = std::numeric_limits<RealmId>::max();

struct RealmNode {
    std::string name;
    RealmId parent = kNoRealm;
    std::vector<RealmId> children;
    std::uint32_t depth = 0;  // 0 for a root
    bool broker_complete_links = false;
    std::string where;  // file:line
};

// A daemon of the configuration as dispatch and the arbiter see it: plain values, readable
// without the configuration's string pool, so it outlives a reload.
struct DaemonInfo {
    DaemonKind kind = DaemonKind::scheduler;
    std::string name;
    RealmId realm = kNoRealm;
    bool spare = false;
    bool failback = false;
    bool manage_sub_realms = true;
    std::int32_t weight = 1;        // schedulers
    std::vector<std::string> tags;  // poller_tags / reactionner_tags ("None": untagged work)
    std::string address;
    std::uint16_t port = 0;
    bool use_ssl = false;
    std::int32_t timeout = 3;
    std::int32_t data_timeout = 120;
    std::int32_t check_interval = 1;
    std::int32_t max_check_attempts = 3;
    std::string host_name;  // arbiters: the machine it runs on
    std::string where;      // file:line of its define block

    bool serves_tag(std::string_view tag) const;
};

// The realm tree and the daemons of one configuration. Realm ids are positions in `realms`.
class Topology {
public:
    std::vector<RealmNode> realms;
    RealmId default_realm = kNoRealm;
    std::vector<DaemonInfo> daemons;

    RealmId find_realm(std::string_view name) const;
    const DaemonInfo* find(DaemonKind kind, std::string_view name) const;
    // How many levels `realm` is below `ancestor` (0: the same realm), or -1 when it is not
    // below it.
    int distance(RealmId realm, RealmId ancestor) const;
    // Whether a satellite takes work of `realm`: its own realm, or a realm below it when it
    // manages sub-realms. Schedulers serve their own realm only.
    bool serves(const DaemonInfo& daemon, RealmId realm) const;
    // The daemons of one kind, in configuration order.
    std::vector<const DaemonInfo*> of_kind(DaemonKind kind) const;
};

// Reads the realms and daemon links of a configuration. The tree comes from realm_members
// (and Shinken's higher_realms); a configuration without realms gets a default one named
// "All". Problems: a realm with two parents, a cycle, no or several default realms, a daemon in
// an unknown realm, a scheduler weight below 1.
Topology make_topology(const model::Config& config, Problems& errors);

}  // namespace yagura::dispatch
