#pragma once

#include <string_view>

#include <yagura/engine/action.hpp>

#include "state.hpp"

// Notifications as Shinken makes them: a contact-less master per event, fanned out when due
// into one child per contact and command, each a reactionner action. Blocking rules, delays,
// intervals and escalations are in docs/scheduler.md, "Notifications".
namespace yagura::engine::detail {

// Creates a master notification (PROBLEM: number = current + 1; its first one waits
// first_notification_delay from the start of the problem; everything is moved into the
// notification_period).
void create_notification(EngineState& s, ElementId e, NotificationType type,
                         std::string_view author = {}, std::string_view comment = {},
                         std::uint8_t options = 0);

// Drops the element's masters and its child notifications not yet handed out (a state
// changed: what they say is stale).
void remove_in_progress_notifications(EngineState& s, ElementId e);

// A parked PROBLEM master (blocked with notification_interval 0) is looked at again.
void wake_parked_notifications(EngineState& s, ElementId e);

// A master's timer fired.
void fire_notification(EngineState& s, ElementId e, std::uint64_t master_id, EpochSeconds now);

// Masters and child notifications of the element still waiting.
std::size_t pending_notifications(const EngineState& s);

}  // namespace yagura::engine::detail
