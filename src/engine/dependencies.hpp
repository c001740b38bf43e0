#pragma once

#include "state.hpp"

// Host and service dependencies, explicit (define hostdependency / servicedependency) and
// implicit (host -> parents, service -> host), as Nagios evaluates them.
namespace yagura::engine::detail {

// execution_failure_criteria: the element's active checks are not run.
bool execution_dependency_failed(EngineState& s, ElementId e, EpochSeconds now);
// notification_failure_criteria: the element's notifications are not sent.
bool notification_dependency_failed(EngineState& s, ElementId e, EpochSeconds now);

// A DOWN host whose parents are all down or unreachable is UNREACHABLE (Nagios 4,
// determine_host_reachability): true when it has parents and none is UP or pending.
bool all_parents_down(const EngineState& s, ElementId host);

// On-demand checks Nagios runs after a result: the parents and children of a host that
// changed state, the host of a service that went wrong.
void propagate_checks(EngineState& s, ElementId e, bool was_ok, bool changed);

// A check the element's notifications should wait for: an on-demand check of its host (for a
// service) or of a parent (for a host) is due or in flight.
bool waiting_for_dependency_check(const EngineState& s, ElementId e);

}  // namespace yagura::engine::detail
