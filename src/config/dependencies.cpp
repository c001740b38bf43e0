#include "dependencies.hpp"

#include <algorithm>

#include "membership.hpp"

namespace yagura::config::detail {

using model::Index;
using model::kNoIndex;
using model::Symbol;
using model::SymbolList;

namespace {

SymbolList one_name(Symbol s, model::StringPool& pool) {
    std::uint32_t id = s.id;
    return SymbolList{pool.intern_list({&id, 1})};
}

void sort_unique(std::vector<Index>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Hosts named in a list plus the members of the groups named in another.
template <class D>
std::vector<Index> hosts_of(const D& dep, SymbolList names, SymbolList groups,
                            const model::Config& config, const Members& members, Report& report) {
    const auto& pool = config.pool;
    std::vector<Index> out;
    for (Symbol name : pool.symbols(names.list)) {
        if (pool.str(name) == "*") {
            for (std::size_t h = 0; h < config.hosts.size(); ++h) {
                out.push_back(static_cast<Index>(h));
            }
            continue;
        }
        Index h = config.hosts.find(name);
        if (h == kNoIndex) {
            report.error(dep.imported_from, describe(dep, pool),
                         unknown_name(report, "host", pool.str(name), config.hosts));
            continue;
        }
        out.push_back(h);
    }
    for (Symbol name : pool.symbols(groups.list)) {
        Index g = config.hostgroups.find(name);
        if (g == kNoIndex) {
            report.error(dep.imported_from, describe(dep, pool),
                         unknown_name(report, "hostgroup", pool.str(name), config.hostgroups));
            continue;
        }
        out.insert(out.end(), members[g].begin(), members[g].end());
    }
    sort_unique(out);
    return out;
}

}  // namespace

void explode_host_dependencies(model::Config& config, Report& report) {
    if (config.hostdependencies.empty()) {
        return;
    }
    auto& pool = config.pool;
    Members members = hostgroup_members(config, nullptr);
    model::Table<model::HostDependency> exploded;
    for (const model::HostDependency& dep : config.hostdependencies) {
        if (dep.dependent_host_name.list.empty() && dep.dependent_hostgroup_name.list.empty()) {
            report.error(dep.imported_from, describe(dep, pool),
                         "names no dependent host (dependent_host_name or "
                         "dependent_hostgroup_name)");
            continue;
        }
        if (dep.host_name.list.empty() && dep.hostgroup_name.list.empty()) {
            report.error(dep.imported_from, describe(dep, pool),
                         "names no master host (host_name or hostgroup_name)");
            continue;
        }
        auto dependents = hosts_of(dep, dep.dependent_host_name, dep.dependent_hostgroup_name,
                                   config, members, report);
        auto masters = hosts_of(dep, dep.host_name, dep.hostgroup_name, config, members, report);
        for (Index d : dependents) {
            for (Index m : masters) {
                if (d == m) {
                    continue;
                }
                model::HostDependency one = dep;
                one.dependent_host_name = one_name(config.hosts[d].host_name, pool);
                one.host_name = one_name(config.hosts[m].host_name, pool);
                one.dependent_hostgroup_name = {};
                one.hostgroup_name = {};
                exploded.append(std::move(one));
            }
        }
    }
    config.hostdependencies = std::move(exploded);
}

namespace {

using ServiceKey = std::pair<Index, Index>;  // (host, service) indices

class ServiceDependencyExploder {
public:
    ServiceDependencyExploder(model::Config& config, Report& report)
        : config_(config), pool_(config.pool), report_(report) {
        host_groups_ = hostgroup_members(config, nullptr);
        service_groups_ = servicegroup_members(config, nullptr);
        by_host_ = services_by_host(config);
    }

    void run() {
        model::Table<model::ServiceDependency> exploded;
        for (const model::ServiceDependency& dep : config_.servicedependencies) {
            explode(dep, exploded);
        }
        config_.servicedependencies = std::move(exploded);
    }

private:
    // The services named by descriptions on one host (`*`: all of them).
    std::vector<Index> on_host(const model::ServiceDependency& dep, Index h, SymbolList names) {
        std::vector<Index> out;
        for (Symbol name : pool_.symbols(names.list)) {
            if (pool_.str(name) == "*") {
                out.insert(out.end(), by_host_[h].begin(), by_host_[h].end());
                continue;
            }
            Index s = config_.services.find(config_.hosts[h].host_name, name);
            if (s == kNoIndex) {
                report_.error(dep.imported_from, describe(dep, pool_),
                              "unknown service " +
                                  in_quotes(std::string(pool_.str(config_.hosts[h].host_name)) +
                                            "/" + std::string(pool_.str(name))));
                continue;
            }
            out.push_back(s);
        }
        return out;
    }

    std::vector<Index> services_of(const model::ServiceDependency& dep,
                                   const std::vector<Index>& hosts, SymbolList names,
                                   SymbolList groups) {
        std::vector<Index> out;
        for (Index h : hosts) {
            auto found = on_host(dep, h, names);
            out.insert(out.end(), found.begin(), found.end());
        }
        for (Symbol name : pool_.symbols(groups.list)) {
            Index g = config_.servicegroups.find(name);
            if (g == kNoIndex) {
                report_.error(
                    dep.imported_from, describe(dep, pool_),
                    unknown_name(report_, "servicegroup", pool_.str(name), config_.servicegroups));
                continue;
            }
            out.insert(out.end(), service_groups_[g].begin(), service_groups_[g].end());
        }
        sort_unique(out);
        return out;
    }

    void add(const model::ServiceDependency& dep, Index dependent, Index master,
             model::Table<model::ServiceDependency>& out) {
        if (dependent == master) {
            return;
        }
        const model::Service& d = config_.services[dependent];
        const model::Service& m = config_.services[master];
        model::ServiceDependency one = dep;
        one.dependent_host_name = one_name(d.host_name, pool_);
        one.dependent_service_description = one_name(d.service_description, pool_);
        one.host_name = one_name(m.host_name, pool_);
        one.service_description = one_name(m.service_description, pool_);
        one.dependent_hostgroup_name = {};
        one.dependent_servicegroup_name = {};
        one.hostgroup_name = {};
        one.servicegroup_name = {};
        one.explode_hostgroup = false;
        out.append(std::move(one));
    }

    void explode(const model::ServiceDependency& dep, model::Table<model::ServiceDependency>& out) {
        if (dep.dependent_service_description.list.empty() &&
            dep.dependent_servicegroup_name.list.empty()) {
            report_.error(dep.imported_from, describe(dep, pool_),
                          "names no dependent service (dependent_service_description or "
                          "dependent_servicegroup_name)");
            return;
        }
        auto master_hosts =
            hosts_of(dep, dep.host_name, dep.hostgroup_name, config_, host_groups_, report_);
        bool same_host = dep.explode_hostgroup || (dep.dependent_host_name.list.empty() &&
                                                   dep.dependent_hostgroup_name.list.empty() &&
                                                   dep.dependent_servicegroup_name.list.empty());
        if (same_host) {
            for (Index h : master_hosts) {
                auto masters = on_host(dep, h, dep.service_description);
                auto dependents = on_host(dep, h, dep.dependent_service_description);
                for (Index d : dependents) {
                    for (Index m : masters) {
                        add(dep, d, m, out);
                    }
                }
            }
            return;
        }
        auto masters =
            services_of(dep, master_hosts, dep.service_description, dep.servicegroup_name);
        auto dependent_hosts = hosts_of(dep, dep.dependent_host_name, dep.dependent_hostgroup_name,
                                        config_, host_groups_, report_);
        auto dependents = services_of(dep, dependent_hosts, dep.dependent_service_description,
                                      dep.dependent_servicegroup_name);
        if (masters.empty() && dep.service_description.list.empty() &&
            dep.servicegroup_name.list.empty()) {
            report_.error(dep.imported_from, describe(dep, pool_),
                          "names no master service (service_description or servicegroup_name)");
        }
        for (Index d : dependents) {
            for (Index m : masters) {
                add(dep, d, m, out);
            }
        }
    }

    model::Config& config_;
    model::StringPool& pool_;
    Report& report_;
    Members host_groups_;
    Members service_groups_;
    std::vector<std::vector<Index>> by_host_;
};

}  // namespace

void explode_service_dependencies(model::Config& config, Report& report) {
    if (!config.servicedependencies.empty()) {
        ServiceDependencyExploder(config, report).run();
    }
}

}  // namespace yagura::config::detail
