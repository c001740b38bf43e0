// One check result through the SOFT/HARD state machine. The transitions are Shinken's
// consume_state_result (the table of docs/scheduler.md), with Nagios 4 where it is better for
// users: UNREACHABLE from the parents' states at the time of the result, on-demand checks of
// parents and children, event handlers at every HARD change, first non-OK of an element with
// max_check_attempts 1 HARD at once.
#include "state_machine.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "acks_comments.hpp"
#include "broks.hpp"
#include "dependencies.hpp"
#include "downtimes.hpp"
#include "event_handlers.hpp"
#include "flapping.hpp"
#include "log_lines.hpp"
#include "notifications.hpp"

namespace yagura::engine::detail {

namespace {

using model::HostState;
using model::ServiceState;
using model::StateType;

void assign_text(model::CompactString& field, std::string_view value) {
    if (field.view() != value) {
        field = value;
    }
}

// A passive host result that says UNREACHABLE (normalize_code's value for it).
constexpr int kPassiveUnreachable = 102;

// Sets the new state from the (normalized) code and stamps last_state_update and last_time_*.
// Returns whether the state changed.
bool set_state(EngineState& s, ElementId e, int code, bool active, EpochSeconds now) {
    const auto stamp = std::floor(now);
    if (is_host(s, e)) {
        model::Host& h = s.cfg.hosts[s.elements.host_index(e)];
        h.last_state = h.state;
        if (code == 0) {
            h.state = HostState::up;
            h.last_time_up = stamp;
        } else if ((active && all_parents_down(s, e)) || code == kPassiveUnreachable) {
            h.state = HostState::unreachable;
            h.last_time_unreachable = stamp;
        } else {
            h.state = HostState::down;
            h.last_time_down = stamp;
        }
        h.last_state_update = now;
        return h.state != h.last_state;
    }
    model::Service& sv = s.cfg.services[s.elements.service_index(e)];
    sv.last_state = sv.state;
    switch (code) {
        case 0:
            sv.state = ServiceState::ok;
            sv.last_time_ok = stamp;
            break;
        case 1:
            sv.state = ServiceState::warning;
            sv.last_time_warning = stamp;
            break;
        case 2:
            sv.state = ServiceState::critical;
            sv.last_time_critical = stamp;
            break;
        default:
            sv.state = ServiceState::unknown;
            sv.last_time_unknown = stamp;
            break;
    }
    sv.last_state_update = now;
    return sv.state != sv.last_state;
}

bool last_state_ok(const EngineState& s, ElementId e) {
    if (is_host(s, e)) {
        HostState last = s.cfg.hosts[e].last_state;
        return last == HostState::up || last == HostState::pending;
    }
    ServiceState last = s.cfg.services[s.elements.service_index(e)].last_state;
    return last == ServiceState::ok || last == ServiceState::pending;
}

bool last_state_pending(const EngineState& s, ElementId e) {
    if (is_host(s, e)) {
        return s.cfg.hosts[e].last_state == HostState::pending;
    }
    return s.cfg.services[s.elements.service_index(e)].last_state == ServiceState::pending;
}

int last_state_id(const EngineState& s, ElementId e) {
    if (is_host(s, e)) {
        return model::state_id(s.cfg.hosts[e].last_state);
    }
    return model::state_id(s.cfg.services[s.elements.service_index(e)].last_state);
}

bool is_volatile(const EngineState& s, ElementId e) {
    return !is_host(s, e) && s.cfg.services[s.elements.service_index(e)].is_volatile;
}

// UNKNOWN (services) and UNREACHABLE (hosts) in a HARD problem are not new problems by
// themselves: CRITICAL -> UNKNOWN -> CRITICAL notifies once (Shinken).
bool is_unknown_like(const EngineState& s, ElementId e, bool last) {
    if (is_host(s, e)) {
        const model::Host& h = s.cfg.hosts[e];
        return (last ? h.last_state : h.state) == HostState::unreachable;
    }
    const model::Service& sv = s.cfg.services[s.elements.service_index(e)];
    return (last ? sv.last_state : sv.state) == ServiceState::unknown;
}

void update_hard_unknown_phase(EngineState& s, ElementId e) {
    ElementRuntime& r = s.rt[e];
    const model::Checkable& c = checkable(s, e);
    const bool was = (r.flags & kHardUnknownPhase) != 0;
    r.flags = static_cast<std::uint16_t>(was ? (r.flags | kWasInHardUnknownPhase)
                                             : (r.flags & ~kWasInHardUnknownPhase));
    bool in = was;
    if (c.state_type != StateType::hard || c.last_state_type != StateType::hard) {
        in = false;
    }
    if (!in) {
        if (is_unknown_like(s, e, false) && !is_unknown_like(s, e, true)) {
            r.flags |= kHardUnknownPhase;
            r.state_before_phase = static_cast<std::uint8_t>(last_state_id(s, e));
            return;
        }
    } else if (!is_unknown_like(s, e, false)) {
        in = false;
    }
    r.flags = static_cast<std::uint16_t>(in ? (r.flags | kHardUnknownPhase)
                                            : (r.flags & ~kHardUnknownPhase));
    // Leaving the phase in another state than the one it was entered from is a new problem.
    if (!in && was && state_id(s, e) != r.state_before_phase) {
        r.flags = static_cast<std::uint16_t>(r.flags & ~kWasInHardUnknownPhase);
    }
}

void add_attempt(model::Checkable& c) {
    c.attempt = std::min(c.attempt + 1, std::max(1, c.max_check_attempts));
}

// Entering a HARD problem: everything Shinken does at that moment.
void hard_problem(EngineState& s, ElementId e) {
    log_alert(s, e);
    remove_in_progress_notifications(s, e);
    start_flexible_downtimes(s, e);
    create_notification(s, e, NotificationType::problem);
    run_event_handlers(s, e);
}

int normalize_code(EngineState& s, ElementId e, int code, bool passive) {
    if (is_host(s, e) && passive) {
        // Passive host results say the state itself: 0 UP, 1 DOWN, 2 UNREACHABLE (Nagios).
        return code == 0 ? 0 : (code == 2 ? kPassiveUnreachable : 2);
    }
    if (code < 0 || code > 3) {
        code = 3;
    }
    if (is_host(s, e)) {
        // Nagios: WARNING from a host check is UP, unless aggressive host checking says DOWN.
        if (code == 1) {
            return s.cfg.globals.use_aggressive_host_checking ? 2 : 0;
        }
    }
    return code;
}

void apply_transition(EngineState& s, ElementId e, bool ok, bool dependent, bool changed) {
    model::Checkable& c = checkable(s, e);
    const int max = std::max(1, c.max_check_attempts);
    const bool last_ok = last_state_ok(s, e);
    ElementRuntime& r = s.rt[e];
    if (ok && last_ok) {
        unacknowledge(s, e);
        if (c.state_type == StateType::soft && !last_state_pending(s, e)) {
            c.state_type = c.attempt >= max ? StateType::hard : StateType::soft;
        } else {
            c.attempt = 1;
            c.state_type = StateType::hard;
        }
    } else if (ok) {
        unacknowledge(s, e);
        if (c.state_type == StateType::soft) {
            if (!dependent) {
                add_attempt(c);
            }
            log_alert(s, e);  // "OK;SOFT;n": a soft recovery, logged, handled, not notified
            run_event_handlers(s, e);
        } else {
            log_alert(s, e);
            remove_in_progress_notifications(s, e);
            create_notification(s, e, NotificationType::recovery);
            run_event_handlers(s, e);
        }
        c.state_type = StateType::hard;
        c.attempt = 1;
    } else if (is_volatile(s, e)) {
        // Every non-OK result of a volatile service is a new HARD problem.
        c.attempt = 1;
        c.state_type = StateType::hard;
        hard_problem(s, e);
    } else if (last_ok) {
        c.attempt = 1;
        if (max <= 1) {
            c.state_type = StateType::hard;
            hard_problem(s, e);
        } else {
            c.state_type = StateType::soft;
            log_alert(s, e);
            start_flexible_downtimes(s, e);
            run_event_handlers(s, e);
        }
    } else if (c.state_type == StateType::soft) {
        if (!dependent) {
            add_attempt(c);
        }
        if (c.attempt >= max) {
            c.state_type = StateType::hard;
            hard_problem(s, e);
        } else {
            log_alert(s, e);
            start_flexible_downtimes(s, e);
            run_event_handlers(s, e);
        }
    } else if (changed) {
        // HARD problem to another problem state (WARNING -> CRITICAL): a new problem, unless
        // it is a CRITICAL -> UNKNOWN -> CRITICAL round trip.
        update_hard_unknown_phase(s, e);
        if ((r.flags & (kHardUnknownPhase | kWasInHardUnknownPhase)) == 0) {
            unacknowledge_if_not_sticky(s, e);
            log_alert(s, e);
            remove_in_progress_notifications(s, e);
            create_notification(s, e, NotificationType::problem);
            run_event_handlers(s, e);
        }
    } else if ((r.flags & kDowntimeDuringLastCheck) != 0) {
        // A downtime ended during the problem: notify it again now that notifications are
        // allowed (Shinken's in_scheduled_downtime_during_last_check).
        remove_in_progress_notifications(s, e);
        create_notification(s, e, NotificationType::problem);
    }
}

}  // namespace

void update_event_and_problem_ids(EngineState& s, ElementId e) {
    model::Checkable& c = checkable(s, e);
    const bool pending_before = last_state_pending(s, e);
    const bool ok_now = state_id(s, e) == 0;
    const bool changed = state_id(s, e) != last_state_id(s, e);
    if (!((changed && !pending_before) || (!ok_now && pending_before))) {
        return;
    }
    c.last_event_id = c.current_event_id;
    c.current_event_id = ++s.ids.event_id;
    const bool last_ok = last_state_id(s, e) == 0 && !pending_before;
    if (!ok_now && (pending_before || last_ok)) {
        c.last_problem_id = c.current_problem_id;
        c.current_problem_id = ++s.ids.problem_id;
    } else if (ok_now) {
        c.last_problem_id = c.current_problem_id;
        c.current_problem_id = 0;
    }
    touch_global(s);
}

void consume_check_result(EngineState& s, ElementId e, const CheckOutcome& o) {
    model::Checkable& c = checkable(s, e);
    const EpochSeconds now = s.now();
    const bool host = is_host(s, e);

    double latency = o.passive || o.due <= 0 ? 0 : std::max(0.0, o.check_time - o.due);
    c.latency = latency;
    c.execution_time = std::max(0.0, o.execution_time);
    c.last_chk = std::floor(o.check_time);
    c.has_been_checked = true;
    c.check_type = o.passive ? model::CheckType::passive : model::CheckType::active;

    std::string bounded;
    std::string_view output = o.output;
    if (o.exit_status < 0 || o.exit_status > 3) {
        bounded = "(Return code of " + std::to_string(o.exit_status) + " is out of bounds)";
        if (!o.output.empty()) {
            bounded += ' ';
            bounded += o.output;
        }
        output = bounded;
    }
    assign_text(c.output, output);
    assign_text(c.long_output, o.long_output);
    if (s.cfg.globals.process_performance_data && c.process_perf_data) {
        if (c.perf_data.view() != o.perf_data || c.last_perf_data.view() != o.perf_data) {
            c.last_perf_data = std::move(c.perf_data);
            c.perf_data = o.perf_data;
        }
    }

    const int code = normalize_code(s, e, o.exit_status, o.passive);
    c.last_state_type = c.state_type;
    const bool changed = set_state(s, e, code, !o.passive, now);
    const bool was_ok = last_state_ok(s, e);  // pending counts as OK, as Nagios starts UP
    if (changed) {
        c.last_state_change = now;
    }
    const bool ok = code == 0;
    apply_transition(s, e, ok, (o.flags & kCheckDependent) != 0, changed);

    update_hard_unknown_phase(s, e);
    s.rt[e].flags = static_cast<std::uint16_t>(s.rt[e].flags & ~kDowntimeDuringLastCheck);
    if (c.state_type == model::StateType::hard) {
        if (host) {
            model::Host& h = s.cfg.hosts[e];
            h.last_hard_state = h.state;
        } else {
            model::Service& sv = s.cfg.services[s.elements.service_index(e)];
            sv.last_hard_state = sv.state;
        }
        if (c.last_state_type == model::StateType::soft || changed) {
            c.last_hard_state_change = now;
        }
    }
    update_event_and_problem_ids(s, e);
    record_flapping(s, e);

    ++s.stats.results;
    if (o.passive) {
        ++s.stats.passive_results;
    }
    s.stats.count_result(now, latency);
    touch_retention(s, e);
    publish_check_result(s, e);

    if (!ok && c.state_type == model::StateType::hard) {
        wake_parked_notifications(s, e);
    }
    if (!o.passive) {
        propagate_checks(s, e, was_ok, changed);
    }
}

}  // namespace yagura::engine::detail
