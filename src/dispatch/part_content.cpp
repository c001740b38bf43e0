#include <algorithm>
#include <map>
#include <span>

#include <nlohmann/json.hpp>

#include <yagura/dispatch/part_content.hpp>
#include <yagura/model/config.hpp>
#include <yagura/model/json.hpp>

namespace yagura::dispatch {

namespace {

using model::Config;
using model::Index;
using model::JsonView;
using model::kNoIndex;
using nlohmann::json;

// Lists of indices per owner, packed in one vector (compressed rows).
class Rows {
public:
    void build(std::size_t owners, const std::vector<std::pair<Index, Index>>& pairs) {
        start_.assign(owners + 1, 0);
        for (const auto& [owner, _] : pairs) {
            ++start_[owner + 1];
        }
        for (std::size_t i = 1; i < start_.size(); ++i) {
            start_[i] += start_[i - 1];
        }
        items_.resize(pairs.size());
        auto fill = start_;
        for (const auto& [owner, item] : pairs) {
            items_[fill[owner]++] = item;
        }
    }
    std::span<const Index> of(Index owner) const {
        if (owner + 1 >= start_.size()) {
            return {};
        }
        return {items_.data() + start_[owner], start_[owner + 1] - start_[owner]};
    }

private:
    std::vector<std::size_t> start_;
    std::vector<Index> items_;
};

template <class T>
void append_all(const Config& config, const model::Table<T>& table, json& out) {
    json items = json::array();
    for (const T& obj : table) {
        if (obj.registered) {
            items.push_back(model::to_json(obj, config.pool, JsonView::config));
        }
    }
    out[std::string(model::type_info<T>().plural)] = std::move(items);
}

}  // namespace

struct PartBuilder::Impl {
    const Config& config;
    Rows services_of_host;
    Rows hostgroups_of_host;
    Rows servicegroups_of_service;
    Rows hostdeps_of_host;     // by dependent host
    Rows servicedeps_of_host;  // by the dependent service's host

    explicit Impl(const Config& c) : config(c) {
        index_services();
        index_groups();
        index_dependencies();
    }

    Index host_of(const model::Service& svc) const {
        if (svc.service_links.host != kNoIndex) {
            return svc.service_links.host;
        }
        return svc.host_name.empty() ? kNoIndex : config.hosts.find(svc.host_name);
    }

    void index_services() {
        std::vector<std::pair<Index, Index>> pairs;
        for (Index s = 0; s < config.services.size(); ++s) {
            const auto& svc = config.services[s];
            Index h = svc.registered ? host_of(svc) : kNoIndex;
            if (h != kNoIndex && h < config.hosts.size()) {
                pairs.emplace_back(h, s);
            }
        }
        services_of_host.build(config.hosts.size(), pairs);
    }

    // Which groups each member (host or service) is in, from both sides: the group's resolved
    // members (or, unlinked, its members as written, read by `written_members`) and the
    // groups the member names itself.
    template <class Group, class Member, class WrittenMembers>
    Rows membership(const model::Table<Group>& groups, const model::Table<Member>& members,
                    model::SymbolList Member::*groups_of_member,
                    WrittenMembers written_members) const {
        const auto& pool = config.pool;
        std::vector<std::pair<Index, Index>> pairs;
        for (Index g = 0; g < groups.size(); ++g) {
            const auto& group = groups[g];
            if (!group.registered) {
                continue;
            }
            auto linked = pool.list(group.links.members.list);
            for (Index m : linked) {
                pairs.emplace_back(m, g);
            }
            if (linked.empty()) {
                written_members(group, [&](Index m) { pairs.emplace_back(m, g); });
            }
        }
        for (Index m = 0; m < members.size(); ++m) {
            for (auto name : pool.symbols((members[m].*groups_of_member).list)) {
                if (Index g = groups.find(name); g != kNoIndex) {
                    pairs.emplace_back(m, g);
                }
            }
        }
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        Rows rows;
        rows.build(members.size(), pairs);
        return rows;
    }

    void index_groups() {
        const auto& pool = config.pool;
        hostgroups_of_host =
            membership(config.hostgroups, config.hosts, &model::Host::hostgroups,
                       [&](const model::HostGroup& group, auto add) {
                           for (auto name : pool.symbols(group.members.list)) {
                               if (Index h = config.hosts.find(name); h != kNoIndex) {
                                   add(h);
                               }
                           }
                       });
        // Service group members are written as host,service pairs.
        servicegroups_of_service = membership(
            config.servicegroups, config.services, &model::Service::servicegroups,
            [&](const model::ServiceGroup& group, auto add) {
                auto names = pool.symbols(group.members.list);
                for (std::size_t i = 0; i + 1 < names.size(); i += 2) {
                    if (Index s = config.services.find(names[i], names[i + 1]); s != kNoIndex) {
                        add(s);
                    }
                }
            });
    }

    void index_dependencies() {
        std::vector<std::pair<Index, Index>> pairs;
        for (Index d = 0; d < config.hostdependencies.size(); ++d) {
            const auto& dep = config.hostdependencies[d];
            Index h = dep.links.dependent;
            if (h == kNoIndex) {
                auto names = config.pool.symbols(dep.dependent_host_name.list);
                h = names.empty() ? kNoIndex : config.hosts.find(names[0]);
            }
            if (dep.registered && h != kNoIndex && h < config.hosts.size()) {
                pairs.emplace_back(h, d);
            }
        }
        hostdeps_of_host.build(config.hosts.size(), pairs);
        pairs.clear();
        for (Index d = 0; d < config.servicedependencies.size(); ++d) {
            const auto& dep = config.servicedependencies[d];
            Index h = kNoIndex;
            if (dep.links.dependent != kNoIndex && dep.links.dependent < config.services.size()) {
                h = host_of(config.services[dep.links.dependent]);
            } else {
                auto names = config.pool.symbols(dep.dependent_host_name.list);
                h = names.empty() ? kNoIndex : config.hosts.find(names[0]);
            }
            if (dep.registered && h != kNoIndex && h < config.hosts.size()) {
                pairs.emplace_back(h, d);
            }
        }
        servicedeps_of_host.build(config.hosts.size(), pairs);
    }

    json names(const std::vector<std::string_view>& list) const {
        json out = json::array();
        for (auto n : list) {
            out.push_back(n);
        }
        return out;
    }

    // A dependency resolved to one pair is sent as that pair, so the scheduler expands nothing.
    json host_dependency(Index d) const {
        const auto& dep = config.hostdependencies[d];
        json out = model::to_json(dep, config.pool, JsonView::config);
        if (dep.links.dependent != kNoIndex && dep.links.master != kNoIndex) {
            out.erase("dependent_hostgroup_name");
            out.erase("hostgroup_name");
            out["dependent_host_name"] =
                names({config.pool.str(config.hosts[dep.links.dependent].host_name)});
            out["host_name"] = names({config.pool.str(config.hosts[dep.links.master].host_name)});
        }
        return out;
    }

    json service_dependency(Index d) const {
        const auto& dep = config.servicedependencies[d];
        json out = model::to_json(dep, config.pool, JsonView::config);
        if (dep.links.dependent != kNoIndex && dep.links.master != kNoIndex) {
            const auto& a = config.services[dep.links.dependent];
            const auto& b = config.services[dep.links.master];
            for (const char* key : {"dependent_hostgroup_name", "dependent_servicegroup_name",
                                    "hostgroup_name", "servicegroup_name"}) {
                out.erase(key);
            }
            out["dependent_host_name"] = names({config.pool.str(a.host_name)});
            out["dependent_service_description"] = names({config.pool.str(a.service_description)});
            out["host_name"] = names({config.pool.str(b.host_name)});
            out["service_description"] = names({config.pool.str(b.service_description)});
        }
        return out;
    }

    json build(const Part& part) const {
        const auto& pool = config.pool;
        json out = json::object();
        out["globals"] = model::to_json(config.globals, pool, JsonView::config);
        json resources = json::object();
        for (const auto& r : config.resources) {
            resources[std::string(pool.str(r.name))] = pool.str(r.value);
        }
        out["resources"] = std::move(resources);
        append_all(config, config.realms, out);
        append_all(config, config.modules, out);
        append_all(config, config.timeperiods, out);
        append_all(config, config.commands, out);
        append_all(config, config.notificationways, out);
        append_all(config, config.contacts, out);
        append_all(config, config.contactgroups, out);
        append_all(config, config.escalations, out);

        json hosts = json::array();
        json services = json::array();
        json hostdeps = json::array();
        json servicedeps = json::array();
        std::map<Index, std::vector<std::string_view>> hostgroup_members;
        std::map<Index, std::vector<std::string_view>> servicegroup_members;
        for (Index h : part.host_indices) {
            const auto& host = config.hosts[h];
            hosts.push_back(model::to_json(host, pool, JsonView::config));
            for (Index g : hostgroups_of_host.of(h)) {
                hostgroup_members[g].push_back(pool.str(host.host_name));
            }
            for (Index s : services_of_host.of(h)) {
                const auto& svc = config.services[s];
                services.push_back(model::to_json(svc, pool, JsonView::config));
                for (Index g : servicegroups_of_service.of(s)) {
                    auto& members = servicegroup_members[g];
                    members.push_back(pool.str(host.host_name));
                    members.push_back(pool.str(svc.service_description));
                }
            }
            for (Index d : hostdeps_of_host.of(h)) {
                hostdeps.push_back(host_dependency(d));
            }
            for (Index d : servicedeps_of_host.of(h)) {
                servicedeps.push_back(service_dependency(d));
            }
        }
        out["hosts"] = std::move(hosts);
        out["services"] = std::move(services);
        out["hostdependencies"] = std::move(hostdeps);
        out["servicedependencies"] = std::move(servicedeps);
        out["hostgroups"] = groups(config.hostgroups, hostgroup_members, "hostgroup_members");
        out["servicegroups"] =
            groups(config.servicegroups, servicegroup_members, "servicegroup_members");
        return out;
    }

    template <class Group>
    json groups(const model::Table<Group>& table,
                const std::map<Index, std::vector<std::string_view>>& members,
                const char* subgroups_key) const {
        json out = json::array();
        for (const auto& [g, names_in_part] : members) {
            json group = model::to_json(table[g], config.pool, JsonView::config);
            group["members"] = names(names_in_part);
            group.erase(subgroups_key);  // their members are in `members` already
            out.push_back(std::move(group));
        }
        return out;
    }
};

std::string digest_hex(std::string_view bytes) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    hash ^= bytes.size();
    hash *= 1099511628211ULL;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = kHex[hash & 0xf];
        hash >>= 4;
    }
    return out;
}

PartBuilder::PartBuilder(const model::Config& config) : impl_(std::make_unique<Impl>(config)) {}
PartBuilder::~PartBuilder() = default;

nlohmann::json PartBuilder::objects(const Part& part) const {
    return impl_->build(part);
}

PartBuilder::Built PartBuilder::build(const Part& part) const {
    Built out;
    out.objects_json = impl_->build(part).dump();
    out.flavor = digest_hex(out.objects_json);
    return out;
}

}  // namespace yagura::dispatch
