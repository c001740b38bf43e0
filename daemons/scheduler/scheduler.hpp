#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include <yagura/daemon/daemon.hpp>
#include <yagura/daemon/managed_config.hpp>
#include <yagura/retention/module_settings.hpp>

namespace yagura::model {
struct Config;
}
namespace yagura::engine {
class Engine;
}

namespace yagura::scheduler {

struct SchedulerCore;

// Which part a scheduler runs (protocol.md: put_conf's "part").
struct PartInfo {
    std::int64_t part_id = 0;
    std::string flavor;
    std::string realm;
    std::string instance_name = "scheduler";
};

struct SchedulerOptions {
    // The retention module used when the part's scheduler link names none: the `[retention]`
    // section of the scheduler's ini (module_type retention-redis or retention-file, ...).
    std::optional<retention::ModuleParameters> default_retention;
    // Seeds the spread of first checks; 0: random.
    std::uint64_t seed = 0;
};

// The scheduler daemon's role: runs one part of the configuration with the engine on the
// daemon's loop and serves it over HTTP (docs/api.md "Scheduler"):
//   GET /get_checks (long poll), POST /put_results, GET /get_broks (long poll),
//   POST /fill_initial_broks, POST /run_external_commands, GET /get_host, GET /get_service,
//   GET /objects/hosts, GET /objects/services; its figures in /stats and /metrics.
// The arbiter's pushes (put_conf with the part's JSON, wait_new_conf) arrive through the
// shared configuration receiver (daemon/managed_config.hpp). A new part replaces the running one:
// the old part's retention is flushed, the new part's retained state is loaded before its first
// check. Retention is continuous: what the engine changes goes to the retention writer after every
// tick, result batch and command.
class Scheduler {
public:
    Scheduler(daemon::Daemon& daemon, SchedulerOptions options = {});
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // Runs `shard` (linked, command lines compiled) as this scheduler's part, replacing the
    // running one. Returns at once: retention is flushed and loaded off the loop, and the part
    // starts handing out checks once its state is loaded. Call on the daemon's loop.
    void run_part(PartInfo info, model::Config shard);
    // The same from the part's JSON (put_conf's part.objects): turned into a linked model off
    // the loop; a part that does not load is logged and shown in /stats, and the running part
    // (if any) carries on.
    void run_part_json(PartInfo info, std::shared_ptr<const nlohmann::json> objects);
    // Drops the part (wait_new_conf): its retention is flushed, no more actions are handed out.
    void drop_part();

    // What /stats shows under "scheduler".
    nlohmann::json stats() const;

private:
    std::shared_ptr<SchedulerCore> impl_;
    // put_conf, have_conf, what_i_managed, wait_new_conf, remove_from_conf: its changes start
    // and drop parts.
    daemon::ManagedConfig configuration_;
};

}  // namespace yagura::scheduler
