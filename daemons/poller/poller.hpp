#pragma once

#include <yagura/daemon/daemon.hpp>
#include <yagura/daemon/managed_config.hpp>
#include <yagura/satellite/role.hpp>

namespace yagura::poller {

// The poller: pulls checks from the schedulers the arbiter gives it (do_checks=1, its
// poller_tags), runs the plugins, returns the results. All of it is the shared satellite
// engine (include/yagura/satellite/) with the poller's role.
// Its configuration arrives through the configuration receiver (put_conf from the arbiter).
class Poller {
public:
    explicit Poller(daemon::Daemon& daemon);

    // The configuration receiver's hook: the schedulers and link of a put_conf.
    void apply_config(satellite::SatelliteConfig config) { role_.apply_config(std::move(config)); }
    satellite::SatelliteRole& role() { return role_; }
    // What the arbiter pushed.
    const daemon::ManagedConfig& configuration() const { return configuration_; }

private:
    satellite::SatelliteRole role_;
    daemon::ManagedConfig configuration_;
};

}  // namespace yagura::poller
