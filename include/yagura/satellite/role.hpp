#pragma once

#include <chrono>
#include <memory>

#include <nlohmann/json_fwd.hpp>

#include <yagura/satellite/config.hpp>

namespace yagura::daemon {
class Daemon;
}

namespace yagura::satellite {

class Satellite;

// A Satellite wired into a daemon: started once the daemon listens, stopped (bounded) when
// it stops, with its entry in GET /stats and its samples in GET /metrics. The poller and the
// reactionner daemons are each one of these.
class SatelliteRole {
public:
    // How long a stopping satellite tries to deliver the results it owes.
    static constexpr std::chrono::milliseconds kStopDelivery{2000};

    SatelliteRole(daemon::Daemon& daemon, Role role);
    ~SatelliteRole();
    SatelliteRole(const SatelliteRole&) = delete;
    SatelliteRole& operator=(const SatelliteRole&) = delete;

    // The configuration receiver's hook: the schedulers and link settings of a put_conf
    // (wait_new_conf: an empty list). Takes effect at once; before the daemon has started,
    // when it starts. Call from the daemon's loop thread. Ignored once stopping.
    void apply_config(SatelliteConfig config);
    // The same from the satellite part of a put_conf body ({"schedulers": [...], "link":
    // {...}}). Throws core::Error(invalid_input) naming the faulty field; nothing changes then.
    void apply_config_json(const nlohmann::json& body);

    Role role() const { return role_; }
    // The engine, or nullptr once the daemon has stopped.
    Satellite* satellite() { return satellite_.get(); }

private:
    daemon::Daemon& daemon_;
    Role role_;
    std::unique_ptr<Satellite> satellite_;
};

}  // namespace yagura::satellite
