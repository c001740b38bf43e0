#pragma once

#include <yagura/daemon/daemon.hpp>
#include <yagura/daemon/managed_config.hpp>

namespace yagura::broker {

// The broker's wiring into the daemon runtime. For now it answers the routes every daemon
// answers; its own routes and logic arrive with the issues that build them.
class Broker {
public:
    explicit Broker(daemon::Daemon& daemon);

    // What the arbiter pushed (put_conf and friends; see docs/protocol.md).
    const daemon::ManagedConfig& configuration() const { return configuration_; }

private:
    daemon::Daemon& daemon_;
    daemon::ManagedConfig configuration_;
};

}  // namespace yagura::broker
