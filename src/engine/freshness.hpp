#pragma once

#include "state.hpp"

// Freshness of passive elements: when no result came for freshness_threshold plus
// additional_freshness_latency seconds, inside the check period, the check_command is run.
namespace yagura::engine::detail {

// Whether the element is watched (passive only, check_freshness, threshold, global switch).
bool freshness_watched(const EngineState& s, ElementId e);

// Plans the element's freshness deadline (does nothing when it is not watched).
void plan_freshness_check(EngineState& s, ElementId e);

// At the deadline: still stale and inside the check period? Logs the stale line when so.
bool freshness_check_needed(EngineState& s, ElementId e, EpochSeconds now);

}  // namespace yagura::engine::detail
