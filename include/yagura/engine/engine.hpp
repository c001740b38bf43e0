#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/engine/action.hpp>

namespace yagura::model {
struct Config;
}
namespace yagura::engine::detail {
struct EngineState;
}

// The scheduler's monitoring logic for one part (shard) of the configuration, as a
// deterministic state machine: its inputs are the shard, check results, external commands and
// the clock; its outputs are actions for pollers and reactionners, broks for brokers and
// retention records. No sockets, no threads, no wall clock: the daemon drives it from its
// io_context, a test or a simulation from a FakeClock. Not thread safe.
//
// The daemon's loop:
//   Engine engine(std::move(linked_shard), settings, clock);
//   engine.load_retention(records);            // once, before the first tick
//   loop: engine.tick(); sleep until engine.next_wakeup() or a request arrives
//   GET /get_checks       -> engine.take_actions(request, out)   (long poll: has_actions)
//   POST /put_results     -> engine.put_results(results)
//   GET /get_broks        -> engine.pop_broks(broker, max, out)
//   POST /run_external_commands -> engine.run_external_command(line) per line
//   every second          -> engine.take_dirty_records(out) to the retention writer
// See docs/scheduler.md for what the engine does, in the words of its users.
namespace yagura::engine {

struct EngineSettings {
    int part_id = 0;  // instance_id of every brok
    std::string instance_name = "scheduler";
    // Seeds the spread of first checks: the same seed, shard and inputs give the same run.
    std::uint64_t seed = 1;
    // Broks a broker may lag behind before it is asked to take a new full dump;
    // 0: 5 x (hosts + services), Shinken's cap.
    std::size_t brok_queue_limit = 0;
    // Epoch of the program start shown in program_status; 0: the clock's now at construction.
    core::EpochSeconds program_start = 0;
};

// One element's retained state, or the part's global counters and switches, as JSON text
// (see docs/scheduler.md "Retention"). The daemon stores it under retention::host_key(...),
// service_key(...) or global_key(...).
struct RetentionRecord {
    enum class Kind : std::uint8_t { global, host, service };
    Kind kind = Kind::host;
    std::string host_name;            // host and service records
    std::string service_description;  // service records
    std::string value;                // JSON object text
};

struct RetentionLoad {
    std::size_t applied = 0;
    std::size_t unknown = 0;  // records for elements this part does not have (skipped)
    std::size_t invalid = 0;  // records that could not be read (skipped, see errors)
    std::vector<std::string> errors;
};

// What became of one external command line.
struct CommandOutcome {
    enum class Status : std::uint8_t {
        applied,   // done
        not_here,  // valid, but names a group, contact or id this part does not have
        rejected,  // malformed, unknown command or object, wrong argument: nothing changed
    };
    Status status = Status::applied;
    std::string message;  // why, for not_here and rejected

    bool applied() const { return status == Status::applied; }
};

class Engine {
public:
    // `shard` must be linked (every `links` member filled) and its command lines compiled.
    // The engine owns it and works on its objects in place.
    Engine(model::Config shard, EngineSettings settings, const core::Clock& clock);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    const model::Config& config() const;
    const EngineSettings& settings() const;

    // Applies retained records to the fresh shard. Call once, before the first tick():
    // records of elements the shard lacks are skipped; a configured value (check_interval...)
    // wins over the retained one unless a command had changed it (modified_attributes).
    RetentionLoad load_retention(std::span<const RetentionRecord> records);

    // Does all the work due at the clock's now: schedules and spreads checks, runs internal
    // checks, starts and ends downtimes, expires acknowledgements and comments, fans master
    // notifications out, checks freshness and orphaned actions.
    void tick();

    // When something next becomes due (a check, a notification, a downtime edge...), so the
    // daemon can sleep until then; a far future value when nothing is planned.
    core::EpochSeconds next_wakeup() const;

    // Hands out the due actions matching a worker's request, by priority then due time, and
    // marks them in flight with the worker's name. Appends to `out`; returns how many.
    std::size_t take_actions(const WorkerRequest& request, std::vector<Action>& out);
    // Whether take_actions would hand out something now (the long poll waits for it).
    bool has_actions(const WorkerRequest& request);

    // Consumes results, matched by action id; unknown ids are counted and ignored.
    PutResultsSummary put_results(std::span<const ActionResult> results);

    // Runs one external command line ("[ts] NAME;args"). A rejected command changes nothing.
    CommandOutcome run_external_command(std::string_view line);

    // Broks for the broker `broker`: a broker not seen before (or asked to refill) first gets
    // the full initial dump, then the deltas. Appends at most `max` (0: all) brok JSON texts
    // to `out`; returns how many.
    std::size_t pop_broks(std::string_view broker, std::size_t max, std::vector<std::string>& out);
    // POST /fill_initial_broks: the broker gets a new full dump before its next deltas.
    void request_full_dump(std::string_view broker);

    // The records changed since the last call (each element once), cleared as taken.
    void take_dirty_records(std::vector<RetentionRecord>& out);
    // Every record of the part, for a full save (SAVE_STATE_INFORMATION, stop).
    void all_records(std::vector<RetentionRecord>& out);

    // Counters and gauges for GET /stats: checks scheduled, in flight, orphaned, results and
    // latency, notifications, broker queues, commands.
    nlohmann::json stats() const;

private:
    std::unique_ptr<detail::EngineState> state_;
};

}  // namespace yagura::engine
