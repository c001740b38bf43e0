#include "common/daemon_main.hpp"
#include "receiver/receiver.hpp"

int main(int argc, char** argv) {
    std::unique_ptr<yagura::receiver::Receiver> role;
    return yagura::daemons::satellite_main(argc, argv, "receiver", [&](yagura::daemon::Daemon& d) {
        role = std::make_unique<yagura::receiver::Receiver>(d);
    });
}
