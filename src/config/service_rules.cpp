#include "service_rules.hpp"

#include <yagura/core/strings.hpp>

#include "expression.hpp"
#include "membership.hpp"
#include "parse_blocks.hpp"

namespace yagura::config::detail {

using model::Host;
using model::Index;
using model::kNoIndex;
using model::Service;
using model::Symbol;

bool DescriptionMatcher::matches(std::string_view pattern, std::string_view description) {
    if (pattern == "*") {
        return true;
    }
    if (pattern.size() > 2 && pattern.substr(0, 2) == "r:") {
        auto it = regexes_.find(std::string(pattern));
        if (it == regexes_.end()) {
            std::optional<std::regex> re;
            try {
                re.emplace(std::string(pattern.substr(2)), std::regex::ECMAScript);
            } catch (const std::regex_error&) {
                re.reset();  // reported by the linker's checks of the host
            }
            it = regexes_.emplace(std::string(pattern), std::move(re)).first;
        }
        // Shinken anchors the pattern at the start (re.match).
        return it->second && std::regex_search(description.begin(), description.end(), *it->second,
                                               std::regex_constants::match_continuous);
    }
    return pattern == description;
}

bool excluded_on(const Host& host, std::string_view description, const model::StringPool& pool,
                 DescriptionMatcher& matcher) {
    if (!host.service_includes.list.empty()) {
        bool included = false;
        for (Symbol p : pool.symbols(host.service_includes.list)) {
            included = included || matcher.matches(pool.str(p), description);
        }
        if (!included) {
            return true;
        }
    }
    for (Symbol p : pool.symbols(host.service_excludes.list)) {
        if (matcher.matches(pool.str(p), description)) {
            return true;
        }
    }
    return false;
}

KeyValueSequence foreach_keys(const Service& service, const Host& host,
                              const model::StringPool& pool) {
    std::string_view var = core::trim(pool.str(service.duplicate_foreach));
    auto value = model::custom_var(host, var, pool);
    if (!value) {
        return {};
    }
    KeyValueSequence keys = parse_key_values(*value, pool.str(service.default_value));
    std::string name(var);
    if (!name.empty() && name.front() == '_') {
        name.erase(0, 1);
    }
    if (auto not_wanted = model::custom_var(host, "!" + name, pool)) {
        auto skip = core::split(*not_wanted, ',');
        std::erase_if(keys.entries, [&](const KeyValues& kv) {
            return std::find(skip.begin(), skip.end(), kv.key) != skip.end();
        });
    }
    return keys;
}

void apply_key(Service& copy, const KeyValues& kv, model::StringPool& pool) {
    std::string key = safe_key(kv.key);
    auto replace = [&](Symbol& field, std::string_view key_text) {
        if (!field.empty()) {
            field = pool.intern(substitute(pool.str(field), kv, key_text));
        }
    };
    replace(copy.service_description, key);
    replace(copy.check_command, kv.key);
    replace(copy.display_name, kv.key);
    replace(copy.aggregation, kv.key);
    replace(copy.event_handler, kv.key);
    if (!copy.service_dependencies.list.empty()) {
        std::vector<Symbol> deps;
        for (Symbol d : pool.symbols(copy.service_dependencies.list)) {
            deps.push_back(pool.intern(substitute(pool.str(d), kv, kv.key)));
        }
        copy.service_dependencies.list = pool.intern_symbols(deps);
    }
    copy.duplicate_foreach = {};
}

namespace {

constexpr std::string_view kNotOverridable[] = {
    "host_name", "service_description", "use",  "servicegroups",
    "trigger",   "trigger_name",        "name", "register"};

}  // namespace

void apply_service_overrides(model::Config& config, Report& report) {
    auto& pool = config.pool;
    bool any = false;
    for (const Host& h : config.hosts) {
        any = any || !h.service_overrides.list.empty();
    }
    if (!any) {
        return;
    }
    auto by_host = services_by_host(config);
    DescriptionMatcher matcher;
    for (std::size_t h = 0; h < config.hosts.size(); ++h) {
        const Host& host = config.hosts[h];
        for (Symbol line : pool.symbols(host.service_overrides.list)) {
            std::string text(pool.str(line));
            std::size_t comma = text.find(',');
            std::size_t space =
                comma == std::string::npos ? comma : text.find_first_of(" \t", comma + 1);
            if (comma == std::string::npos || comma == 0 || space == std::string::npos ||
                space == comma + 1) {
                report.error(host.imported_from, describe(host, pool),
                             "service_overrides " + in_quotes(text) +
                                 " is not 'service_description,attribute value'");
                continue;
            }
            std::string description = std::string(core::trim(text.substr(0, comma)));
            std::string attribute = text.substr(comma + 1, space - comma - 1);
            std::string value = std::string(core::trim(text.substr(space)));
            if (std::find(std::begin(kNotOverridable), std::end(kNotOverridable), attribute) !=
                std::end(kNotOverridable)) {
                report.error(host.imported_from, describe(host, pool),
                             "service_overrides cannot change " + in_quotes(attribute));
                continue;
            }
            bool found = false;
            for (Index s : by_host[h]) {
                Service& service = config.services[s];
                if (!matcher.matches(description, pool.str(service.service_description))) {
                    continue;
                }
                found = true;
                auto r = model::set_attribute(service, attribute, value, pool);
                if (!r.ok()) {
                    report.error(host.imported_from, describe(host, pool),
                                 "service_overrides " + in_quotes(text) + ": " + r.message);
                    break;
                }
            }
            if (!found) {
                report.error(host.imported_from, describe(host, pool),
                             "service_overrides " + in_quotes(text) + ": the host has no service " +
                                 in_quotes(description));
            }
        }
    }
}

void add_service_dependencies(model::Config& config, Report& report) {
    auto& pool = config.pool;
    auto one = [&](Symbol s) {
        std::uint32_t id = s.id;
        return model::SymbolList{pool.intern_list({&id, 1})};
    };
    std::vector<model::ServiceDependency> added;
    for (const Service& service : config.services) {
        auto items = pool.symbols(service.service_dependencies.list);
        if (items.empty()) {
            continue;
        }
        if (items.size() % 2 != 0) {
            report.error(service.imported_from, describe(service, pool),
                         "service_dependencies must be host,service pairs (an empty host is "
                         "this service's host)");
        }
        for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
            std::string_view written = pool.str(items[i]);
            Symbol host = written.empty() || written == kSameHost ? service.host_name : items[i];
            auto dep = model::make<model::ServiceDependency>(pool);
            dep.imported_from = service.imported_from;
            dep.dependent_host_name = one(service.host_name);
            dep.dependent_service_description = one(service.service_description);
            dep.host_name = one(host);
            dep.service_description = one(items[i + 1]);
            // Shinken's criteria for these: notifications held while the master has a
            // problem, checks still run; the master's own dependencies count too.
            model::set_attribute(dep, "notification_failure_criteria", "u,c,w", pool);
            model::set_attribute(dep, "inherits_parent", "1", pool);
            added.push_back(std::move(dep));
        }
    }
    for (auto& dep : added) {
        config.servicedependencies.append(std::move(dep));
    }
}

namespace {

HostSet extinfo_hosts(const ExtInfo& info, const model::Config& config, const Members& groups,
                      Report& report) {
    const auto& pool = config.pool;
    std::string kind = info.service ? "serviceextinfo" : "hostextinfo";
    HostSet hosts;
    for (const std::string& name : core::split(pool.str(info.host_name), ',')) {
        Index h = config.hosts.find(name, pool);
        if (h == kNoIndex) {
            report.warning(info.where, kind,
                           unknown_name(report, "host", name, config.hosts) + "; ignored");
            continue;
        }
        hosts.push_back(h);
    }
    for (const std::string& name : core::split(pool.str(info.hostgroup_name), ',')) {
        Index g = config.hostgroups.find(name, pool);
        if (g == kNoIndex) {
            report.warning(
                info.where, kind,
                unknown_name(report, "hostgroup", name, config.hostgroups) + "; ignored");
            continue;
        }
        hosts.insert(hosts.end(), groups[g].begin(), groups[g].end());
    }
    std::sort(hosts.begin(), hosts.end());
    hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
    return hosts;
}

// Sets the attributes the object does not set itself.
template <class T>
void merge_attributes(T& obj, const ExtInfo& info, model::StringPool& pool, Report& report) {
    std::string kind = info.service ? "serviceextinfo" : "hostextinfo";
    for (const auto& [key, value] : info.attributes) {
        int field = model::field_index<T>(pool.str(key));
        if (field >= 0 && obj.explicitly_set.test(static_cast<std::size_t>(field))) {
            continue;
        }
        auto r = model::set_attribute(obj, pool.str(key), pool.str(value), pool);
        if (!r.ok()) {
            report.warning_of_kind(kind + ": " + std::string(pool.str(key)), info.where, kind,
                                   r.message + "; ignored");
        }
    }
}

}  // namespace

void apply_host_extinfo(const std::vector<ExtInfo>& infos, model::Config& config, Report& report) {
    Members groups;
    for (const ExtInfo& info : infos) {
        if (info.service) {
            continue;
        }
        if (groups.empty() && !info.hostgroup_name.empty()) {
            groups = hostgroup_members(config, nullptr);
        }
        for (Index h : extinfo_hosts(info, config, groups, report)) {
            merge_attributes(config.hosts[h], info, config.pool, report);
        }
    }
}

void apply_service_extinfo(const std::vector<ExtInfo>& infos, model::Config& config,
                           Report& report) {
    Members groups;
    for (const ExtInfo& info : infos) {
        if (!info.service) {
            continue;
        }
        if (groups.empty() && !info.hostgroup_name.empty()) {
            groups = hostgroup_members(config, nullptr);
        }
        for (Index h : extinfo_hosts(info, config, groups, report)) {
            Index s = config.services.find(config.hosts[h].host_name, info.service_description);
            if (s == kNoIndex) {
                report.warning(
                    info.where, "serviceextinfo",
                    "unknown service " +
                        in_quotes(std::string(config.pool.str(config.hosts[h].host_name)) + "/" +
                                  std::string(config.pool.str(info.service_description))) +
                        "; ignored");
                continue;
            }
            merge_attributes(config.services[s], info, config.pool, report);
        }
    }
}

}  // namespace yagura::config::detail
