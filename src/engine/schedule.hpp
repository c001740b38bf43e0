#pragma once

#include "state.hpp"

// When each element is checked: the due heap, the spread of first checks, intervals, check
// periods, forced and on-demand checks, freshness deadlines of passive elements.
namespace yagura::engine::detail {

// Active checks are on for the element and program-wide.
bool active_checks_on(const EngineState& s, ElementId e);
// Seconds until the next regular check: check_interval in HARD (or when retry_interval is
// 0), retry_interval in SOFT, in interval_length units.
double check_interval_seconds(const EngineState& s, ElementId e);
// max_{host,service}_check_spread in seconds.
double check_spread_seconds(const EngineState& s, ElementId e);

// Plans the first check of every element (spread, or the retained next_chk).
void start_scheduling(EngineState& s);

// Plans the element's next regular check after one that was due at `base` (0: a first
// check, spread over min(interval, max check spread)). Passive-only elements watched for
// freshness get their freshness deadline instead. Does nothing if a check is already planned,
// due or in flight.
void plan_next_check(EngineState& s, ElementId e, EpochSeconds base);

// Asks for a check at `t` (SCHEDULE_*_CHECK, on-demand checks of parents and hosts). As in
// Nagios, a forced request replaces any non-forced plan; otherwise the earlier one wins.
// Non-forced requests need active checks on. Returns whether a check is now planned at `t`.
bool request_check(EngineState& s, ElementId e, EpochSeconds t, std::uint8_t check_flags);

// Drops the planned check (active checks disabled). A check in flight still comes back.
void unplan_check(EngineState& s, ElementId e);

// Moves every check due at `now` to its route's ready queue, or runs it at once when it is
// internal, and skips those whose execution dependencies failed.
void promote_due_checks(EngineState& s, EpochSeconds now);

// The next_chk users see for an element with nothing planned.
void set_next_check(EngineState& s, ElementId e, EpochSeconds t);

}  // namespace yagura::engine::detail
