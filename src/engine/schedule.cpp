#include "schedule.hpp"

#include <algorithm>

#include "broks.hpp"
#include "checks.hpp"
#include "dependencies.hpp"
#include "freshness.hpp"

namespace yagura::engine::detail {

bool active_checks_on(const EngineState& s, ElementId e) {
    const model::Globals& g = s.cfg.globals;
    bool global = is_host(s, e) ? g.execute_host_checks : g.execute_service_checks;
    return global && checkable(s, e).active_checks_enabled;
}

double check_interval_seconds(const EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    double units = (c.state_type == model::StateType::hard || c.retry_interval <= 0)
                       ? c.check_interval
                       : c.retry_interval;
    return units * interval_length(s);
}

double check_spread_seconds(const EngineState& s, ElementId e) {
    const model::Globals& g = s.cfg.globals;
    int minutes = is_host(s, e) ? g.max_host_check_spread : g.max_service_check_spread;
    return std::max(0, minutes) * interval_length(s);
}

void set_next_check(EngineState& s, ElementId e, EpochSeconds t) {
    model::Checkable& c = checkable(s, e);
    if (c.next_chk != t) {
        c.next_chk = t;
        touch_retention(s, e);
    }
}

namespace {

void plan_at(EngineState& s, ElementId e, EpochSeconds t, std::uint8_t flags) {
    ElementRuntime& r = s.rt[e];
    s.due.set(e, t);
    r.check_state = CheckState::scheduled;
    r.pending_check_flags = flags;
    set_next_check(s, e, t);
    publish_next_schedule(s, e);
}

// The first valid time of the check period at or after t, or nullopt (logged) when none.
std::optional<EpochSeconds> in_check_period(EngineState& s, ElementId e, EpochSeconds t) {
    Index period = checkable(s, e).links.check_period;
    if (period == kNoIndex) {
        return t;
    }
    auto next = s.calendar.next_valid(period, static_cast<std::time_t>(t));
    if (!next) {
        s.log->warn(
            "I cannot schedule the check for {} because there is no future valid "
            "time in its check_period",
            element_name(s, e));
        return std::nullopt;
    }
    return std::max<EpochSeconds>(t, static_cast<EpochSeconds>(*next));
}

}  // namespace

void plan_next_check(EngineState& s, ElementId e, EpochSeconds base) {
    ElementRuntime& r = s.rt[e];
    if (r.check_state != CheckState::idle) {
        return;
    }
    if (!active_checks_on(s, e)) {
        plan_freshness_check(s, e);
        return;
    }
    double interval = check_interval_seconds(s, e);
    if (interval <= 0) {
        return;  // services: no regular checks; hosts: checked on demand only (Nagios)
    }
    const EpochSeconds now = s.now();
    double window = std::min(interval, check_spread_seconds(s, e));
    EpochSeconds t = 0;
    if (base <= 0) {
        t = now + window * s.rng.uniform();
    } else {
        // From the previous due time, not the result time: checks keep their rhythm.
        t = base + interval;
        if (t < now) {
            t = now + window * s.rng.uniform();
        }
    }
    auto valid = in_check_period(s, e, t);
    if (!valid) {
        return;
    }
    plan_at(s, e, *valid, kCheckScheduled);
}

bool request_check(EngineState& s, ElementId e, EpochSeconds t, std::uint8_t check_flags) {
    ElementRuntime& r = s.rt[e];
    const bool forced = (check_flags & kCheckForced) != 0;
    if (!forced && !active_checks_on(s, e) && (check_flags & kCheckFreshness) == 0) {
        return false;
    }
    switch (r.check_state) {
        case CheckState::in_flight:
            return false;  // its result is on the way
        case CheckState::ready:
            r.pending_check_flags |= check_flags & kCheckForced;
            return true;
        case CheckState::scheduled: {
            const bool planned_forced = (r.pending_check_flags & kCheckForced) != 0;
            const EpochSeconds planned = s.due.due_of(e);
            bool replace = planned_forced ? (forced && t < planned) : (forced || t < planned);
            if (!replace) {
                return false;
            }
            break;
        }
        case CheckState::idle:
            break;
    }
    plan_at(s, e, t, check_flags);
    return true;
}

void unplan_check(EngineState& s, ElementId e) {
    ElementRuntime& r = s.rt[e];
    if (r.check_state == CheckState::scheduled) {
        s.due.erase(e);
        r.check_state = CheckState::idle;
    } else if (r.check_state == CheckState::ready) {
        ++r.ready_generation;  // its ready entry is now stale
        r.check_state = CheckState::idle;
    }
    r.pending_check_flags = 0;
}

void start_scheduling(EngineState& s) {
    s.started = true;
    const EpochSeconds now = s.now();
    for (ElementId e = 0; e < s.elements.size(); ++e) {
        EpochSeconds retained = checkable(s, e).next_chk;
        if (retained > now && active_checks_on(s, e) && check_interval_seconds(s, e) > 0) {
            // A check planned before a restart or failover keeps its time.
            plan_at(s, e, retained, kCheckScheduled);
            continue;
        }
        plan_next_check(s, e, 0);
    }
}

void promote_due_checks(EngineState& s, EpochSeconds now) {
    while (!s.due.empty() && s.due.top().due <= now) {
        DueHeap::Entry entry = s.due.pop();
        const ElementId e = entry.element;
        ElementRuntime& r = s.rt[e];
        r.check_state = CheckState::idle;
        std::uint8_t flags = r.pending_check_flags;
        r.pending_check_flags = 0;
        if ((flags & kCheckFreshness) != 0) {
            if (!freshness_check_needed(s, e, now)) {
                plan_next_check(s, e, 0);
                continue;
            }
        } else if ((flags & kCheckForced) == 0) {
            if (!active_checks_on(s, e)) {
                plan_next_check(s, e, 0);
                continue;
            }
            auto valid = in_check_period(s, e, now);
            if (!valid) {
                continue;
            }
            if (*valid > now) {
                plan_at(s, e, *valid, flags);
                continue;
            }
            if (execution_dependency_failed(s, e, now)) {
                ++s.stats.execution_skipped;
                plan_next_check(s, e, entry.due);
                continue;
            }
        }
        make_ready(s, e, entry.due, flags);
    }
}

}  // namespace yagura::engine::detail
