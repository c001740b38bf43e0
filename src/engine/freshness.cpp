#include "freshness.hpp"

#include <algorithm>

#include "log_lines.hpp"
#include "schedule.hpp"

namespace yagura::engine::detail {

namespace {

// freshness_threshold, or Nagios' automatic one: the interval the results should come at,
// plus the last latency.
double threshold_of(const EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    if (c.freshness_threshold > 0) {
        return c.freshness_threshold;
    }
    return check_interval_seconds(s, e) + c.latency;
}

EpochSeconds deadline(const EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    EpochSeconds base = c.has_been_checked ? c.last_state_update : s.program_start;
    base = std::max(base, s.program_start);
    return base + threshold_of(s, e) + s.cfg.globals.additional_freshness_latency;
}

}  // namespace

bool freshness_watched(const EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    const model::Globals& g = s.cfg.globals;
    const bool global = is_host(s, e) ? g.check_host_freshness : g.check_service_freshness;
    return global && c.check_freshness && c.passive_checks_enabled && !active_checks_on(s, e) &&
           threshold_of(s, e) > 0;
}

void plan_freshness_check(EngineState& s, ElementId e) {
    ElementRuntime& r = s.rt[e];
    if (r.check_state != CheckState::idle || !freshness_watched(s, e)) {
        return;
    }
    EpochSeconds t = std::max(deadline(s, e), s.now());
    Index period = checkable(s, e).links.check_period;
    if (period != kNoIndex) {
        auto next = s.calendar.next_valid(period, static_cast<std::time_t>(t));
        if (!next) {
            return;
        }
        t = std::max<EpochSeconds>(t, static_cast<EpochSeconds>(*next));
    }
    s.due.set(e, t);
    r.check_state = CheckState::scheduled;
    r.pending_check_flags = kCheckFreshness;
}

bool freshness_check_needed(EngineState& s, ElementId e, EpochSeconds now) {
    if (!freshness_watched(s, e)) {
        return false;
    }
    EpochSeconds expires = deadline(s, e);
    if (now < expires || !in_period(s, checkable(s, e).links.check_period, now)) {
        return false;
    }
    log_stale(s, e, now - expires, threshold_of(s, e));
    return true;
}

}  // namespace yagura::engine::detail
