#pragma once

#include <vector>

#include "state.hpp"

// Escalations (Shinken's `define escalation`, which host and service escalations become):
// by notification number, or by time since the notification began, within
// escalation_period and for the states of escalation_options.
namespace yagura::engine::detail {

// Time-based when it sets first_notification_time or last_notification_time.
bool time_based(const model::Escalation& es);

bool escalation_eligible(EngineState& s, const model::Escalation& es, EpochSeconds t,
                         char state_letter, int number, double seconds_since_creation);

// The contacts of every escalation eligible for the master (empty: none is), and marks them
// started on the master.
std::vector<Index> escalated_contacts(EngineState& s, ElementId e, MasterNotification& m,
                                      EpochSeconds now);

// When a PROBLEM master fires next: notification_interval later (an eligible escalation's
// smaller interval wins), earlier when a time-based escalation not yet started begins before.
EpochSeconds next_notification_time(EngineState& s, ElementId e, const MasterNotification& m,
                                    EpochSeconds now);

}  // namespace yagura::engine::detail
