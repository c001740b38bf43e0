#pragma once

#include "state.hpp"

// Flap detection (Nagios): a weighted share of state changes among the last flap_history
// recorded results, from 0.8 for the oldest to 1.2 for the newest.
namespace yagura::engine::detail {

// Records the element's new state (HARD states and recoveries whose letter is in
// flap_detection_options) and starts or stops flapping.
void record_flapping(EngineState& s, ElementId e);

// The weighted percent of state changes of a history.
double percent_state_change(const model::FlapHistory& history, int flap_history);

// Flap detection was turned off for the element or program-wide: a flapping element stops
// flapping with the "disabled" log line and a FLAPPINGDISABLED notification.
void flap_detection_disabled(EngineState& s, ElementId e);

// CLEAR_*_FLAPPING_STATE.
void clear_flapping_state(EngineState& s, ElementId e);

}  // namespace yagura::engine::detail
