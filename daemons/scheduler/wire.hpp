#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <yagura/engine/action.hpp>

namespace yagura::net {
struct Request;
}

// The scheduler's side of the wire (protocol.md "Scheduler"): reading what pollers,
// reactionners and brokers send, writing what they read. Every reader validates the whole
// input before anything is applied and throws core::Error(invalid_input) naming the field at
// fault (the router answers 400), so a malformed request changes nothing.
namespace yagura::scheduler {

// The longest long poll a caller may ask for; longer waits are cut to this.
inline constexpr double kMaxWaitSeconds = 300;

struct ChecksRequest {
    engine::WorkerRequest worker;
    double wait = 0;  // seconds of long poll, 0: answer at once
};

// GET /get_checks?do_checks=1&do_actions=0&poller_tags=None,DMZ&reactionner_tags=...
//   &worker_name=poller-1&module_types=fork&max_actions=N&wait=S
ChecksRequest parse_checks_request(const net::Request& request);

// The "wait" parameter of a long poll: absent 0, else 0..kMaxWaitSeconds.
double parse_wait(const net::Request& request);

// {"running_id", "part_id", "actions": [...]}; part_id is null when no part runs.
std::string checks_answer(const std::string& running_id, std::optional<std::int64_t> part_id,
                          const std::vector<engine::Action>& actions);

// The body of POST /put_results, parsed and checked (wire_results.cpp): {"results": [{"id",
// "exit_status" (or Shinken's "return_code"), "output", "long_output", "perf_data",
// "start_time", "end_time", "execution_time", "timed_out"}, ...]}. The texts of `results` are
// views into `text`, which the batch owns: keep the batch alive while using them. (A vector,
// not a string: moving a vector keeps its buffer, moving a short string would not.)
struct ResultsBatch {
    std::vector<char> text;
    std::vector<engine::ActionResult> results;
};
ResultsBatch parse_results(const std::string& body);

// {"running_id", "part_id", "broks": [brok JSON texts spliced in as they are]}.
std::string broks_answer(const std::string& running_id, std::optional<std::int64_t> part_id,
                         const std::vector<std::string>& broks);

// The "commands" of POST /run_external_commands: each entry a string, or an error for it.
struct CommandEntry {
    std::string line;
    std::string error;  // set when the entry is not a usable command line
};
std::vector<CommandEntry> parse_commands(const std::string& body);

}  // namespace yagura::scheduler
