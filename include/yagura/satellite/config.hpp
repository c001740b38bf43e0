#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

// What the arbiter tells a poller or a reactionner: the schedulers to serve and the tuning
// attributes of its own `define poller` / `define reactionner` link.
namespace yagura::satellite {

// Pollers run checks; reactionners run notifications and event handlers. Everything else is
// shared.
enum class Role { poller, reactionner };

std::string_view to_string(Role role);
// "poller_tags" or "reactionner_tags": the link attribute and the get_checks parameter.
std::string_view tags_key(Role role);

// One scheduler to pull actions from, as put_conf describes it.
struct SchedulerEntry {
    int part_id = 0;
    std::string flavor;
    std::string name;
    std::string address;
    std::uint16_t port = 7768;
    bool use_ssl = false;
    double timeout = 3;         // seconds: connecting and short calls
    double data_timeout = 120;  // seconds: calls that move data

    // The peer itself: a new part or flavor on the same scheduler is the same peer (its
    // results stay owed to it); another address, port or transport is another peer.
    std::string peer_key() const;
};

// The satellite's own link attributes, with Shinken's names and the model's defaults.
struct WorkerSettings {
    std::string name;                          // poller_name / reactionner_name, if given
    std::vector<std::string> tags = {"None"};  // poller_tags / reactionner_tags
    int min_workers = 0;                       // 0: one per CPU
    int max_workers = 0;                       // min_workers (0 there: one per CPU); Shinken: 30
    int processes_by_worker = 256;
    int max_q_size = 0;
    int q_factor = 0;
    int results_batch = 0;  // 0: all pending (in requests of kMaxResultsPerRequest)
    // Optional in the link (globals of the configuration in Shinken): the exit status of a
    // timed out action, and how much of a plugin's output is kept.
    int timeout_exit_status = 2;
    std::size_t max_plugins_output_length = 8192;
};

struct SatelliteConfig {
    std::vector<SchedulerEntry> schedulers;
    WorkerSettings link;
};

// Reads the satellite part of a put_conf body: {"schedulers": [...], "link": {...}}. Numbers
// may be JSON numbers or numeric strings, tags an array or a comma-separated string. Throws
// core::Error(invalid_input) naming the faulty field ("schedulers[1].port: ...") and returns
// nothing on error. Unknown keys are ignored (the link carries many).
SatelliteConfig parse_satellite_config(const nlohmann::json& body, Role role);
nlohmann::json to_json(const SatelliteConfig& config, Role role);

// How many actions the satellite holds at once, from the Shinken knobs. There are no worker
// processes here (one event loop runs every plugin), so:
//   workers  = max_workers, raised to min_workers when it is below it (as Shinken always
//              starts min_workers); with max_workers 0, min_workers, and 0 there means one
//              per CPU;
//   running  = workers x processes_by_worker: plugins running at once;
//   queued   = actions held beyond those, waiting for a running slot: max_q_size when set,
//              else q_factor x running, else none, so a satellite asks a scheduler only for
//              what it can start now and the rest waits in the scheduler, where another
//              satellite can take it.
struct Capacity {
    std::size_t workers = 0;
    std::size_t running = 0;
    std::size_t queued = 0;
    std::size_t total() const { return running + queued; }
};

Capacity capacity_of(const WorkerSettings& link, unsigned cpus);

// The most results one put_results request carries, whatever results_batch says, so that a
// backlog after a long scheduler outage goes back in requests of a reasonable size.
inline constexpr std::size_t kMaxResultsPerRequest = 2000;

}  // namespace yagura::satellite
