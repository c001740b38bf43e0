#pragma once

#include <yagura/daemon/daemon.hpp>

namespace yagura::receiver {

// The receiver's wiring into the daemon runtime. For now it answers the routes every daemon
// answers; its own routes and logic arrive with the issues that build them.
class Receiver {
public:
    explicit Receiver(daemon::Daemon& daemon);

private:
    daemon::Daemon& daemon_;
};

}  // namespace yagura::receiver
