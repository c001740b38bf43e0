// hostescalation / serviceescalation -> named escalations listed by their hosts and
// services (see dependencies.hpp).

#include <algorithm>
#include <unordered_map>

#include "dependencies.hpp"
#include "membership.hpp"

namespace yagura::config::detail {

using model::Index;
using model::kNoIndex;
using model::Symbol;

namespace {

// An `escalation` with the rule fields the host or service escalation set.
template <class E>
model::Escalation to_escalation(const E& from, Symbol name, model::StringPool& pool) {
    auto out = model::make<model::Escalation>(pool);
    out.imported_from = from.imported_from;
    out.customs = from.customs;
    model::set_attribute(out, "escalation_name", pool.str(name), pool);
    const auto& fields = model::type_info<E>().fields;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const auto& f = fields[i];
        if (!from.explicitly_set.test(i) || f.has(model::kNoInherit) || f.name == "customs" ||
            f.name == "imported_from" || !model::find_field<model::Escalation>(f.name)) {
            continue;
        }
        model::set_attribute(out, f.name, model::format_attribute(from, f, pool), pool);
    }
    return out;
}

// Appends one escalation name to an object's `escalations`, sharing the resulting lists.
class Appender {
public:
    explicit Appender(model::StringPool& pool) : pool_(pool) {}

    template <class T>
    void add(T& obj, Symbol name) {
        auto [it, fresh] = done_.try_emplace(obj.escalations.list.id);
        if (fresh) {
            auto items = pool_.list(obj.escalations.list);
            std::vector<std::uint32_t> names(items.begin(), items.end());
            if (std::find(names.begin(), names.end(), name.id) == names.end()) {
                names.push_back(name.id);
            }
            it->second = pool_.intern_list(names).id;
        }
        obj.escalations.list = model::ListId{it->second};
        obj.explicitly_set.set(static_cast<std::size_t>(model::field_index<T>("escalations")));
    }
    void next_escalation() { done_.clear(); }

private:
    model::StringPool& pool_;
    std::unordered_map<std::uint32_t, std::uint32_t> done_;
};

template <class E>
std::vector<Index> named_hosts(const E& e, const model::Config& config, const Members& groups,
                               Report& report) {
    const auto& pool = config.pool;
    std::vector<Index> hosts;
    for (Symbol name : pool.symbols(e.host_name.list)) {
        if (pool.str(name) == "*") {
            for (std::size_t h = 0; h < config.hosts.size(); ++h) {
                hosts.push_back(static_cast<Index>(h));
            }
            continue;
        }
        Index h = config.hosts.find(name);
        if (h == kNoIndex) {
            report.error(e.imported_from, describe(e, pool),
                         unknown_name(report, "host", pool.str(name), config.hosts));
            continue;
        }
        hosts.push_back(h);
    }
    for (Symbol name : pool.symbols(e.hostgroup_name.list)) {
        Index g = config.hostgroups.find(name);
        if (g == kNoIndex) {
            report.error(e.imported_from, describe(e, pool),
                         unknown_name(report, "hostgroup", pool.str(name), config.hostgroups));
            continue;
        }
        hosts.insert(hosts.end(), groups[g].begin(), groups[g].end());
    }
    std::sort(hosts.begin(), hosts.end());
    hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
    return hosts;
}

// A generated name that no user escalation already has.
Symbol fresh_name(std::string_view kind, std::size_t n, const model::Config& config,
                  model::StringPool& pool) {
    std::string name = std::string(kind) + "-" + std::to_string(n);
    while (config.escalations.find(name, pool) != kNoIndex) {
        name += "_";
    }
    return pool.intern(name);
}

}  // namespace

void convert_escalations(model::Config& config, Report& report) {
    if (config.hostescalations.empty() && config.serviceescalations.empty()) {
        return;
    }
    auto& pool = config.pool;
    Members host_groups = hostgroup_members(config, nullptr);
    Appender appender(pool);
    std::size_t n = 0;
    for (const model::HostEscalation& e : config.hostescalations) {
        Symbol name = fresh_name("hostescalation", ++n, config, pool);
        auto hosts = named_hosts(e, config, host_groups, report);
        if (hosts.empty()) {
            report.warning(e.imported_from, describe(e, pool), "applies to no host");
        }
        appender.next_escalation();
        for (Index h : hosts) {
            appender.add(config.hosts[h], name);
        }
        config.escalations.insert(to_escalation(e, name, pool));
    }
    Members service_groups = servicegroup_members(config, nullptr);
    Members by_host = services_by_host(config);
    n = 0;
    for (const model::ServiceEscalation& e : config.serviceescalations) {
        Symbol name = fresh_name("serviceescalation", ++n, config, pool);
        std::vector<Index> services;
        for (Index h : named_hosts(e, config, host_groups, report)) {
            for (Symbol d : pool.symbols(e.service_description.list)) {
                if (pool.str(d) == "*") {
                    services.insert(services.end(), by_host[h].begin(), by_host[h].end());
                } else if (Index s = config.services.find(config.hosts[h].host_name, d);
                           s != kNoIndex) {
                    services.push_back(s);
                } else {
                    report.error(e.imported_from, describe(e, pool),
                                 "unknown service " +
                                     in_quotes(std::string(pool.str(config.hosts[h].host_name)) +
                                               "/" + std::string(pool.str(d))));
                }
            }
        }
        for (Symbol g : pool.symbols(e.servicegroup_name.list)) {
            Index group = config.servicegroups.find(g);
            if (group == kNoIndex) {
                report.error(
                    e.imported_from, describe(e, pool),
                    unknown_name(report, "servicegroup", pool.str(g), config.servicegroups));
                continue;
            }
            services.insert(services.end(), service_groups[group].begin(),
                            service_groups[group].end());
        }
        std::sort(services.begin(), services.end());
        services.erase(std::unique(services.begin(), services.end()), services.end());
        if (services.empty()) {
            report.warning(e.imported_from, describe(e, pool), "applies to no service");
        }
        appender.next_escalation();
        for (Index s : services) {
            appender.add(config.services[s], name);
        }
        config.escalations.insert(to_escalation(e, name, pool));
    }
    config.hostescalations = {};
    config.serviceescalations = {};
}

}  // namespace yagura::config::detail
