#pragma once

#include <yagura/daemon/daemon.hpp>

namespace yagura::broker {

// The broker's wiring into the daemon runtime. For now it answers the routes every daemon
// answers; its own routes and logic arrive with the issues that build them.
class Broker {
public:
    explicit Broker(daemon::Daemon& daemon);

private:
    daemon::Daemon& daemon_;
};

}  // namespace yagura::broker
