#pragma once

#include "checks.hpp"
#include "state.hpp"

// The SOFT/HARD state machine of Nagios and Shinken (docs/scheduler.md, "States"): one check
// result in, the new state, attempts, timestamps, alerts, event handlers, notifications,
// flapping and on-demand checks out.
namespace yagura::engine::detail {

void consume_check_result(EngineState& s, ElementId e, const CheckOutcome& outcome);

// Shinken's Nagios-compatible event and problem ids ($SERVICEEVENTID$, $SERVICEPROBLEMID$).
void update_event_and_problem_ids(EngineState& s, ElementId e);

}  // namespace yagura::engine::detail
