#pragma once

#include <yagura/daemon/daemon.hpp>

namespace yagura::reactionner {

// The reactionner's wiring into the daemon runtime. For now it answers the routes every daemon
// answers; its own routes and logic arrive with the issues that build them.
class Reactionner {
public:
    explicit Reactionner(daemon::Daemon& daemon);

private:
    daemon::Daemon& daemon_;
};

}  // namespace yagura::reactionner
