#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// What the engine hands to pollers and reactionners, and what they give back: the "actions"
// and "results" of GET /get_checks and POST /put_results (protocol.md).
namespace yagura::engine {

enum class ActionKind : std::uint8_t { check, notification, event_handler };

// "check", "notification", "eventhandler": the protocol's names.
std::string_view to_string(ActionKind kind);

// A worker's pull (GET /get_checks). Tags match exactly; "None" stands for untagged actions.
struct WorkerRequest {
    bool do_checks = true;    // pollers: host and service checks
    bool do_actions = false;  // reactionners: notifications and event handlers
    std::vector<std::string> poller_tags{"None"};
    std::vector<std::string> reactionner_tags{"None"};
    std::vector<std::string> module_types{"fork"};
    std::string worker_name = "none";
    std::size_t max_actions = 0;  // 0: no limit
};

// One action handed out. The string views point into the engine's configuration and stay
// valid while the engine lives; `command` is owned.
struct Action {
    std::string id;  // unique within the engine's life; results name it
    ActionKind kind = ActionKind::check;
    std::string command;  // fully expanded command line
    double timeout = 0;   // seconds
    std::string_view host_name;
    std::string_view service_description;  // empty for host actions
    double t_to_go = 0;                    // when it was due (epoch seconds)
    int priority = 100;                    // lower first
    std::string_view module_type;          // "fork" unless the command says otherwise
    std::string_view contact_name;         // notifications only
    std::string_view notification_type;    // notifications only: PROBLEM, RECOVERY, ...
};

// A worker's result for one action (POST /put_results). Views: the engine copies what it
// keeps before put_results returns.
struct ActionResult {
    std::string_view id;
    int exit_status = 3;
    std::string_view output;
    std::string_view long_output;
    std::string_view perf_data;
    double start_time = 0;  // 0: the engine's now
    double end_time = 0;
    double execution_time = 0;
    bool timed_out = false;
};

struct PutResultsSummary {
    std::size_t accepted = 0;
    std::size_t unknown = 0;  // ids the engine does not know (restart, orphan handed out again)
};

}  // namespace yagura::engine
