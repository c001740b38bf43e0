#include "common/daemon_main.hpp"
#include "poller/poller.hpp"

int main(int argc, char** argv) {
    std::unique_ptr<yagura::poller::Poller> role;
    return yagura::daemons::satellite_main(argc, argv, "poller", [&](yagura::daemon::Daemon& d) {
        role = std::make_unique<yagura::poller::Poller>(d);
    });
}
