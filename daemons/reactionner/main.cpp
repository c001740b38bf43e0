#include "common/daemon_main.hpp"
#include "reactionner/reactionner.hpp"

int main(int argc, char** argv) {
    std::unique_ptr<yagura::reactionner::Reactionner> role;
    return yagura::daemons::satellite_main(
        argc, argv, "reactionner", [&](yagura::daemon::Daemon& d) {
            role = std::make_unique<yagura::reactionner::Reactionner>(d);
        });
}
