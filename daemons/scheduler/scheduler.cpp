#include "scheduler/scheduler.hpp"

namespace yagura::scheduler {

Scheduler::Scheduler(daemon::Daemon& daemon)
    : daemon_(daemon), configuration_(daemon, "scheduler") {
    // The configuration is kept and shown in /stats; what the scheduler does with it arrives
    // with the issue that builds its work.
}

}  // namespace yagura::scheduler
