// Linking of host and service groups, realms and daemon links.

#include <algorithm>

#include "link.hpp"

namespace yagura::config::detail {

using model::Index;
using model::kNoIndex;
using model::Symbol;

namespace {

template <class G>
model::IndexList subgroups_of(const model::Table<G>& groups, model::SymbolList names,
                              model::StringPool& pool) {
    std::vector<Index> out;
    for (Symbol name : pool.symbols(names.list)) {
        if (Index g = groups.find(name); g != kNoIndex) {
            out.push_back(g);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return model::IndexList{pool.intern_list(out)};
}

}  // namespace

void Linker::link_groups() {
    host_groups_ = hostgroup_members(config_, &report_);
    for (std::size_t g = 0; g < config_.hostgroups.size(); ++g) {
        model::HostGroup& group = config_.hostgroups[g];
        group.links.members = index_list(host_groups_[g]);
        group.links.subgroups = subgroups_of(config_.hostgroups, group.hostgroup_members, pool_);
    }
    // Service group members are linked with the services (link_services).
}

Index Linker::realm(Symbol name, const ObjectRef& who) {
    if (name.empty()) {
        return default_realm_;
    }
    Index r = config_.realms.find(name);
    if (r == kNoIndex) {
        error(who, "realm: " + unknown_name(report_, "realm", pool_.str(name), config_.realms));
        return default_realm_;
    }
    return r;
}

void Linker::link_realms() {
    auto& realms = config_.realms;
    std::vector<Index> defaults;
    for (std::size_t r = 0; r < realms.size(); ++r) {
        realms[r].links = {};
        if (realms[r].default_realm) {
            defaults.push_back(static_cast<Index>(r));
        }
    }
    if (defaults.empty() && !realms.empty()) {
        report_.error(realms[0].imported_from, "",
                      "no default realm: set `default 1` on the realm that takes the hosts and "
                      "daemons without one");
    }
    for (std::size_t i = 1; i < defaults.size(); ++i) {
        const model::Realm& extra = realms[defaults[i]];
        report_.error(extra.imported_from, describe(extra, pool_),
                      "is a second default realm (the first is " +
                          in_quotes(pool_.str(realms[defaults[0]].realm_name)) + ")");
    }
    default_realm_ = defaults.empty() ? kNoIndex : defaults.front();
    // The tree: realm_members name the children, higher_realms (Alignak) the parents.
    auto adopt = [&](Index parent, Index child, const model::Realm& written_in) {
        Index& current = realms[child].links.parent;
        if (current != kNoIndex && current != parent) {
            report_.error(written_in.imported_from, describe(written_in, pool_),
                          "realm " + in_quotes(pool_.str(realms[child].realm_name)) +
                              " would have two parents, " +
                              in_quotes(pool_.str(realms[current].realm_name)) + " and " +
                              in_quotes(pool_.str(realms[parent].realm_name)));
            return;
        }
        current = parent;
    };
    for (std::size_t r = 0; r < realms.size(); ++r) {
        for (Symbol name : pool_.symbols(realms[r].realm_members.list)) {
            Index child = realms.find(name);
            if (child == kNoIndex) {
                error(ref(realms[r]),
                      "realm_members: " + unknown_name(report_, "realm", pool_.str(name), realms));
                continue;
            }
            adopt(static_cast<Index>(r), child, realms[r]);
        }
        for (Symbol name : pool_.symbols(realms[r].higher_realms.list)) {
            Index parent = realms.find(name);
            if (parent == kNoIndex) {
                error(ref(realms[r]),
                      "higher_realms: " + unknown_name(report_, "realm", pool_.str(name), realms));
                continue;
            }
            adopt(parent, static_cast<Index>(r), realms[r]);
        }
    }
    std::vector<std::vector<Index>> children(realms.size());
    for (std::size_t r = 0; r < realms.size(); ++r) {
        // A realm that reaches itself going up is in a loop.
        Index up = realms[r].links.parent;
        for (std::size_t steps = 0; up != kNoIndex && steps <= realms.size(); ++steps) {
            if (up == r) {
                error(ref(realms[r]), "is its own sub-realm (realm loop)");
                realms[r].links.parent = kNoIndex;
                break;
            }
            up = realms[up].links.parent;
        }
        if (realms[r].links.parent != kNoIndex) {
            children[realms[r].links.parent].push_back(static_cast<Index>(r));
        }
    }
    for (std::size_t r = 0; r < realms.size(); ++r) {
        realms[r].links.subrealms = index_list(children[r]);
    }
    for (model::HostGroup& group : config_.hostgroups) {
        group.realm_index = group.realm.empty() ? kNoIndex : realm(group.realm, ref(group));
    }
}

void Linker::link_daemons() {
    model::for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        if constexpr (std::is_base_of_v<model::DaemonLink, T>) {
            for (T& link : config_.table<T>()) {
                link.realm_index = realm(link.realm, ref(link));
                std::vector<Index> modules;
                for (Symbol name : pool_.symbols(link.modules.list)) {
                    Index m = config_.modules.find(name);
                    if (m == kNoIndex) {
                        error(ref(link),
                              "modules: " + unknown_name(report_, "module", pool_.str(name),
                                                         config_.modules));
                        continue;
                    }
                    modules.push_back(m);
                }
                link.module_indices = model::IndexList{pool_.intern_list(modules)};
            }
        }
    });
}

}  // namespace yagura::config::detail
