#include "broker/broker.hpp"
#include "common/daemon_main.hpp"

int main(int argc, char** argv) {
    std::unique_ptr<yagura::broker::Broker> role;
    return yagura::daemons::satellite_main(argc, argv, "broker", [&](yagura::daemon::Daemon& d) {
        role = std::make_unique<yagura::broker::Broker>(d);
    });
}
