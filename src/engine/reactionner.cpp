#include "reactionner.hpp"

#include <algorithm>

#include "broks.hpp"
#include "checks.hpp"

namespace yagura::engine::detail {

void queue_reactionner_action(EngineState& s, std::uint32_t slot) {
    ActionSlot& a = s.actions[slot];
    a.status = SlotStatus::pending;
    if (s.reactionner_ready.size() <= a.route) {
        s.reactionner_ready.resize(a.route + 1U);
    }
    s.reactionner_ready[a.route].push_back({slot, a.generation});
}

namespace {

bool live(const EngineState& s, SlotRef ref) {
    const ActionSlot& a = s.actions[ref.slot];
    return a.status == SlotStatus::pending && a.generation == ref.generation;
}

void drop_stale_heads(EngineState& s, std::deque<SlotRef>& queue) {
    while (!queue.empty() && !live(s, queue.front())) {
        queue.pop_front();
    }
}

}  // namespace

std::size_t take_reactionner_actions(EngineState& s, const WorkerRequest& request,
                                     std::vector<Action>& out) {
    const EpochSeconds now = s.now();
    model::Symbol worker = s.cfg.pool.intern(request.worker_name);
    std::size_t taken = 0;
    for (std::size_t r = 0; r < s.reactionner_routes.size() && r < s.reactionner_ready.size();
         ++r) {
        if (!route_served(s, s.reactionner_routes[r], request.reactionner_tags,
                          request.module_types)) {
            continue;
        }
        auto& queue = s.reactionner_ready[r];
        while (request.max_actions == 0 || taken < request.max_actions) {
            drop_stale_heads(s, queue);
            if (queue.empty()) {
                break;
            }
            SlotRef ref = queue.front();
            queue.pop_front();
            ActionSlot& a = s.actions[ref.slot];
            a.status = SlotStatus::in_flight;
            a.handed_out_at = now;
            a.worker = worker;
            Action& act = out.emplace_back();
            s.actions.write_id(ref.slot, act.id);
            act.kind = a.kind;
            act.command = a.command;
            act.timeout = a.timeout;
            act.host_name = host_name(s, a.element);
            act.service_description = service_description(s, a.element);
            act.t_to_go = a.t_to_go;
            act.priority = a.priority;
            act.module_type = str(s, s.reactionner_routes[r].module_type);
            if (a.kind == ActionKind::notification) {
                act.contact_name = str(s, s.cfg.contacts[a.contact].contact_name);
                act.notification_type = to_string(a.notification_type);
            }
            ++taken;
        }
    }
    return taken;
}

bool has_reactionner_actions(EngineState& s, const WorkerRequest& request) {
    for (std::size_t r = 0; r < s.reactionner_routes.size() && r < s.reactionner_ready.size();
         ++r) {
        if (!route_served(s, s.reactionner_routes[r], request.reactionner_tags,
                          request.module_types)) {
            continue;
        }
        drop_stale_heads(s, s.reactionner_ready[r]);
        if (!s.reactionner_ready[r].empty()) {
            return true;
        }
    }
    return false;
}

void complete_reactionner_action(EngineState& s, std::uint32_t slot, const ActionResult& result) {
    ActionSlot& a = s.actions[slot];
    if (a.kind == ActionKind::notification) {
        const model::Contact& contact = s.cfg.contacts[a.contact];
        if (result.timed_out) {
            ++s.stats.notification_errors;
            s.log->warn("Contact {} {} notification command '{}' timed out after {} seconds",
                        str(s, contact.contact_name), is_host(s, a.element) ? "host" : "service",
                        a.command, static_cast<int>(result.execution_time));
        } else if (result.exit_status != 0) {
            ++s.stats.notification_errors;
            s.log->warn("The notification command '{}' raised an error (exit code={}): '{}'",
                        a.command, result.exit_status, result.output);
        }
    } else if (result.timed_out) {
        s.log->warn("{} event handler command '{}' timed out after {} seconds",
                    is_host(s, a.element) ? "Host" : "Service", a.command,
                    static_cast<int>(result.execution_time));
    }
    s.actions.release(slot);
}

}  // namespace yagura::engine::detail
