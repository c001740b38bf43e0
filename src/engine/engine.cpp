#include <algorithm>

#include <nlohmann/json.hpp>

#include <yagura/engine/engine.hpp>

#include "acks_comments.hpp"
#include "broks.hpp"
#include "checks.hpp"
#include "commands.hpp"
#include "downtimes.hpp"
#include "notifications.hpp"
#include "prepare.hpp"
#include "reactionner.hpp"
#include "retention.hpp"
#include "schedule.hpp"
#include "state.hpp"
#include "stats.hpp"

namespace yagura::engine {

std::string_view to_string(ActionKind kind) {
    switch (kind) {
        case ActionKind::check:
            return "check";
        case ActionKind::notification:
            return "notification";
        case ActionKind::event_handler:
            return "eventhandler";
    }
    return "check";
}

namespace {

using detail::ElementId;
using detail::EngineState;

// initial_state / initial_output (Shinken): what an element shows before its first check.
void apply_initial_states(EngineState& s) {
    for (model::Host& h : s.cfg.hosts) {
        if (h.initial_state != model::HostState::pending) {
            h.state = h.last_state = h.last_hard_state = h.initial_state;
        }
        if (!h.initial_output.empty()) {
            h.output = s.cfg.pool.str(h.initial_output);
        }
    }
    for (model::Service& sv : s.cfg.services) {
        if (sv.initial_state != model::ServiceState::pending) {
            sv.state = sv.last_state = sv.last_hard_state = sv.initial_state;
        }
        if (!sv.initial_output.empty()) {
            sv.output = s.cfg.pool.str(sv.initial_output);
        }
    }
}

void link_global_handlers(EngineState& s) {
    const model::Globals& g = s.cfg.globals;
    if (!g.global_host_event_handler.empty()) {
        s.global_host_handler = model::link_command_call(
            s.cfg.pool.str(g.global_host_event_handler), s.cfg.commands, s.cfg.pool);
    }
    if (!g.global_service_event_handler.empty()) {
        s.global_service_handler = model::link_command_call(
            s.cfg.pool.str(g.global_service_event_handler), s.cfg.commands, s.cfg.pool);
    }
}

void ensure_started(EngineState& s) {
    if (!s.started) {
        detail::start_scheduling(s);
    }
}

void fire_timers(EngineState& s, core::EpochSeconds now) {
    using detail::TimerKind;
    while (!s.timers.empty() && s.timers.top().at <= now) {
        detail::Timer t = s.timers.top();
        s.timers.pop();
        switch (t.kind) {
            case TimerKind::notification:
                detail::fire_notification(s, t.element, t.ref, now);
                break;
            case TimerKind::downtime_start:
                detail::downtime_timer(s, t.element, t.ref, true, now);
                break;
            case TimerKind::downtime_end:
                detail::downtime_timer(s, t.element, t.ref, false, now);
                break;
            case TimerKind::ack_expire:
                detail::expire_acknowledgement(s, t.element, now);
                break;
            case TimerKind::comment_expire:
                detail::expire_comment(s, t.element, t.ref, now);
                break;
            case TimerKind::contact_downtime_end: {
                auto& list = s.cfg.contacts[t.element].downtimes;
                auto before = list.size();
                list.erase(std::remove_if(list.begin(), list.end(),
                                          [&](const model::Downtime& d) {
                                              return d.id == t.ref && d.end_time <= now;
                                          }),
                           list.end());
                if (list.size() != before) {
                    s.contact_downtime_owners.erase(t.ref);
                    detail::touch_global(s);
                }
                break;
            }
        }
    }
}

}  // namespace

Engine::Engine(model::Config shard, EngineSettings settings, const core::Clock& clock)
    : state_(std::make_unique<EngineState>(std::move(shard), std::move(settings), clock)) {
    EngineState& s = *state_;
    apply_initial_states(s);
    detail::prepare_shard(s);
    link_global_handlers(s);
    for (ElementId e = 0; e < s.elements.size(); ++e) {
        for (const model::Downtime& d : detail::checkable(s, e).downtimes) {
            s.downtime_owners[d.id] = e;
        }
        for (const model::Comment& c : detail::checkable(s, e).comments) {
            s.comment_owners[c.id] = e;
        }
    }
    s.log->info("engine of part {} ({}): {} hosts, {} services, {} check lines prepared",
                s.settings.part_id, s.settings.instance_name, s.elements.host_count(),
                s.elements.service_count(), s.lines.size());
}

Engine::~Engine() = default;

const model::Config& Engine::config() const {
    return state_->cfg;
}
const EngineSettings& Engine::settings() const {
    return state_->settings;
}

RetentionLoad Engine::load_retention(std::span<const RetentionRecord> records) {
    EngineState& s = *state_;
    RetentionLoad result = detail::load_records(s, records);
    // Loading is not a change to save again or to tell brokers about one by one: the first
    // dump carries the loaded state.
    for (ElementId e : s.retention_dirty) {
        s.rt[e].flags = static_cast<std::uint16_t>(s.rt[e].flags & ~detail::kRetentionDirty);
    }
    s.retention_dirty.clear();
    for (ElementId e : s.status_dirty) {
        s.rt[e].flags = static_cast<std::uint16_t>(s.rt[e].flags & ~detail::kStatusDirty);
    }
    s.status_dirty.clear();
    s.global_dirty = false;
    s.log->info("retention: {} records applied, {} for elements not in this part, {} invalid",
                result.applied, result.unknown, result.invalid);
    for (const std::string& error : result.errors) {
        s.log->warn("retention: {}", error);
    }
    return result;
}

void Engine::tick() {
    EngineState& s = *state_;
    ensure_started(s);
    const core::EpochSeconds now = s.now();
    detail::promote_due_checks(s, now);
    fire_timers(s, now);
    detail::scan_orphans(s, now);
    detail::flush_status_broks(s);
}

core::EpochSeconds Engine::next_wakeup() const {
    const EngineState& s = *state_;
    if (!s.started) {
        return s.now();
    }
    core::EpochSeconds next = detail::kNever;
    if (!s.due.empty()) {
        next = std::min(next, s.due.top().due);
    }
    if (!s.timers.empty()) {
        next = std::min(next, s.timers.top().at);
    }
    if (s.actions.in_use() > 0) {
        next = std::min(next, s.next_orphan_scan);
    }
    return next;
}

std::size_t Engine::take_actions(const WorkerRequest& request, std::vector<Action>& out) {
    EngineState& s = *state_;
    ensure_started(s);
    detail::promote_due_checks(s, s.now());
    std::size_t taken = 0;
    if (request.do_checks) {
        taken += detail::take_checks(s, request, out);
    }
    if (request.do_actions) {
        WorkerRequest rest = request;
        if (rest.max_actions != 0) {
            rest.max_actions = rest.max_actions > taken ? rest.max_actions - taken : 0;
            if (rest.max_actions == 0) {
                detail::flush_status_broks(s);
                return taken;
            }
        }
        taken += detail::take_reactionner_actions(s, rest, out);
    }
    detail::flush_status_broks(s);
    return taken;
}

bool Engine::has_actions(const WorkerRequest& request) {
    EngineState& s = *state_;
    ensure_started(s);
    detail::promote_due_checks(s, s.now());
    detail::flush_status_broks(s);
    return (request.do_checks && detail::has_ready_checks(s, request)) ||
           (request.do_actions && detail::has_reactionner_actions(s, request));
}

PutResultsSummary Engine::put_results(std::span<const ActionResult> results) {
    EngineState& s = *state_;
    PutResultsSummary summary;
    for (const ActionResult& result : results) {
        auto slot = s.actions.find(result.id);
        if (!slot || s.actions[*slot].status != detail::SlotStatus::in_flight) {
            ++summary.unknown;
            ++s.stats.unknown_results;
            continue;
        }
        if (s.actions[*slot].kind == ActionKind::check) {
            detail::complete_check(s, *slot, result);
        } else {
            detail::complete_reactionner_action(s, *slot, result);
        }
        ++summary.accepted;
    }
    if (summary.unknown > 0) {
        s.log->debug("{} results for unknown action ids ignored", summary.unknown);
    }
    detail::flush_status_broks(s);
    return summary;
}

CommandOutcome Engine::run_external_command(std::string_view line) {
    EngineState& s = *state_;
    CommandOutcome outcome = detail::run_command(s, line);
    detail::flush_status_broks(s);
    return outcome;
}

std::size_t Engine::pop_broks(std::string_view broker, std::size_t max,
                              std::vector<std::string>& out) {
    EngineState& s = *state_;
    detail::flush_status_broks(s);
    detail::BrokHub::Broker& b = s.broks.broker(broker);
    if (b.needs_dump) {
        b.dump.clear();
        detail::build_initial_dump(s, b.dump);
        b.needs_dump = false;
        ++b.dumps;
        s.log->info("created {} initial broks for broker '{}'", b.dump.size(), b.name);
    }
    return s.broks.take(b, max, out);
}

void Engine::request_full_dump(std::string_view broker) {
    detail::BrokHub::Broker& b = state_->broks.broker(broker);
    b.needs_dump = true;
    b.dump.clear();
    state_->broks.skip_to_end(b);  // older deltas would undo the dump
}

void Engine::take_dirty_records(std::vector<RetentionRecord>& out) {
    detail::take_dirty(*state_, out);
}

void Engine::all_records(std::vector<RetentionRecord>& out) {
    detail::all_records(*state_, out);
}

nlohmann::json Engine::stats() const {
    return detail::stats_json(*state_);
}

}  // namespace yagura::engine
