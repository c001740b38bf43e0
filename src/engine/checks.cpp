#include "checks.hpp"

#include <algorithm>
#include <map>

#include <yagura/model/macro_resolver.hpp>

#include "schedule.hpp"
#include "state_machine.hpp"

namespace yagura::engine::detail {

namespace {

void run_internal_check(EngineState& s, ElementId e, EpochSeconds due, std::uint8_t flags) {
    const model::Checkable& c = checkable(s, e);
    CheckOutcome o;
    o.check_time = s.now();
    o.due = due;
    o.flags = flags;
    std::string echo;
    if (s.rt[e].internal == InternalCheck::host_up) {
        o.exit_status = 0;
        o.output = "Host assumed to be UP";
    } else {
        o.exit_status = state_id(s, e);
        echo = c.output.str();
        o.output = echo;
    }
    ++s.stats.internal_checks;
    consume_check_result(s, e, o);
    plan_next_check(s, e, due);
}

bool has_command(const EngineState& s, ElementId e) {
    return s.rt[e].check_line != kNone || checkable(s, e).links.check_command.command != kNoIndex;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

void matching_routes(const EngineState& s, const WorkerRequest& request,
                     std::vector<std::uint16_t>& out) {
    for (std::size_t i = 0; i < s.poller_routes.size(); ++i) {
        if (route_served(s, s.poller_routes[i], request.poller_tags, request.module_types)) {
            out.push_back(static_cast<std::uint16_t>(i));
        }
    }
}

bool stale(const EngineState& s, const ReadyEntry& entry) {
    const ElementRuntime& r = s.rt[entry.element];
    return r.check_state != CheckState::ready || r.ready_generation != entry.generation;
}

// The route whose next check comes first (priority, then due time), stale heads dropped.
int best_route(EngineState& s, const std::vector<std::uint16_t>& routes) {
    int best = -1;
    for (std::uint16_t r : routes) {
        ReadyQueue& q = s.ready[r];
        while (!q.empty() && stale(s, q.top())) {
            q.pop();
        }
        if (q.empty()) {
            continue;
        }
        if (best < 0 || ReadyLater{}(s.ready[static_cast<std::size_t>(best)].top(), q.top())) {
            best = r;
        }
    }
    return best;
}

}  // namespace

bool route_served(const EngineState& s, const Route& route, const std::vector<std::string>& tags,
                  const std::vector<std::string>& module_types) {
    return contains(tags, str(s, route.tag)) && contains(module_types, str(s, route.module_type));
}

void make_ready(EngineState& s, ElementId e, EpochSeconds due, std::uint8_t flags) {
    ElementRuntime& r = s.rt[e];
    if (r.internal != InternalCheck::none) {
        run_internal_check(s, e, due, flags);
        return;
    }
    if (!has_command(s, e)) {
        s.log->debug("{} has no check command to run", element_name(s, e));
        return;
    }
    r.check_state = CheckState::ready;
    r.pending_check_flags = flags;
    ++r.ready_generation;
    s.ready[r.route].push({checkable(s, e).priority, due, e, r.ready_generation});
}

std::string check_command_line(EngineState& s, ElementId e) {
    model::MacroContext ctx = macro_context(s, e);
    const ElementRuntime& r = s.rt[e];
    if (r.check_line == kNone) {
        return model::expand_command_call(checkable(s, e).links.check_command, ctx);
    }
    const model::CompiledText& line = s.lines[r.check_line];
    std::string out;
    if (!line.has_macros()) {
        for (const auto& piece : line.pieces()) {
            out += line.literal(piece);
        }
        return out;
    }
    model::StandardMacros resolver(ctx);
    model::expand(line, resolver, out);
    return out;
}

double check_timeout(const EngineState& s, ElementId e) {
    Index cmd = checkable(s, e).links.check_command.command;
    if (cmd != kNoIndex && s.cfg.commands[cmd].timeout > 0) {
        return s.cfg.commands[cmd].timeout;
    }
    return is_host(s, e) ? s.cfg.globals.host_check_timeout : s.cfg.globals.service_check_timeout;
}

std::size_t take_checks(EngineState& s, const WorkerRequest& request, std::vector<Action>& out) {
    std::vector<std::uint16_t> routes;
    matching_routes(s, request, routes);
    if (routes.empty()) {
        return 0;
    }
    // One growth of `out` for the batch, not one per action: what the routes hold (stale
    // entries included, so at most a little more than needed), capped by what was asked.
    std::size_t ready = 0;
    for (std::uint16_t route : routes) {
        ready += s.ready[route].size();
    }
    if (request.max_actions > 0) {
        ready = std::min(ready, request.max_actions);
    }
    if (out.size() + ready > out.capacity()) {  // still geometric for callers that append
        out.reserve(std::max(out.size() + ready, 2 * out.capacity()));
    }
    const EpochSeconds now = s.now();
    model::Symbol worker = s.cfg.pool.intern(request.worker_name);
    std::size_t taken = 0;
    while (request.max_actions == 0 || taken < request.max_actions) {
        int route = best_route(s, routes);
        if (route < 0) {
            break;
        }
        ReadyEntry entry = s.ready[static_cast<std::size_t>(route)].top();
        s.ready[static_cast<std::size_t>(route)].pop();
        const ElementId e = entry.element;
        ElementRuntime& r = s.rt[e];
        std::uint32_t slot = s.actions.allocate();
        ActionSlot& a = s.actions[slot];
        a.status = SlotStatus::in_flight;
        a.kind = ActionKind::check;
        a.check_flags = r.pending_check_flags;
        a.element = e;
        a.t_to_go = entry.due;
        a.handed_out_at = now;
        a.worker = worker;
        a.priority = entry.priority;
        r.pending_check_flags = 0;
        r.in_flight = slot;
        r.check_state = CheckState::in_flight;

        Action& act = out.emplace_back();
        s.actions.write_id(slot, act.id);
        act.kind = ActionKind::check;
        act.command = check_command_line(s, e);
        act.timeout = check_timeout(s, e);
        act.host_name = host_name(s, e);
        act.service_description = service_description(s, e);
        act.t_to_go = entry.due;
        act.priority = entry.priority;
        act.module_type = str(s, s.poller_routes[r.route].module_type);
        ++taken;
    }
    s.stats.checks_handed_out += taken;
    return taken;
}

bool has_ready_checks(EngineState& s, const WorkerRequest& request) {
    std::vector<std::uint16_t> routes;
    matching_routes(s, request, routes);
    return best_route(s, routes) >= 0;
}

void complete_check(EngineState& s, std::uint32_t slot, const ActionResult& result) {
    const ActionSlot a = s.actions[slot];  // copied: the slot is reused below
    s.actions.release(slot);
    const ElementId e = a.element;
    ElementRuntime& r = s.rt[e];
    if (r.in_flight == slot) {
        r.in_flight = kNone;
        r.check_state = CheckState::idle;
    }
    CheckOutcome o;
    o.exit_status = result.exit_status;
    o.output = result.output;
    o.long_output = result.long_output;
    o.perf_data = result.perf_data;
    o.check_time = result.start_time > 0 ? result.start_time : s.now();
    o.due = a.t_to_go;
    o.execution_time = result.execution_time;
    o.flags = a.check_flags;
    if (result.timed_out) {
        o.exit_status = s.cfg.globals.timeout_exit_status;
        if (o.output.empty()) {
            o.output = is_host(s, e) ? "(Host Check Timed Out)" : "(Service Check Timed Out)";
        }
    }
    consume_check_result(s, e, o);
    plan_next_check(s, e, a.t_to_go);
}

void scan_orphans(EngineState& s, EpochSeconds now) {
    if (now < s.next_orphan_scan) {
        return;
    }
    s.next_orphan_scan = now + s.orphan_scan_period;
    // worker name -> (checks, actions) re-enabled
    std::map<std::string_view, std::pair<int, int>> per_worker;
    const model::Globals& g = s.cfg.globals;
    for (std::uint32_t slot = 0; slot < s.actions.capacity(); ++slot) {
        ActionSlot& a = s.actions[slot];
        if (a.status != SlotStatus::in_flight || a.element == kNoElement) {
            continue;
        }
        const bool host = is_host(s, a.element);
        if (!(host ? g.check_for_orphaned_hosts : g.check_for_orphaned_services)) {
            continue;
        }
        int tto = checkable(s, a.element).time_to_orphanage;
        if (tto <= 0 || a.handed_out_at + tto >= now) {
            continue;
        }
        auto& count = per_worker[str(s, a.worker)];
        ++s.stats.orphaned;
        if (a.kind == ActionKind::check) {
            ++count.first;
            const ElementId e = a.element;
            const std::uint8_t flags = a.check_flags;
            const EpochSeconds due = a.t_to_go;
            s.actions.release(slot);  // a late result for the old id is counted unknown
            ElementRuntime& r = s.rt[e];
            r.in_flight = kNone;
            r.check_state = CheckState::idle;
            make_ready(s, e, due, flags);
        } else {
            ++count.second;
            ++a.generation;  // the old id no longer matches
            a.status = SlotStatus::pending;
            s.reactionner_ready[a.route].push_back({slot, a.generation});
        }
    }
    for (const auto& [worker, count] : per_worker) {
        if (count.first > 0) {
            s.log->warn(
                "{} checks never came back for the satellite '{}'. I reenable them "
                "for polling",
                count.first, worker);
        }
        if (count.second > 0) {
            s.log->warn(
                "{} actions never came back for the satellite '{}'. I reenable them "
                "for polling",
                count.second, worker);
        }
    }
}

}  // namespace yagura::engine::detail
