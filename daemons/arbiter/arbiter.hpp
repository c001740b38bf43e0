#pragma once

#include <memory>
#include <string>

#include <yagura/daemon/daemon.hpp>

#include "arbiter/prepared.hpp"

namespace yagura::arbiter {

struct ArbiterOptions {
    std::string main_cfg;  // what reloads read again
};

struct ArbiterImpl;

// The arbiter daemon's wiring: it dispatches the prepared configuration to the daemons of its
// plan and keeps it dispatched (liveness, spares, failback), feeds spare arbiters or, as a
// spare, watches the master and takes over; reloads on SIGHUP and POST /reload_configuration;
// answers GET /get_all_states and /get_satellite_list. See docs/ha.md and docs/protocol.md.
class Arbiter {
public:
    // `me` is this arbiter's own link in the configuration; `prepared` the configuration it
    // starts with (prepare() in prepared.hpp).
    Arbiter(daemon::Daemon& daemon, ArbiterOptions options, DaemonInfo me,
            std::shared_ptr<Prepared> prepared);
    ~Arbiter();

private:
    std::shared_ptr<ArbiterImpl> impl_;
};

// Which arbiter of the configuration this process is: the one named `wanted` (-n); else the
// one whose host_name is this machine (short or full name); else the only one. Throws
// core::Error naming the choices when none fits.
DaemonInfo find_me(const dispatch::Topology& topology, const std::string& wanted,
                   const std::string& host_name);

}  // namespace yagura::arbiter
