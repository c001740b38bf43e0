#pragma once

#include <string>
#include <vector>

#include <yagura/engine/action.hpp>

#include "state.hpp"

// Checks between "due" and "consumed": the ready queues per poller route, handing out,
// internal checks (_internal_host_up, _echo), orphans, results.
namespace yagura::engine::detail {

// A check result on its way into the state machine.
struct CheckOutcome {
    int exit_status = 3;
    std::string_view output;
    std::string_view long_output;
    std::string_view perf_data;
    EpochSeconds check_time = 0;  // when it ran; for passive results the command's timestamp
    EpochSeconds due = 0;         // when it was due (latency), 0 for passive results
    double execution_time = 0;
    bool passive = false;
    std::uint8_t flags = 0;  // CheckFlag
};

// A due check waits for a poller (or runs at once when internal).
void make_ready(EngineState& s, ElementId e, EpochSeconds due, std::uint8_t flags);

// Hands out ready checks of the routes the request serves.
std::size_t take_checks(EngineState& s, const WorkerRequest& request, std::vector<Action>& out);
bool has_ready_checks(EngineState& s, const WorkerRequest& request);

// The command line of the element's check with the macros of the moment.
std::string check_command_line(EngineState& s, ElementId e);
double check_timeout(const EngineState& s, ElementId e);

// A worker's result for a check slot: consumed, then the next check planned.
void complete_check(EngineState& s, std::uint32_t slot, const ActionResult& result);

// Actions handed out more than time_to_orphanage seconds ago go back to their queue, with
// Shinken's "N checks never came back for the satellite 'x'" line (every 60 seconds).
void scan_orphans(EngineState& s, EpochSeconds now);

bool route_served(const EngineState& s, const Route& route, const std::vector<std::string>& tags,
                  const std::vector<std::string>& module_types);

}  // namespace yagura::engine::detail
