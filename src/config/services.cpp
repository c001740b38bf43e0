#include "services.hpp"

#include <algorithm>
#include <functional>

#include <yagura/core/strings.hpp>

#include "chunked_vector.hpp"
#include "membership.hpp"
#include "register.hpp"
#include "service_rules.hpp"

namespace yagura::config::detail {

using model::Host;
using model::Index;
using model::kNoIndex;
using model::Service;
using model::Symbol;

TemplateUsers host_template_users(Stage<Host>& hosts, const model::StringPool& pool) {
    // Names each template stands for: its own and those of the templates it uses.
    std::unordered_map<Index, std::vector<Symbol>> names_of;
    std::function<const std::vector<Symbol>&(Index, int)> names =
        [&](Index t, int depth) -> const std::vector<Symbol>& {
        if (auto it = names_of.find(t); it != names_of.end()) {
            return it->second;
        }
        std::vector<Symbol> out;
        const Host& tpl = hosts.objects[t];
        if (!tpl.template_name.empty()) {
            out.push_back(tpl.template_name);
        }
        names_of[t] = out;  // a loop (reported by inheritance) stops here
        if (depth < 64) {
            for (Symbol used : pool.symbols(tpl.use.list)) {
                if (auto u = hosts.templates.find(used.id); u != hosts.templates.end()) {
                    const auto& more = names(u->second, depth + 1);
                    out.insert(out.end(), more.begin(), more.end());
                }
            }
        }
        return names_of[t] = std::move(out);
    };
    TemplateUsers users;
    for (std::size_t i = 0; i < hosts.objects.size(); ++i) {
        const Host& host = hosts.objects[i];
        if (!host.registered || host.use.list.empty()) {
            continue;
        }
        std::vector<Symbol> seen;
        for (Symbol used : pool.symbols(host.use.list)) {
            if (auto u = hosts.templates.find(used.id); u != hosts.templates.end()) {
                for (Symbol name : names(u->second, 0)) {
                    if (std::find(seen.begin(), seen.end(), name) == seen.end()) {
                        seen.push_back(name);
                        users[name.id].push_back(host.host_name);
                    }
                }
            }
        }
    }
    return users;
}

namespace {

bool is_plain_name(std::string_view text) {
    return text.find_first_of(",!*&|()+") == std::string_view::npos;
}

// The hosts one definition names, computed once per (host_name, hostgroup_name) text.
struct Targets {
    HostSet hosts;
    std::vector<std::string> errors;
    std::vector<std::string> warnings;
};

class Expander {
public:
    Expander(Stage<Service>& stage, const TemplateUsers& users, model::Config& config,
             Report& report)
        : stage_(stage), users_(users), config_(config), pool_(config.pool), report_(report) {
        group_members_ = hostgroup_members(config, nullptr);
    }

    void run() {
        std::size_t upper = count();
        config_.services.reserve(upper);
        strength_.reserve(upper);
        materialize();
    }

private:
    enum Strength : std::uint8_t { kGenerated = 1, kWrittenForHost = 2 };

    // --- which hosts ---

    const Targets& targets_of(const Service& s) {
        std::uint64_t key =
            (static_cast<std::uint64_t>(s.host_name.id) << 32) | s.hostgroup_name.id;
        auto it = cache_.find(key);
        if (it != cache_.end()) {
            return it->second;
        }
        Targets t;
        if (!s.hostgroup_name.empty()) {
            t.hosts = hosts_of_groups(pool_.str(s.hostgroup_name), t);
        }
        apply_host_list(pool_.str(s.host_name), t);
        return cache_.emplace(key, std::move(t)).first->second;
    }

    HostSet hosts_of_groups(std::string_view text, Targets& t) {
        auto resolve = [&](std::string_view name, std::string& error) -> std::optional<HostSet> {
            Index g = config_.hostgroups.find(name, pool_);
            if (g == kNoIndex) {
                error = unknown_name(report_, "hostgroup", name, config_.hostgroups);
                return std::nullopt;
            }
            return group_members_[g];
        };
        ExpressionResult r = evaluate_expression(text, config_.hosts.size(), resolve);
        for (std::string& e : r.errors) {
            t.errors.push_back("hostgroup_name " + in_quotes(text) + ": " + e);
        }
        if (r.mixes_operators) {
            t.warnings.push_back("hostgroup_name " + in_quotes(text) +
                                 " mixes '|' and '&' without parentheses: '&' is applied "
                                 "first (Shinken applies the last operator to all)");
        }
        return std::move(r.hosts);
    }

    void apply_host_list(std::string_view text, Targets& t) {
        for (const std::string& item : core::split(text, ',')) {
            std::string_view name = item;
            bool remove = name.front() == '!';
            if (remove) {
                name = core::trim(name.substr(1));
            }
            if (name == "*") {
                HostSet all(config_.hosts.size());
                for (std::size_t i = 0; i < all.size(); ++i) {
                    all[i] = static_cast<Index>(i);
                }
                t.hosts = remove ? HostSet{} : std::move(all);
                continue;
            }
            Index h = config_.hosts.find(name, pool_);
            if (h == kNoIndex) {
                if (!remove) {
                    t.errors.push_back(unknown_name(report_, "host", name, config_.hosts));
                }
                continue;
            }
            t.hosts = remove ? set_difference(t.hosts, {h}) : set_union(t.hosts, {h});
        }
    }

    const Targets& template_targets(const Service& tpl) {
        std::uint64_t key = (std::uint64_t{1} << 63) | tpl.host_name.id;
        if (auto it = cache_.find(key); it != cache_.end()) {
            return it->second;
        }
        auto resolve = [&](std::string_view name, std::string&) -> std::optional<HostSet> {
            HostSet out;
            if (auto sym = pool_.find(name)) {
                if (auto it = users_.find(sym->id); it != users_.end()) {
                    for (Symbol host : it->second) {
                        if (Index h = config_.hosts.find(host); h != kNoIndex) {
                            out.push_back(h);
                        }
                    }
                }
            }
            std::sort(out.begin(), out.end());
            out.erase(std::unique(out.begin(), out.end()), out.end());
            return out;  // a name no host uses binds nothing (as in Shinken)
        };
        Targets t;
        t.hosts =
            evaluate_expression(pool_.str(tpl.host_name), config_.hosts.size(), resolve).hosts;
        return cache_.emplace(key, std::move(t)).first->second;
    }

    bool is_bound_template(const Service& s) const { return !s.registered && !s.host_name.empty(); }

    // --- counting (to reserve the table once) ---

    std::size_t copies(const Service& s, const HostSet& hosts) {
        if (s.duplicate_foreach.empty()) {
            return hosts.size();
        }
        std::size_t n = 0;
        for (Index h : hosts) {
            n += foreach_keys(s, config_.hosts[h], pool_).entries.size();
        }
        return n;
    }

    std::size_t count() {
        std::size_t n = 0;
        for (std::size_t i = 0; i < stage_.objects.size(); ++i) {
            const Service& s = stage_.objects[i];
            if (s.registered) {
                if (s.host_name.empty() && s.hostgroup_name.empty()) {
                    continue;
                }
                if (s.hostgroup_name.empty() && is_plain_name(pool_.str(s.host_name))) {
                    n += s.duplicate_foreach.empty() ? 1 : foreach_count_single(s);
                } else {
                    n += copies(s, targets_of(s).hosts);
                }
            } else if (is_bound_template(s)) {
                n += copies(s, template_targets(s).hosts);
                bound_templates_.push_back(s);
            }
        }
        return n;
    }

    std::size_t foreach_count_single(const Service& s) {
        Index h = config_.hosts.find(s.host_name);
        return h == kNoIndex ? 0 : foreach_keys(s, config_.hosts[h], pool_).entries.size();
    }

    // --- building ---

    void materialize() {
        for (std::size_t i = 0; i < stage_.objects.size(); ++i) {
            Service& s = stage_.objects[i];
            if (s.registered) {
                expand_one(s);
            }
            if (stage_.objects.ends_chunk(i)) {
                stage_.objects.release_chunk_of(i);
            }
        }
        for (Service& tpl : bound_templates_) {
            const Targets& t = template_targets(tpl);
            tpl.registered = true;
            tpl.template_name = {};
            for (Index h : t.hosts) {
                emit_for_host(tpl, h, kGenerated, false);
            }
        }
    }

    void expand_one(Service& s) {
        if (s.host_name.empty() && s.hostgroup_name.empty()) {
            report_.error(s.imported_from, describe(s, pool_),
                          "has neither host_name nor hostgroup_name");
            return;
        }
        if (s.hostgroup_name.empty() && is_plain_name(pool_.str(s.host_name))) {
            Index h = config_.hosts.find(s.host_name);
            if (h == kNoIndex) {
                report_.error(s.imported_from, describe(s, pool_),
                              "its host: " + unknown_name(report_, "host", pool_.str(s.host_name),
                                                          config_.hosts));
                return;
            }
            emit_for_host(s, h, kWrittenForHost, true);
            return;
        }
        const Targets& t = targets_of(s);
        for (const std::string& e : t.errors) {
            report_.error(s.imported_from, describe(s, pool_), e);
        }
        for (const std::string& w : t.warnings) {
            report_.warning(s.imported_from, describe(s, pool_), w);
        }
        if (t.hosts.empty() && t.errors.empty()) {
            report_.warning_of_kind("service matches no host", s.imported_from, describe(s, pool_),
                                    "matches no host; no service is made");
        }
        for (std::size_t k = 0; k < t.hosts.size(); ++k) {
            emit_for_host(s, t.hosts[k], kGenerated, k + 1 == t.hosts.size());
        }
    }

    void emit_for_host(Service& s, Index h, Strength strength, bool last_use) {
        const Host& host = config_.hosts[h];
        if (s.duplicate_foreach.empty()) {
            emit(last_use ? std::move(s) : Service(s), h, strength);
            return;
        }
        KeyValueSequence keys = foreach_keys(s, host, pool_);
        if (!keys.error.empty()) {
            report_.error(host.imported_from, describe(host, pool_),
                          "custom variable used by duplicate_foreach of " + describe(s, pool_) +
                              ": " + keys.error);
            return;
        }
        for (const KeyValues& kv : keys.entries) {
            Service copy(s);
            apply_key(copy, kv, pool_);
            emit(std::move(copy), h, kGenerated);
        }
    }

    void emit(Service&& copy, Index h, Strength strength) {
        const Host& host = config_.hosts[h];
        if (excluded_on(host, pool_.str(copy.service_description), pool_, matcher_)) {
            return;
        }
        static const auto host_name_bit =
            static_cast<std::size_t>(model::field_index<Service>("host_name"));
        copy.host_name = host.host_name;  // hostgroup_name is dropped when finishing
        copy.explicitly_set.set(host_name_bit);
        model::inherit_implicit_from_host(host, copy, pool_);
        copy.service_links.host = h;  // spares the stages after this a lookup per service
        auto [same, inserted] = config_.services.try_insert(copy);
        if (inserted) {
            strength_.push_back(strength);
            return;
        }
        if (strength < strength_[same]) {
            return;  // a definition written for this host alone is kept
        }
        if (strength == strength_[same]) {
            const Service& first = config_.services[same];
            report_.warning(copy.imported_from, describe(copy, pool_),
                            "is also defined at " + location_of(first, pool_) +
                                "; this later definition is used");
        }
        config_.services[same] = std::move(copy);
        strength_[same] = strength;
    }

    Stage<Service>& stage_;
    const TemplateUsers& users_;
    model::Config& config_;
    model::StringPool& pool_;
    Report& report_;
    Members group_members_;
    std::unordered_map<std::uint64_t, Targets> cache_;
    std::vector<Service> bound_templates_;
    std::vector<std::uint8_t> strength_;
    DescriptionMatcher matcher_;
};

}  // namespace

void expand_services(Stage<Service>& stage, const TemplateUsers& users, model::Config& config,
                     Report& report) {
    Expander(stage, users, config, report).run();
}

}  // namespace yagura::config::detail
