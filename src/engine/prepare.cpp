// What can be computed once per shard is computed when it arrives: the route of every check,
// its command line with the macros that never change expanded, the ways of reaching each
// contact and the dependency lists of each element.
#include "prepare.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include <yagura/model/macro_resolver.hpp>

namespace yagura::engine::detail {

namespace {

bool is_none(const EngineState& s, model::Symbol tag) {
    if (tag.empty()) {
        return true;
    }
    std::string_view text = str(s, tag);
    return text == "None" || text.empty();
}

std::uint16_t route_index(std::vector<Route>& routes, model::Symbol tag, model::Symbol module) {
    for (std::size_t i = 0; i < routes.size(); ++i) {
        if (routes[i].tag == tag && routes[i].module_type == module) {
            return static_cast<std::uint16_t>(i);
        }
    }
    routes.push_back({tag, module});
    return static_cast<std::uint16_t>(routes.size() - 1);
}

InternalCheck internal_kind(const EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    std::string_view text = str(s, c.check_command);
    std::string_view name = text.substr(0, text.find('!'));
    if (name == "_echo") {
        return InternalCheck::echo;
    }
    if (is_host(s, e) && (name.empty() || name == "_internal_host_up")) {
        return InternalCheck::host_up;
    }
    return InternalCheck::none;
}

// Rebuilds the text of compiled pieces (macros as $NAME$), to find identical lines.
std::string source_of(const model::CompiledText& text) {
    std::string out;
    for (const auto& piece : text.pieces()) {
        if (piece.macro < 0) {
            for (char c : text.literal(piece)) {
                out += c;
                if (c == '$') {
                    out += '$';
                }
            }
        } else {
            out += '$';
            out += text.macros()[static_cast<std::size_t>(piece.macro)].raw;
            out += '$';
        }
    }
    return out;
}

}  // namespace

model::Symbol poller_tag_of(EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    if (!is_none(s, c.poller_tag)) {
        return c.poller_tag;
    }
    if (!is_host(s, e)) {
        ElementId h = host_element(s, e);
        if (h != kNoElement && !is_none(s, checkable(s, h).poller_tag)) {
            return checkable(s, h).poller_tag;
        }
    }
    Index cmd = c.links.check_command.command;
    if (cmd != kNoIndex && !is_none(s, s.cfg.commands[cmd].poller_tag)) {
        return s.cfg.commands[cmd].poller_tag;
    }
    return s.cfg.pool.intern("None");
}

model::Symbol reactionner_tag_of(EngineState& s, ElementId e, Index command) {
    const model::Checkable& c = checkable(s, e);
    if (!is_none(s, c.reactionner_tag)) {
        return c.reactionner_tag;
    }
    if (!is_host(s, e)) {
        ElementId h = host_element(s, e);
        if (h != kNoElement && !is_none(s, checkable(s, h).reactionner_tag)) {
            return checkable(s, h).reactionner_tag;
        }
    }
    if (command != kNoIndex && !is_none(s, s.cfg.commands[command].reactionner_tag)) {
        return s.cfg.commands[command].reactionner_tag;
    }
    return s.cfg.pool.intern("None");
}

model::Symbol module_type_of(EngineState& s, Index command) {
    if (command != kNoIndex && !s.cfg.commands[command].module_type.empty()) {
        return s.cfg.commands[command].module_type;
    }
    return s.cfg.pool.intern("fork");
}

std::uint16_t reactionner_route(EngineState& s, ElementId e, Index command) {
    std::uint16_t r = route_index(s.reactionner_routes, reactionner_tag_of(s, e, command),
                                  module_type_of(s, command));
    if (s.reactionner_ready.size() < s.reactionner_routes.size()) {
        s.reactionner_ready.resize(s.reactionner_routes.size());
    }
    return r;
}

void prepare_check(EngineState& s, ElementId e,
                   std::unordered_map<std::string, std::uint32_t>* dedup) {
    ElementRuntime& r = s.rt[e];
    r.internal = internal_kind(s, e);
    r.check_line = kNone;
    const model::Checkable& c = checkable(s, e);
    const model::CommandCall& call = c.links.check_command;
    r.route = route_index(s.poller_routes, poller_tag_of(s, e), module_type_of(s, call.command));
    if (s.ready.size() < s.poller_routes.size()) {
        s.ready.resize(s.poller_routes.size());
    }
    if (r.internal != InternalCheck::none || call.command == kNoIndex) {
        return;
    }
    // Arguments with macros of their own are expanded at each check (Nagios expands macros in
    // $ARGn$ values with the state of the moment).
    std::vector<std::string> args;
    for (model::Symbol arg : s.cfg.pool.symbols(call.args.list)) {
        std::string_view text = str(s, arg);
        if (text.find('$') != std::string_view::npos) {
            return;
        }
        args.emplace_back(text);
    }
    model::MacroContext ctx = macro_context(s, e);
    ctx.now = 0;  // only static macros are expanded here
    ctx.args = args;
    model::StandardMacros resolver(ctx);
    model::CompiledText partial =
        model::partially_expand(s.cfg.commands[call.command].compiled_line, resolver);
    std::string key = source_of(partial);
    if (dedup != nullptr) {
        auto [it, inserted] =
            dedup->emplace(std::move(key), static_cast<std::uint32_t>(s.lines.size()));
        if (inserted) {
            s.lines.push_back(std::move(partial));
        }
        r.check_line = it->second;
        return;
    }
    r.check_line = static_cast<std::uint32_t>(s.lines.size());
    s.lines.push_back(std::move(partial));
}

namespace {

void prepare_contact_ways(EngineState& s) {
    s.contact_ways.assign(s.cfg.contacts.size(), {});
    for (Index i = 0; i < s.cfg.contacts.size(); ++i) {
        const model::Contact& c = s.cfg.contacts[i];
        std::vector<ContactWay>& ways = s.contact_ways[i];
        const model::NotificationLinks& own = c.links.notification;
        if (!own.host_notification_commands.empty() || !own.service_notification_commands.empty()) {
            ContactWay w;
            w.host_enabled = true;  // the contact's own switches are checked separately
            w.service_enabled = true;
            w.host_options = c.host_notification_options;
            w.service_options = c.service_notification_options;
            w.host_period = own.host_notification_period;
            w.service_period = own.service_notification_period;
            w.min_business_impact = c.min_business_impact;
            w.host_commands = &own.host_notification_commands;
            w.service_commands = &own.service_notification_commands;
            ways.push_back(w);
        }
        for (std::uint32_t nw_index : s.cfg.pool.list(c.links.notificationways.list)) {
            const model::NotificationWay& nw = s.cfg.notificationways[nw_index];
            ContactWay w;
            w.host_enabled = nw.host_notifications_enabled;
            w.service_enabled = nw.service_notifications_enabled;
            w.host_options = nw.host_notification_options;
            w.service_options = nw.service_notification_options;
            w.host_period = nw.links.host_notification_period;
            w.service_period = nw.links.service_notification_period;
            w.min_business_impact = nw.min_business_impact;
            w.host_commands = &nw.links.host_notification_commands;
            w.service_commands = &nw.links.service_notification_commands;
            ways.push_back(w);
        }
    }
}

bool has_criteria(model::Letters letters) {
    return !letters.empty() && !letters.has('n');
}

struct RawDependency {
    ElementId dependent;
    Dependency dep;
};

void build_lists(std::uint32_t n, std::vector<RawDependency>& raw,
                 std::vector<std::uint32_t>& begin, std::vector<Dependency>& out) {
    begin.assign(n + 1, 0);
    for (const RawDependency& r : raw) {
        ++begin[r.dependent + 1];
    }
    for (std::uint32_t i = 0; i < n; ++i) {
        begin[i + 1] += begin[i];
    }
    out.resize(raw.size());
    std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
    for (const RawDependency& r : raw) {
        out[fill[r.dependent]++] = r.dep;
    }
}

void prepare_dependencies(EngineState& s) {
    std::vector<RawDependency> execution;
    std::vector<RawDependency> notification;
    auto add = [&](ElementId dependent, ElementId master, const auto& d) {
        Dependency dep;
        dep.master = master;
        dep.period = d.links.dependency_period;
        dep.inherits_parent = d.inherits_parent;
        if (has_criteria(d.execution_failure_criteria)) {
            dep.criteria = d.execution_failure_criteria;
            execution.push_back({dependent, dep});
        }
        if (has_criteria(d.notification_failure_criteria)) {
            dep.criteria = d.notification_failure_criteria;
            notification.push_back({dependent, dep});
        }
    };
    for (const model::HostDependency& d : s.cfg.hostdependencies) {
        if (!d.registered || d.links.dependent == kNoIndex || d.links.master == kNoIndex) {
            continue;
        }
        add(s.elements.of_host(d.links.dependent), s.elements.of_host(d.links.master), d);
    }
    for (const model::ServiceDependency& d : s.cfg.servicedependencies) {
        if (!d.registered || d.links.dependent == kNoIndex || d.links.master == kNoIndex) {
            continue;
        }
        add(s.elements.of_service(d.links.dependent), s.elements.of_service(d.links.master), d);
    }
    build_lists(s.elements.size(), execution, s.deps.execution_begin, s.deps.execution);
    build_lists(s.elements.size(), notification, s.deps.notification_begin, s.deps.notification);
}

// An element whose checks are orphaned after 5 s must not wait for a scan every minute.
void prepare_orphan_scan_period(EngineState& s) {
    int shortest = 60;
    for (ElementId e = 0; e < s.elements.size(); ++e) {
        int tto = checkable(s, e).time_to_orphanage;
        if (tto > 0) {
            shortest = std::min(shortest, tto);
        }
    }
    s.orphan_scan_period = std::max(1, shortest);
}

}  // namespace

void prepare_shard(EngineState& s) {
    // Interned once so route comparisons are by symbol.
    s.cfg.pool.intern("None");
    s.cfg.pool.intern("fork");
    std::unordered_map<std::string, std::uint32_t> dedup;
    for (ElementId e = 0; e < s.elements.size(); ++e) {
        prepare_check(s, e, &dedup);
    }
    s.lines.shrink_to_fit();
    prepare_contact_ways(s);
    prepare_dependencies(s);
    prepare_orphan_scan_period(s);
}

}  // namespace yagura::engine::detail
