#include "common/daemon_main.hpp"
#include "scheduler/part_retention.hpp"
#include "scheduler/scheduler.hpp"

int main(int argc, char** argv) {
    std::unique_ptr<yagura::scheduler::Scheduler> role;
    return yagura::daemons::satellite_main(argc, argv, "scheduler", [&](yagura::daemon::Daemon& d) {
        yagura::scheduler::SchedulerOptions options;
        if (!d.settings().config_file.empty()) {
            // The retention used when the arbiter's part names no retention module.
            options.default_retention =
                yagura::scheduler::retention_section(d.settings().config_file);
        }
        role = std::make_unique<yagura::scheduler::Scheduler>(d, std::move(options));
    });
}
