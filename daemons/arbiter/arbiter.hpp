#pragma once

#include <yagura/daemon/daemon.hpp>

#include "arbiter/arbiter_link.hpp"

namespace yagura::arbiter {

// The arbiter's wiring into the daemon runtime. For now it answers the routes every daemon
// answers and says which arbiter it is; reading, dispatching and watching arrive with the
// issues that build them (they extend on_reload for SIGHUP).
class Arbiter {
public:
    Arbiter(daemon::Daemon& daemon, ArbiterLink me);

private:
    daemon::Daemon& daemon_;
    ArbiterLink me_;
};

}  // namespace yagura::arbiter
