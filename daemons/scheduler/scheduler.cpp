#include "scheduler/scheduler.hpp"

#include <nlohmann/json.hpp>

namespace yagura::scheduler {

Scheduler::Scheduler(daemon::Daemon& daemon) : daemon_(daemon) {
    // Until the arbiter pushes a configuration (a later issue), there is nothing to manage.
    daemon_.add_stats("configuration", [] { return nlohmann::json{{"received", false}}; });
}

}  // namespace yagura::scheduler
