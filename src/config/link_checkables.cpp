// Linking of hosts, services, escalations and dependencies.

#include <algorithm>

#include "link.hpp"
#include "walk_marks.hpp"

namespace yagura::config::detail {

using model::Index;
using model::kNoIndex;
using model::Symbol;

bool Linker::link_contact_lists(const model::Checkable& obj, model::CheckableLinks& links) {
    const std::uint64_t key =
        (static_cast<std::uint64_t>(obj.contacts.list.id) << 32) | obj.contact_groups.list.id;
    auto it = contacts_.find(key);
    if (it != contacts_.end()) {
        links.contacts = it->second.first;
        links.contact_groups = it->second.second;
        return true;
    }
    std::vector<Index> contacts;
    std::vector<Index> groups;
    bool complete = true;
    for (Symbol name : pool_.symbols(obj.contacts.list)) {
        Index c = config_.contacts.find(name);
        complete = complete && c != kNoIndex;
        if (c != kNoIndex) {
            contacts.push_back(c);
        }
    }
    for (Symbol name : pool_.symbols(obj.contact_groups.list)) {
        Index g = config_.contactgroups.find(name);
        complete = complete && g != kNoIndex;
        if (g != kNoIndex) {
            groups.push_back(g);
            contacts.insert(contacts.end(), contact_groups_[g].begin(), contact_groups_[g].end());
        }
    }
    links.contacts = index_list(contacts);
    links.contact_groups = index_list(groups);
    if (complete) {
        contacts_.emplace(key, std::make_pair(links.contacts, links.contact_groups));
    }
    return complete;
}

template <class T>
void Linker::link_checkable(T& obj, model::CheckableLinks& links, const model::Host* host) {
    ObjectRef who = ref(obj);
    links.check_command = command(obj.check_command, who, "check_command");
    links.event_handler = command(obj.event_handler, who, "event_handler");
    // What a service took from its host was reported on the host.
    auto from_host = [&](auto member) { return host != nullptr && obj.*member == host->*member; };
    links.check_period =
        period(obj.check_period, who, "check_period", from_host(&model::Checkable::check_period));
    links.notification_period = period(obj.notification_period, who, "notification_period",
                                       from_host(&model::Checkable::notification_period));
    links.maintenance_period = period(obj.maintenance_period, who, "maintenance_period",
                                      from_host(&model::Checkable::maintenance_period));
    if (!link_contact_lists(obj, links)) {
        for (Symbol name : pool_.symbols(obj.contacts.list)) {
            if (config_.contacts.find(name) == kNoIndex &&
                !from_host(&model::Checkable::contacts)) {
                error(who, "contacts: " +
                               unknown_name(report_, "contact", pool_.str(name), config_.contacts));
            }
        }
        for (Symbol name : pool_.symbols(obj.contact_groups.list)) {
            if (config_.contactgroups.find(name) == kNoIndex) {
                error(who,
                      "contact_groups: " + unknown_name(report_, "contactgroup", pool_.str(name),
                                                        config_.contactgroups));
            }
        }
    }
    auto it = escalation_lists_.find(obj.escalations.list.id);
    if (it == escalation_lists_.end()) {
        std::vector<Index> escalations;
        bool complete = true;
        for (Symbol name : pool_.symbols(obj.escalations.list)) {
            Index e = config_.escalations.find(name);
            complete = complete && e != kNoIndex;
            if (e != kNoIndex) {
                escalations.push_back(e);
            }
        }
        links.escalations = index_list(escalations);
        if (complete) {
            escalation_lists_.emplace(obj.escalations.list.id, links.escalations);
        }
        for (Symbol name : pool_.symbols(obj.escalations.list)) {
            if (config_.escalations.find(name) == kNoIndex &&
                !from_host(&model::Checkable::escalations)) {
                error(who, "escalations: " + unknown_name(report_, "escalation", pool_.str(name),
                                                          config_.escalations));
            }
        }
    } else {
        links.escalations = it->second;
    }
    links.dependencies = {};
    links.dependents = {};
}

void Linker::link_hosts() {
    Members groups_of = groups_of_members(host_groups_, config_.hosts.size());
    for (std::size_t h = 0; h < config_.hosts.size(); ++h) {
        model::Host& host = config_.hosts[h];
        link_checkable(host, host.links, nullptr);
        host.host_links.hostgroups = index_list(groups_of[h]);
        // The realm: the host's own, else the first of its groups that has one.
        Index realm_index = kNoIndex;
        if (!host.realm.empty()) {
            realm_index = realm(host.realm, ref(host));
        } else {
            for (Index g : groups_of[h]) {
                Index from_group = config_.hostgroups[g].realm_index;
                if (from_group == kNoIndex) {
                    continue;
                }
                if (realm_index == kNoIndex) {
                    realm_index = from_group;
                } else if (realm_index != from_group) {
                    report_.warning_of_kind(
                        "host in groups of different realms", host.imported_from,
                        describe(host, pool_),
                        "its host groups are in different realms; it goes to realm " +
                            in_quotes(pool_.str(config_.realms[realm_index].realm_name)));
                }
            }
            if (realm_index == kNoIndex) {
                realm_index = default_realm_;
            }
        }
        host.host_links.realm = realm_index;
    }
}

void Linker::link_parents() {
    auto& hosts = config_.hosts;
    std::vector<std::vector<Index>> children(hosts.size());
    for (std::size_t h = 0; h < hosts.size(); ++h) {
        std::vector<Index> parents;
        for (Symbol name : pool_.symbols(hosts[h].parents.list)) {
            Index p = hosts.find(name);
            if (p == kNoIndex) {
                error(ref(hosts[h]),
                      "parents: " + unknown_name(report_, "host", pool_.str(name), hosts));
                continue;
            }
            if (p == h) {
                error(ref(hosts[h]), "is its own parent");
                continue;
            }
            parents.push_back(p);
            children[p].push_back(static_cast<Index>(h));
        }
        hosts[h].host_links.parents = index_list(parents);
    }
    for (std::size_t h = 0; h < hosts.size(); ++h) {
        hosts[h].host_links.children = index_list(children[h]);
    }
    // Loops through parents, found without recursion (chains can be long).
    std::vector<WalkMark> marks(hosts.size(), WalkMark::unvisited);
    for (std::size_t start = 0; start < hosts.size(); ++start) {
        if (marks[start] != WalkMark::unvisited) {
            continue;
        }
        std::vector<std::pair<Index, std::size_t>> stack{{static_cast<Index>(start), 0}};
        marks[start] = WalkMark::on_path;
        while (!stack.empty()) {
            auto& [h, next] = stack.back();
            auto parents = pool_.list(hosts[h].host_links.parents.list);
            if (next == parents.size()) {
                marks[h] = WalkMark::finished;
                stack.pop_back();
                continue;
            }
            Index p = parents[next++];
            if (marks[p] == WalkMark::on_path) {
                error(ref(hosts[p]), "is its own ancestor through its parents (host " +
                                         in_quotes(pool_.str(hosts[h].host_name)) + ")");
            } else if (marks[p] == WalkMark::unvisited) {
                marks[p] = WalkMark::on_path;
                stack.emplace_back(p, 0);
            }
        }
    }
}

void Linker::link_services() {
    auto& services = config_.services;
    Members service_groups = servicegroup_members(config_, &report_);
    std::vector<std::vector<Index>> by_host(config_.hosts.size());
    for (std::size_t s = 0; s < services.size(); ++s) {
        model::Service& service = services[s];
        Index h = host_of(config_, service);
        link_checkable(service, service.links, h == kNoIndex ? nullptr : &config_.hosts[h]);
        if (h == kNoIndex) {
            error(ref(service),
                  "its host: " +
                      unknown_name(report_, "host", pool_.str(service.host_name), config_.hosts));
        } else {
            by_host[h].push_back(static_cast<Index>(s));
        }
        service.service_links.host = h;
        service.service_links.servicegroups = {};
    }
    for (std::size_t h = 0; h < by_host.size(); ++h) {
        config_.hosts[h].host_links.services = index_list(by_host[h]);
    }
    // Group membership, both ways, without a list per service: most have none.
    std::vector<std::pair<Index, Index>> pairs;  // (service, group)
    for (std::size_t g = 0; g < service_groups.size(); ++g) {
        model::ServiceGroup& group = config_.servicegroups[g];
        group.links.members = index_list(service_groups[g]);
        std::vector<Index> subgroups;
        for (Symbol name : pool_.symbols(group.servicegroup_members.list)) {
            if (Index sub = config_.servicegroups.find(name); sub != kNoIndex) {
                subgroups.push_back(sub);
            }
        }
        group.links.subgroups = index_list(subgroups);
        for (Index s : service_groups[g]) {
            pairs.emplace_back(s, static_cast<Index>(g));
        }
    }
    std::sort(pairs.begin(), pairs.end());
    for (std::size_t i = 0; i < pairs.size();) {
        std::size_t j = i;
        std::vector<Index> groups;
        while (j < pairs.size() && pairs[j].first == pairs[i].first) {
            groups.push_back(pairs[j++].second);
        }
        services[pairs[i].first].service_links.servicegroups = index_list(groups);
        i = j;
    }
}

void Linker::link_escalations() {
    auto link_rule = [&](auto& e) {
        ObjectRef who = ref(e);
        e.links.escalation_period = period(e.escalation_period, who, "escalation_period");
        std::vector<Index> contacts;
        std::vector<Index> groups;
        for (Symbol name : pool_.symbols(e.contacts.list)) {
            Index c = config_.contacts.find(name);
            if (c == kNoIndex) {
                error(who, "contacts: " +
                               unknown_name(report_, "contact", pool_.str(name), config_.contacts));
                continue;
            }
            contacts.push_back(c);
        }
        for (Symbol name : pool_.symbols(e.contact_groups.list)) {
            Index g = config_.contactgroups.find(name);
            if (g == kNoIndex) {
                error(who,
                      "contact_groups: " + unknown_name(report_, "contactgroup", pool_.str(name),
                                                        config_.contactgroups));
                continue;
            }
            groups.push_back(g);
            contacts.insert(contacts.end(), contact_groups_[g].begin(), contact_groups_[g].end());
        }
        e.links.contacts = index_list(contacts);
        e.links.contact_groups = index_list(groups);
    };
    for (auto& e : config_.escalations) {
        link_rule(e);
    }
    for (auto& e : config_.hostescalations) {
        link_rule(e);
    }
    for (auto& e : config_.serviceescalations) {
        link_rule(e);
    }
}

namespace {

// The one name of an exploded dependency end; kNoIndex (reported) otherwise.
Symbol single(model::SymbolList names, const model::StringPool& pool) {
    auto items = pool.symbols(names.list);
    return items.size() == 1 ? items[0] : Symbol{};
}

}  // namespace

void Linker::link_dependencies() {
    auto& hosts = config_.hosts;
    auto& services = config_.services;
    std::vector<std::vector<Index>> depends(hosts.size()), depended(hosts.size());
    for (std::size_t d = 0; d < config_.hostdependencies.size(); ++d) {
        model::HostDependency& dep = config_.hostdependencies[d];
        ObjectRef who = ref(dep);
        Symbol dependent = single(dep.dependent_host_name, pool_);
        Symbol master = single(dep.host_name, pool_);
        dep.links.dependent = hosts.find(dependent);
        dep.links.master = hosts.find(master);
        dep.links.dependency_period = period(dep.dependency_period, who, "dependency_period");
        if (dep.links.dependent == kNoIndex || dep.links.master == kNoIndex) {
            error(who, "must name one known dependent host and one known master host (got " +
                           in_quotes(pool_.str(dependent)) + " on " + in_quotes(pool_.str(master)) +
                           ")");
            continue;
        }
        depends[dep.links.dependent].push_back(static_cast<Index>(d));
        depended[dep.links.master].push_back(static_cast<Index>(d));
    }
    for (std::size_t h = 0; h < hosts.size(); ++h) {
        hosts[h].links.dependencies = index_list(depends[h]);
        hosts[h].links.dependents = index_list(depended[h]);
    }
    std::vector<std::pair<Index, Index>> depends_pairs, depended_pairs;  // (service, dep)
    for (std::size_t d = 0; d < config_.servicedependencies.size(); ++d) {
        model::ServiceDependency& dep = config_.servicedependencies[d];
        ObjectRef who = ref(dep);
        dep.links.dependent = services.find(single(dep.dependent_host_name, pool_),
                                            single(dep.dependent_service_description, pool_));
        dep.links.master =
            services.find(single(dep.host_name, pool_), single(dep.service_description, pool_));
        dep.links.dependency_period = period(dep.dependency_period, who, "dependency_period");
        if (dep.links.dependent == kNoIndex || dep.links.master == kNoIndex) {
            error(who, "must name one known dependent service and one known master service");
            continue;
        }
        depends_pairs.emplace_back(dep.links.dependent, static_cast<Index>(d));
        depended_pairs.emplace_back(dep.links.master, static_cast<Index>(d));
    }
    auto store = [&](std::vector<std::pair<Index, Index>>& pairs, bool dependencies) {
        std::sort(pairs.begin(), pairs.end());
        for (std::size_t i = 0; i < pairs.size();) {
            std::size_t j = i;
            std::vector<Index> deps;
            while (j < pairs.size() && pairs[j].first == pairs[i].first) {
                deps.push_back(pairs[j++].second);
            }
            auto& links = services[pairs[i].first].links;
            (dependencies ? links.dependencies : links.dependents) = index_list(deps);
            i = j;
        }
    };
    store(depends_pairs, true);
    store(depended_pairs, false);
}

}  // namespace yagura::config::detail
