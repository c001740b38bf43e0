#include <algorithm>

#include <yagura/dispatch/topology.hpp>
#include <yagura/model/config.hpp>

namespace yagura::dispatch {

namespace {

using model::Config;
using model::StringPool;

constexpr std::array<std::string_view, 6> kKindNames = {"arbiter",     "scheduler", "poller",
                                                        "reactionner", "broker",    "receiver"};

// Builds the parent links from realm_members (parent side) and higher_realms (child side).
void link_realms(const Config& config, Topology& topo, const std::vector<RealmId>& ids,
                 Problems& errors) {
    const auto& pool = config.pool;
    auto set_parent = [&](RealmId child, RealmId parent, const std::string& where) {
        auto& node = topo.realms[child];
        if (node.parent == parent) {
            return;
        }
        if (node.parent != kNoRealm) {
            errors.push_back({where, "realm '" + node.name + "' is a member of both '" +
                                         topo.realms[node.parent].name + "' and '" +
                                         topo.realms[parent].name + "'"});
            return;
        }
        node.parent = parent;
    };
    for (std::size_t i = 0; i < config.realms.size(); ++i) {
        const auto& realm = config.realms[static_cast<model::Index>(i)];
        if (ids[i] == kNoRealm) {
            continue;
        }
        for (auto member : pool.symbols(realm.realm_members.list)) {
            RealmId child = topo.find_realm(pool.str(member));
            if (child == kNoRealm) {
                errors.push_back(
                    {topo.realms[ids[i]].where, "realm '" + topo.realms[ids[i]].name +
                                                    "': unknown realm_members entry '" +
                                                    std::string(pool.str(member)) + "'"});
                continue;
            }
            set_parent(child, ids[i], topo.realms[ids[i]].where);
        }
        for (auto higher : pool.symbols(realm.higher_realms.list)) {
            RealmId parent = topo.find_realm(pool.str(higher));
            if (parent == kNoRealm) {
                errors.push_back(
                    {topo.realms[ids[i]].where, "realm '" + topo.realms[ids[i]].name +
                                                    "': unknown higher_realms entry '" +
                                                    std::string(pool.str(higher)) + "'"});
                continue;
            }
            set_parent(ids[i], parent, topo.realms[ids[i]].where);
        }
    }
}

// Depths and children; a cycle is reported and broken so that later walks end.
void finish_tree(Topology& topo, Problems& errors) {
    for (RealmId r = 0; r < topo.realms.size(); ++r) {
        std::uint32_t depth = 0;
        RealmId at = topo.realms[r].parent;
        while (at != kNoRealm && depth <= topo.realms.size()) {
            ++depth;
            at = topo.realms[at].parent;
        }
        if (depth > topo.realms.size()) {
            errors.push_back({topo.realms[r].where,
                              "realm '" + topo.realms[r].name + "' is its own sub-realm (cycle)"});
            topo.realms[r].parent = kNoRealm;
            depth = 0;
        }
        topo.realms[r].depth = depth;
    }
    for (RealmId r = 0; r < topo.realms.size(); ++r) {
        if (topo.realms[r].parent != kNoRealm) {
            topo.realms[topo.realms[r].parent].children.push_back(r);
        }
    }
}

void read_realms(const Config& config, Topology& topo, Problems& errors) {
    const auto& pool = config.pool;
    std::vector<RealmId> ids(config.realms.size(), kNoRealm);
    std::vector<RealmId> defaults;
    for (std::size_t i = 0; i < config.realms.size(); ++i) {
        const auto& realm = config.realms[static_cast<model::Index>(i)];
        if (!realm.registered || realm.realm_name.empty()) {
            continue;
        }
        ids[i] = static_cast<RealmId>(topo.realms.size());
        RealmNode node;
        node.name = pool.str(realm.realm_name);
        node.broker_complete_links = realm.broker_complete_links;
        node.where = location(realm.imported_from, pool);
        topo.realms.push_back(std::move(node));
        if (realm.default_realm) {
            defaults.push_back(ids[i]);
        }
    }
    if (topo.realms.empty()) {
        topo.realms.push_back(RealmNode{.name = "All"});
        defaults = {0};
    }
    link_realms(config, topo, ids, errors);
    finish_tree(topo, errors);
    if (defaults.empty()) {
        // One realm, or one root: that is the default, as an unmarked single realm is meant.
        std::vector<RealmId> roots;
        for (RealmId r = 0; r < topo.realms.size(); ++r) {
            if (topo.realms[r].parent == kNoRealm) {
                roots.push_back(r);
            }
        }
        if (roots.size() == 1) {
            defaults = roots;
        } else {
            errors.push_back({"", "no realm is marked `default 1` and there are " +
                                      std::to_string(roots.size()) + " top realms"});
            defaults = {roots.empty() ? 0 : roots.front()};
        }
    }
    if (defaults.size() > 1) {
        std::string names;
        for (auto r : defaults) {
            names += (names.empty() ? "'" : ", '") + topo.realms[r].name + "'";
        }
        errors.push_back(
            {topo.realms[defaults[1]].where, "several realms are marked `default 1`: " + names});
    }
    topo.default_realm = defaults.front();
}

std::vector<std::string> tag_list(model::SymbolList tags, const StringPool& pool) {
    std::vector<std::string> out;
    for (auto tag : pool.symbols(tags.list)) {
        out.emplace_back(pool.str(tag));
    }
    if (out.empty()) {
        out.emplace_back("None");
    }
    return out;
}

template <class Link>
void read_links(const Config& config, const model::Table<Link>& table, DaemonKind kind,
                Topology& topo, Problems& errors) {
    const auto& pool = config.pool;
    for (const Link& link : table) {
        if (!link.registered || link.daemon_name.empty()) {
            continue;
        }
        DaemonInfo d;
        d.kind = kind;
        d.name = pool.str(link.daemon_name);
        d.where = location(link.imported_from, pool);
        d.spare = link.spare;
        d.failback = link.failback;
        d.manage_sub_realms = link.manage_sub_realms;
        d.address = pool.str(link.address);
        if (d.address.empty()) {
            d.address = "localhost";
        }
        d.port = static_cast<std::uint16_t>(std::clamp(link.port, 0, 65535));
        d.use_ssl = link.use_ssl;
        d.timeout = std::max(1, link.timeout);
        d.data_timeout = std::max(1, link.data_timeout);
        d.check_interval = std::max(1, link.check_interval);
        d.max_check_attempts = std::max(1, link.max_check_attempts);
        if (link.realm.empty()) {
            d.realm = topo.default_realm;
        } else {
            d.realm = topo.find_realm(pool.str(link.realm));
            if (d.realm == kNoRealm) {
                errors.push_back({d.where, std::string(kind_name(kind)) + " '" + d.name +
                                               "': unknown realm '" +
                                               std::string(pool.str(link.realm)) + "'"});
                d.realm = topo.default_realm;
            }
        }
        if constexpr (std::is_same_v<Link, model::SchedulerLink>) {
            d.weight = link.weight;
            if (link.weight < 1) {
                errors.push_back({d.where, "scheduler '" + d.name + "': weight " +
                                               std::to_string(link.weight) + " must be 1 or more"});
                d.weight = 1;
            }
        } else if constexpr (std::is_same_v<Link, model::PollerLink>) {
            d.tags = tag_list(link.poller_tags, pool);
        } else if constexpr (std::is_same_v<Link, model::ReactionnerLink>) {
            d.tags = tag_list(link.reactionner_tags, pool);
        } else if constexpr (std::is_same_v<Link, model::ArbiterLink>) {
            d.host_name = pool.str(link.host_name);
        }
        topo.daemons.push_back(std::move(d));
    }
}

}  // namespace

std::string_view kind_name(DaemonKind kind) {
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<DaemonKind> parse_kind(std::string_view name) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i) {
        if (kKindNames[i] == name) {
            return static_cast<DaemonKind>(i);
        }
    }
    return std::nullopt;
}

bool DaemonInfo::serves_tag(std::string_view tag) const {
    return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

RealmId Topology::find_realm(std::string_view name) const {
    for (RealmId r = 0; r < realms.size(); ++r) {
        if (realms[r].name == name) {
            return r;
        }
    }
    return kNoRealm;
}

const DaemonInfo* Topology::find(DaemonKind kind, std::string_view name) const {
    for (const auto& d : daemons) {
        if (d.kind == kind && d.name == name) {
            return &d;
        }
    }
    return nullptr;
}

int Topology::distance(RealmId realm, RealmId ancestor) const {
    int steps = 0;
    for (RealmId at = realm; at != kNoRealm; at = realms[at].parent) {
        if (at == ancestor) {
            return steps;
        }
        ++steps;
    }
    return -1;
}

bool Topology::serves(const DaemonInfo& daemon, RealmId realm) const {
    if (daemon.realm == realm) {
        return true;
    }
    if (daemon.kind == DaemonKind::scheduler || daemon.kind == DaemonKind::arbiter ||
        !daemon.manage_sub_realms) {
        return false;
    }
    return distance(realm, daemon.realm) > 0;
}

std::vector<const DaemonInfo*> Topology::of_kind(DaemonKind kind) const {
    std::vector<const DaemonInfo*> out;
    for (const auto& d : daemons) {
        if (d.kind == kind) {
            out.push_back(&d);
        }
    }
    return out;
}

Topology make_topology(const model::Config& config, Problems& errors) {
    Topology topo;
    read_realms(config, topo, errors);
    read_links(config, config.arbiters, DaemonKind::arbiter, topo, errors);
    read_links(config, config.schedulers, DaemonKind::scheduler, topo, errors);
    read_links(config, config.pollers, DaemonKind::poller, topo, errors);
    read_links(config, config.reactionners, DaemonKind::reactionner, topo, errors);
    read_links(config, config.brokers, DaemonKind::broker, topo, errors);
    read_links(config, config.receivers, DaemonKind::receiver, topo, errors);
    return topo;
}

}  // namespace yagura::dispatch
