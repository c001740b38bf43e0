#include <algorithm>
#include <numeric>

#include <yagura/dispatch/shards.hpp>
#include <yagura/model/config.hpp>

namespace yagura::dispatch {

namespace {

using model::Config;
using model::Host;
using model::Index;
using model::kNoIndex;

// Most cross-realm relations reported one by one; beyond, a count.
constexpr std::size_t kMaxRealmErrors = 50;

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : parent_(n) {
        std::iota(parent_.begin(), parent_.end(), Index{0});
    }
    Index find(Index x) {
        while (parent_[x] != x) {
            parent_[x] = parent_[parent_[x]];
            x = parent_[x];
        }
        return x;
    }
    void unite(Index a, Index b) {
        a = find(a);
        b = find(b);
        if (a != b) {
            // The smaller index becomes the root, so a shard is named by its first host.
            parent_[std::max(a, b)] = std::min(a, b);
        }
    }

private:
    std::vector<Index> parent_;
};

// What the graph walk needs to know of each host, and where it reports.
class GraphBuilder {
public:
    GraphBuilder(const Config& config, const Topology& topo, Shards& out)
        : config_(config), pool_(config.pool), topo_(topo), out_(out), sets_(config.hosts.size()) {}

    void run() {
        read_hosts();
        count_services();
        add_parents();
        add_host_dependencies();
        add_service_dependencies();
        add_business_rules();
        if (cross_realm_ > kMaxRealmErrors) {
            out_.errors.push_back({"", "and " + std::to_string(cross_realm_ - kMaxRealmErrors) +
                                           " more relations between hosts of different realms"});
        }
        collect();
    }

private:
    bool is_host(Index h) const {
        return h != kNoIndex && h < config_.hosts.size() && out_.host_realm[h] != kNoRealm;
    }
    std::string host_name(Index h) const {
        return std::string(pool_.str(config_.hosts[h].host_name));
    }
    Index host_by_name(model::Symbol name) const { return config_.hosts.find(name); }
    Index host_by_name(std::string_view name) const { return config_.hosts.find(name, pool_); }

    RealmId realm_of(const Host& host) {
        model::Symbol name = host.realm;
        if (host.host_links.realm != kNoIndex && host.host_links.realm < config_.realms.size()) {
            name = config_.realms[host.host_links.realm].realm_name;
        }
        if (name.empty()) {
            return topo_.default_realm;
        }
        RealmId r = topo_.find_realm(pool_.str(name));
        if (r == kNoRealm) {
            out_.errors.push_back({location(host.imported_from, pool_),
                                   "host '" + std::string(pool_.str(host.host_name)) +
                                       "': unknown realm '" + std::string(pool_.str(name)) + "'"});
            return topo_.default_realm;
        }
        return r;
    }

    void read_hosts() {
        out_.host_realm.assign(config_.hosts.size(), kNoRealm);
        out_.host_load.assign(config_.hosts.size(), 0);
        for (Index h = 0; h < config_.hosts.size(); ++h) {
            const Host& host = config_.hosts[h];
            if (host.registered && !host.host_name.empty()) {
                out_.host_realm[h] = realm_of(host);
                out_.host_load[h] = 1;
            }
        }
    }

    Index host_of(const model::Service& svc) const {
        if (svc.service_links.host != kNoIndex) {
            return svc.service_links.host;
        }
        return svc.host_name.empty() ? kNoIndex : host_by_name(svc.host_name);
    }

    void count_services() {
        for (const auto& svc : config_.services) {
            if (!svc.registered) {
                continue;
            }
            Index h = host_of(svc);
            if (is_host(h)) {
                out_.host_load[h] += 1;
            }
        }
    }

    // Joins two hosts; `describe()` says why, for the error when their realms differ (built
    // only then: most edges never need their message).
    template <class Describe>
    void relate(Index a, Index b, Describe&& describe) {
        if (!is_host(a) || !is_host(b) || a == b) {
            return;
        }
        sets_.unite(a, b);
        RealmId ra = out_.host_realm[a];
        RealmId rb = out_.host_realm[b];
        if (ra != rb && ++cross_realm_ <= kMaxRealmErrors) {
            Problem p = describe();
            p.message = "host '" + host_name(a) + "' (realm " + topo_.realms[ra].name +
                        ") and host '" + host_name(b) + "' (realm " + topo_.realms[rb].name +
                        ") must be in one realm: " + p.message;
            out_.errors.push_back(std::move(p));
        }
    }

    void add_parents() {
        for (Index h = 0; h < config_.hosts.size(); ++h) {
            const Host& host = config_.hosts[h];
            if (!is_host(h)) {
                continue;
            }
            auto why = [&, h](Index p) {
                return [&, h, p] {
                    return Problem{location(config_.hosts[h].imported_from, pool_),
                                   "'" + host_name(p) + "' is a parent of '" + host_name(h) + "'"};
                };
            };
            auto linked = pool_.list(host.host_links.parents.list);
            if (!linked.empty()) {
                for (Index p : linked) {
                    relate(h, p, why(p));
                }
                continue;
            }
            for (auto name : pool_.symbols(host.parents.list)) {
                Index p = host_by_name(name);
                relate(h, p, why(p));
            }
        }
    }

    void add_host_dependencies() {
        for (const auto& dep : config_.hostdependencies) {
            if (!dep.registered) {
                continue;
            }
            auto why = [&](Index a, Index b) {
                return [&, a, b] {
                    return Problem{
                        location(dep.imported_from, pool_),
                        "host dependency of '" + host_name(a) + "' on '" + host_name(b) + "'"};
                };
            };
            if (dep.links.dependent != kNoIndex || dep.links.master != kNoIndex) {
                relate(dep.links.dependent, dep.links.master,
                       why(dep.links.dependent, dep.links.master));
                continue;
            }
            for (auto d : pool_.symbols(dep.dependent_host_name.list)) {
                for (auto m : pool_.symbols(dep.host_name.list)) {
                    relate(host_by_name(d), host_by_name(m), why(host_by_name(d), host_by_name(m)));
                }
            }
        }
    }

    Index host_of_service(Index s) const {
        return s < config_.services.size() ? host_of(config_.services[s]) : kNoIndex;
    }

    void add_service_dependencies() {
        for (const auto& dep : config_.servicedependencies) {
            if (!dep.registered) {
                continue;
            }
            auto why = [&](Index a, Index b) {
                return [&, a, b] {
                    return Problem{location(dep.imported_from, pool_),
                                   "service dependency of a service of '" + host_name(a) +
                                       "' on a service of '" + host_name(b) + "'"};
                };
            };
            if (dep.links.dependent != kNoIndex || dep.links.master != kNoIndex) {
                Index a = host_of_service(dep.links.dependent);
                Index b = host_of_service(dep.links.master);
                relate(a, b, why(a, b));
                continue;
            }
            for (auto d : pool_.symbols(dep.dependent_host_name.list)) {
                for (auto m : pool_.symbols(dep.host_name.list)) {
                    relate(host_by_name(d), host_by_name(m), why(host_by_name(d), host_by_name(m)));
                }
            }
        }
        // Shinken's inline form on the service: service_dependencies host,service,host,service
        // (an empty host is the service's own host).
        for (const auto& svc : config_.services) {
            if (!svc.registered || svc.service_dependencies.list.empty()) {
                continue;
            }
            Index a = host_of(svc);
            auto names = pool_.symbols(svc.service_dependencies.list);
            for (std::size_t i = 0; i + 1 < names.size(); i += 2) {
                if (names[i].empty()) {
                    continue;
                }
                Index b = host_by_name(names[i]);
                relate(a, b, [&, a, b] {
                    return Problem{location(svc.imported_from, pool_),
                                   "service_dependencies of '" + host_name(a) + "/" +
                                       std::string(pool_.str(svc.service_description)) +
                                       "' names '" + host_name(b) + "'"};
                });
            }
        }
    }

    // The hosts of a hostgroup, from its resolved members or, unlinked, its members as written.
    std::vector<Index> hostgroup_hosts(std::string_view group) const {
        std::vector<Index> out;
        Index g = config_.hostgroups.find(group, pool_);
        if (g == kNoIndex) {
            return out;
        }
        const auto& hg = config_.hostgroups[g];
        auto linked = pool_.list(hg.links.members.list);
        if (!linked.empty()) {
            return {linked.begin(), linked.end()};
        }
        for (auto name : pool_.symbols(hg.members.list)) {
            out.push_back(host_by_name(name));
        }
        return out;
    }

    template <class Checkable>
    void add_business_rule(const Checkable& obj, Index owner) {
        auto command = pool_.str(obj.check_command);
        if (!command.starts_with("bp_rule!")) {
            return;
        }
        auto expression = command.substr(command.find('!') + 1);
        for (auto name : business_rule_hosts(expression)) {
            std::vector<Index> targets;
            if (name.starts_with("g:")) {
                targets = hostgroup_hosts(name.substr(2));
            } else {
                targets.push_back(host_by_name(name));
            }
            for (Index t : targets) {
                relate(owner, t, [&, owner, t] {
                    return Problem{location(obj.imported_from, pool_),
                                   "the business rule of '" + host_name(owner) + "' names '" +
                                       host_name(t) + "'"};
                });
            }
        }
    }

    void add_business_rules() {
        for (Index h = 0; h < config_.hosts.size(); ++h) {
            if (is_host(h)) {
                add_business_rule(config_.hosts[h], h);
            }
        }
        for (const auto& svc : config_.services) {
            if (svc.registered) {
                add_business_rule(svc, host_of(svc));
            }
        }
    }

    void collect() {
        std::vector<std::uint32_t> shard_of(config_.hosts.size(), 0);
        std::vector<Index> first_host;
        for (Index h = 0; h < config_.hosts.size(); ++h) {
            if (!is_host(h)) {
                continue;
            }
            Index root = sets_.find(h);
            if (root == h) {
                shard_of[h] = static_cast<std::uint32_t>(out_.shards.size());
                out_.shards.push_back(Shard{.hosts = {}, .realm = out_.host_realm[h], .load = 0});
            } else {
                shard_of[h] = shard_of[root];  // the root is the smallest index: seen first
            }
            Shard& shard = out_.shards[shard_of[h]];
            shard.hosts.push_back(h);
            shard.load += out_.host_load[h];
        }
    }

    const Config& config_;
    const model::StringPool& pool_;
    const Topology& topo_;
    Shards& out_;
    UnionFind sets_;
    std::size_t cross_realm_ = 0;
};

}  // namespace

Shards cut_shards(const model::Config& config, const Topology& topology) {
    Shards out;
    GraphBuilder(config, topology, out).run();
    return out;
}

}  // namespace yagura::dispatch
