#include "common/daemon_main.hpp"
#include "scheduler/scheduler.hpp"

int main(int argc, char** argv) {
    std::unique_ptr<yagura::scheduler::Scheduler> role;
    return yagura::daemons::satellite_main(argc, argv, "scheduler", [&](yagura::daemon::Daemon& d) {
        role = std::make_unique<yagura::scheduler::Scheduler>(d);
    });
}
