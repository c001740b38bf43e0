#pragma once

#include <string>
#include <string_view>

#include "state.hpp"

// The monitoring event log lines, in Nagios 4's exact formats (they are parsed by Livestatus'
// log table, Thruk and the history of every GUI). Each is published as a `log` brok.
namespace yagura::engine::detail {

// SERVICE ALERT / HOST ALERT with the current state, type, attempt and output.
void log_alert(EngineState& s, ElementId e);
// CURRENT SERVICE STATE / CURRENT HOST STATE (log_initial_states).
std::string initial_state_line(const EngineState& s, ElementId e);
// SERVICE NOTIFICATION / HOST NOTIFICATION for one contact and command.
void log_notification(EngineState& s, ElementId e, std::string_view contact, NotificationType type,
                      std::string_view command_name, std::string_view author,
                      std::string_view comment);
// (GLOBAL) SERVICE EVENT HANDLER / (GLOBAL) HOST EVENT HANDLER.
void log_event_handler(EngineState& s, ElementId e, std::string_view handler, bool global);
// SERVICE FLAPPING ALERT / HOST FLAPPING ALERT: STARTED, STOPPED, DISABLED.
enum class FlapEvent { started, stopped, disabled };
void log_flapping(EngineState& s, ElementId e, FlapEvent event, double percent, double threshold);
// SERVICE DOWNTIME ALERT / HOST DOWNTIME ALERT: STARTED, STOPPED, CANCELLED.
enum class DowntimeEvent { started, stopped, cancelled };
void log_downtime(EngineState& s, ElementId e, DowntimeEvent event);
// PASSIVE SERVICE CHECK / PASSIVE HOST CHECK (log_passive_checks).
void log_passive_check(EngineState& s, ElementId e, int code, std::string_view output);
// "Warning: The results of service 'x' on host 'y' are stale by ..."
void log_stale(EngineState& s, ElementId e, double stale_by, double threshold);

// "1d 2h 3m 4s" as Nagios prints durations.
std::string dhms(double seconds);

}  // namespace yagura::engine::detail
