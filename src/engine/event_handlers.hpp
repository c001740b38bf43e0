#pragma once

#include "state.hpp"

namespace yagura::engine::detail {

// At a SOFT attempt or a HARD change: the global handler then the element's own, as Nagios
// runs them (enable_event_handlers, event_handler_enabled, no_event_handlers_during_downtimes).
void run_event_handlers(EngineState& s, ElementId e);

// LAUNCH_*_EVENT_HANDLER: the element's handler now, whatever the switches. False when the
// element has none.
bool launch_event_handler(EngineState& s, ElementId e);

}  // namespace yagura::engine::detail
