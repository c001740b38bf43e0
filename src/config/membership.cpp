#include "membership.hpp"

#include <algorithm>
#include <functional>

#include "walk_marks.hpp"

namespace yagura::config::detail {

using model::Index;
using model::kNoIndex;
using model::Symbol;

namespace {

void sort_unique(std::vector<Index>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::vector<Index> all_indices(std::size_t n) {
    std::vector<Index> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = static_cast<Index>(i);
    }
    return out;
}

// Adds the members of each group's subgroups (transitively); a loop is reported once.
template <class G>
void close_over_subgroups(const model::Table<G>& groups, const model::StringPool& pool,
                          Members& members, Report* report, model::SymbolList G::*subgroups,
                          std::string_view what) {
    std::vector<WalkMark> marks(groups.size(), WalkMark::unvisited);
    std::function<void(Index)> visit = [&](Index g) {
        marks[g] = WalkMark::on_path;
        for (Symbol name : pool.symbols((groups[g].*subgroups).list)) {
            Index sub = groups.find(name);
            if (sub == kNoIndex) {
                if (report != nullptr) {
                    report->error(
                        groups[g].imported_from, describe(groups[g], pool),
                        unknown_name(*report, what, pool.str(name), groups) + " in its subgroups");
                }
                continue;
            }
            if (marks[sub] == WalkMark::on_path) {
                if (report != nullptr) {
                    report->error(groups[g].imported_from, describe(groups[g], pool),
                                  "is its own subgroup through " + in_quotes(pool.str(name)));
                }
                continue;
            }
            if (marks[sub] == WalkMark::unvisited) {
                visit(sub);
            }
            members[g].insert(members[g].end(), members[sub].begin(), members[sub].end());
        }
        sort_unique(members[g]);
        marks[g] = WalkMark::finished;
    };
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (marks[g] == WalkMark::unvisited) {
            visit(static_cast<Index>(g));
        }
    }
}

// Members written by name in a group (`*`, `!name`), and the names excluded.
template <class G, class M>
void named_members(const model::Table<G>& groups, const model::Table<M>& objects,
                   const model::StringPool& pool, Members& members,
                   std::vector<std::vector<Index>>& excluded, Report* report,
                   std::string_view what) {
    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (Symbol name : pool.symbols(groups[g].members.list)) {
            std::string_view text = pool.str(name);
            bool exclude = !text.empty() && text.front() == '!';
            if (exclude) {
                text.remove_prefix(1);
            }
            if (text == "*") {
                auto all = all_indices(objects.size());
                members[g].insert(members[g].end(), all.begin(), all.end());
                continue;
            }
            Index m = objects.find(text, pool);
            if (m == kNoIndex) {
                if (report != nullptr) {
                    report->error(groups[g].imported_from, describe(groups[g], pool),
                                  unknown_name(*report, what, text, objects) + " in its members");
                }
                continue;
            }
            (exclude ? excluded[g] : members[g]).push_back(m);
        }
    }
}

// Members that name the group themselves (host `hostgroups`, contact `contactgroups`).
template <class G, class M>
void self_declared(const model::Table<G>& groups, const model::Table<M>& objects,
                   model::SymbolList M::*field, const model::StringPool& pool, Members& members,
                   Report* report, std::string_view what) {
    for (std::size_t m = 0; m < objects.size(); ++m) {
        for (Symbol name : pool.symbols((objects[m].*field).list)) {
            Index g = groups.find(name);
            if (g == kNoIndex) {
                if (report != nullptr) {
                    report->error(objects[m].imported_from, describe(objects[m], pool),
                                  unknown_name(*report, what, pool.str(name), groups));
                }
                continue;
            }
            members[g].push_back(static_cast<Index>(m));
        }
    }
}

void remove_excluded(Members& members, std::vector<std::vector<Index>>& excluded) {
    for (std::size_t g = 0; g < members.size(); ++g) {
        sort_unique(members[g]);
        if (excluded[g].empty()) {
            continue;
        }
        sort_unique(excluded[g]);
        std::vector<Index> kept;
        std::set_difference(members[g].begin(), members[g].end(), excluded[g].begin(),
                            excluded[g].end(), std::back_inserter(kept));
        members[g] = std::move(kept);
    }
}

}  // namespace

Members hostgroup_members(const model::Config& config, Report* report) {
    const auto& groups = config.hostgroups;
    Members members(groups.size());
    std::vector<std::vector<Index>> excluded(groups.size());
    named_members(groups, config.hosts, config.pool, members, excluded, report, "host");
    self_declared(groups, config.hosts, &model::Host::hostgroups, config.pool, members, report,
                  "hostgroup");
    remove_excluded(members, excluded);
    close_over_subgroups(groups, config.pool, members, report, &model::HostGroup::hostgroup_members,
                         "hostgroup");
    return members;
}

Members contactgroup_members(const model::Config& config, Report* report) {
    const auto& groups = config.contactgroups;
    Members members(groups.size());
    std::vector<std::vector<Index>> excluded(groups.size());
    named_members(groups, config.contacts, config.pool, members, excluded, report, "contact");
    self_declared(groups, config.contacts, &model::Contact::contactgroups, config.pool, members,
                  report, "contactgroup");
    remove_excluded(members, excluded);
    close_over_subgroups(groups, config.pool, members, report,
                         &model::ContactGroup::contactgroup_members, "contactgroup");
    return members;
}

Members servicegroup_members(const model::Config& config, Report* report) {
    const auto& groups = config.servicegroups;
    const auto& pool = config.pool;
    Members members(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        auto names = pool.symbols(groups[g].members.list);
        if (names.size() % 2 != 0 && report != nullptr) {
            report->error(groups[g].imported_from, describe(groups[g], pool),
                          "members must be host,service pairs; the last name " +
                              in_quotes(pool.str(names[names.size() - 1])) + " has no service");
        }
        for (std::size_t i = 0; i + 1 < names.size(); i += 2) {
            Symbol host = names[i];
            Symbol service = names[i + 1];
            if (pool.str(service) == "*") {
                Index h = config.hosts.find(host);
                for (std::size_t s = 0; h != kNoIndex && s < config.services.size(); ++s) {
                    if (config.services[s].host_name == host) {
                        members[g].push_back(static_cast<Index>(s));
                    }
                }
                if (h == kNoIndex && report != nullptr) {
                    report->error(groups[g].imported_from, describe(groups[g], pool),
                                  unknown_name(*report, "host", pool.str(host), config.hosts) +
                                      " in its members");
                }
                continue;
            }
            Index s = config.services.find(host, service);
            if (s == kNoIndex) {
                if (report != nullptr) {
                    report->error(groups[g].imported_from, describe(groups[g], pool),
                                  "unknown service " +
                                      in_quotes(std::string(pool.str(host)) + "/" +
                                                std::string(pool.str(service))) +
                                      " in its members");
                }
                continue;
            }
            members[g].push_back(s);
        }
    }
    self_declared(groups, config.services, &model::Service::servicegroups, pool, members, report,
                  "servicegroup");
    for (auto& m : members) {
        sort_unique(m);
    }
    close_over_subgroups(groups, pool, members, report, &model::ServiceGroup::servicegroup_members,
                         "servicegroup");
    return members;
}

Index host_of(const model::Config& config, const model::Service& service) {
    Index h = service.service_links.host;
    if (h < config.hosts.size() && config.hosts[h].host_name == service.host_name) {
        return h;
    }
    return config.hosts.find(service.host_name);
}

Members services_by_host(const model::Config& config) {
    Members out(config.hosts.size());
    for (std::size_t s = 0; s < config.services.size(); ++s) {
        if (Index h = host_of(config, config.services[s]); h != kNoIndex) {
            out[h].push_back(static_cast<Index>(s));
        }
    }
    return out;
}

Members groups_of_members(const Members& members, std::size_t member_count) {
    Members out(member_count);
    for (std::size_t g = 0; g < members.size(); ++g) {
        for (Index m : members[g]) {
            out[m].push_back(static_cast<Index>(g));
        }
    }
    return out;
}

}  // namespace yagura::config::detail
