#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/exec/action.hpp>
#include <yagura/satellite/config.hpp>

// The satellite's side of the scheduler protocol (/work/briefs/protocol.md, docs/api.md):
// the GET /get_checks query, its answer, and the POST /put_results body.
namespace yagura::satellite {

// What GET /get_checks asks for.
struct ChecksQuery {
    Role role = Role::poller;
    std::vector<std::string> tags = {"None"};
    std::string worker_name;
    std::size_t max_actions = 1;
    double wait = 0;  // seconds of long poll; 0 answers at once
};

// "/get_checks?do_checks=1&do_actions=0&poller_tags=None,DMZ&worker_name=...&module_types=fork
//  &max_actions=N&wait=S", values percent-encoded.
std::string checks_target(const ChecksQuery& query);

// One action handed out by a scheduler, ready to run.
struct ActionOrder {
    std::string id;
    exec::ActionKind kind = exec::ActionKind::service_check;
    std::string command;
    double timeout = 0;            // seconds; 0 when the scheduler gave none
    std::vector<std::string> env;  // "NAME=value", from the "env" map
    std::string host_name;
    std::string service_description;
    double t_to_go = 0;  // when it was due (epoch)
};

// An action that cannot be run as sent. With an id, the scheduler gets an UNKNOWN result
// that says why (rather than waiting for its own timeout); without one, it is only logged.
struct RejectedAction {
    std::string id;
    std::string reason;
};

struct ChecksAnswer {
    std::string running_id;
    std::optional<int> part_id;
    std::vector<ActionOrder> actions;
    std::vector<RejectedAction> rejected;
};

// Reads a get_checks answer. Throws core::Error(invalid_input) when the answer as a whole is
// unusable (not an object, no running_id, "actions" not an array); a single malformed action
// goes to `rejected` and the others are kept.
ChecksAnswer parse_checks_answer(const nlohmann::json& answer);

// How the satellite turns an order into a plugin run.
struct RunDefaults {
    double timeout = 60;  // when the order has none (service_check_timeout, notification_timeout)
    int timeout_exit_status = 2;
    std::size_t max_output = 8192;
};

exec::Command command_for(const ActionOrder& order, const RunDefaults& defaults);

// One entry of a put_results body, serialised: {"id", "exit_status", "output", "long_output",
// "perf_data", "start_time", "end_time", "execution_time", "timed_out"}.
std::string result_entry(const std::string& id, const exec::Result& result);
// The entry for a rejected action: UNKNOWN (3) with the reason in the output.
std::string rejected_entry(const RejectedAction& rejected, double now);

// {"results": [entries...]} from serialised entries.
std::string put_results_body(const std::vector<const std::string*>& entries);

// {"accepted": n, "unknown": n}; missing counts are 0. Throws core::Error(invalid_input) if
// the answer is not an object.
struct PutResultsAnswer {
    std::size_t accepted = 0;
    std::size_t unknown = 0;
};
PutResultsAnswer parse_put_results_answer(const nlohmann::json& answer);

}  // namespace yagura::satellite
