#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "state.hpp"

// Scheduled downtimes as Nagios runs them: fixed, flexible, triggered, nested
// (scheduled_downtime_depth), with their comments, log lines and notifications.
namespace yagura::engine::detail {

struct DowntimeRequest {
    EpochSeconds start_time = 0;
    EpochSeconds end_time = 0;
    bool fixed = true;
    std::uint64_t trigger_id = 0;
    double duration = 0;  // seconds, flexible downtimes
    std::string author;
    std::string comment;
};

// Checks a request the way Nagios does (times, duration, trigger) without changing anything.
std::string validate_downtime(const EngineState& s, const DowntimeRequest& request);

// Adds a downtime to the element (validated before), starts it when it is due already.
// Returns its id.
std::uint64_t schedule_downtime(EngineState& s, ElementId e, const DowntimeRequest& request);

// DEL_*_DOWNTIME: cancels the downtime and those it triggered. False when no element has it.
bool cancel_downtime(EngineState& s, std::uint64_t id);
ElementId downtime_owner(const EngineState& s, std::uint64_t id);

// A problem arrived: flexible downtimes waiting in their window start.
void start_flexible_downtimes(EngineState& s, ElementId e);

void downtime_timer(EngineState& s, ElementId e, std::uint64_t id, bool start, EpochSeconds now);

// The timers of retained downtimes (after a retention load).
void rearm_downtime_timers(EngineState& s, ElementId e);

}  // namespace yagura::engine::detail
