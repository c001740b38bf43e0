#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/net/http.hpp>

namespace yagura::daemon {

class Daemon;

// The arbiter that pushed a configuration, and its epoch (docs/protocol.md).
struct ArbiterIdentity {
    std::string name;
    std::int64_t epoch = 0;
};

// One scheduler a satellite talks to: an entry of its put_conf "schedulers".
struct SchedulerEntry {
    std::int64_t part_id = 0;
    std::string flavor;  // the flavor of the part the scheduler runs
    std::string name;
    std::string address;
    std::uint16_t port = 0;
    bool use_ssl = false;
    int timeout = 3;
    int data_timeout = 120;
};

// What a daemon holds from the arbiter. Idle (nothing received, or told to wait for a new
// configuration): no part, no schedulers.
struct ReceivedConfig {
    std::string kind;  // the daemon's kind: scheduler, poller, reactionner, broker, receiver
    ArbiterIdentity arbiter;
    double received_at = 0;  // epoch seconds
    std::string flavor;      // the part's flavor (schedulers) or the whole push's (satellites)

    // Schedulers: the part they run. `objects` is the part's content (model JSON, see
    // dispatch/part_content.hpp).
    std::optional<std::int64_t> part_id;
    std::string realm;
    std::string instance_name;
    std::shared_ptr<const nlohmann::json> objects;

    // Satellites: the schedulers to talk to and their own link attributes (poller_tags, ...).
    std::vector<SchedulerEntry> schedulers;
    std::shared_ptr<const nlohmann::json> link;
    std::map<std::string, std::int64_t> host_map;  // receivers: host -> part_id

    bool idle() const { return !part_id && schedulers.empty() && host_map.empty(); }
    // GET /what_i_managed: part id -> flavor.
    std::map<std::int64_t, std::string> managed() const;
    // Satellites: the satellite part of the put_conf as held, {"schedulers": [...], "link":
    // {...}} (no schedulers when idle), for satellite::SatelliteRole::apply_config_json.
    nlohmann::json satellite_json() const;
};

// The rules of a daemon's configuration endpoints, without HTTP (testable alone). Each call
// takes the request body and gives the answer and whether the configuration changed. Bad
// bodies throw core::Error(invalid_input) naming what is wrong (400); a push from an arbiter
// whose epoch is older than the newest accepted gets 409 with `accepted_epoch` and
// `accepted_from`, and changes nothing.
class ConfigHolder {
public:
    explicit ConfigHolder(std::string kind);

    struct Outcome {
        net::Response response;
        bool changed = false;
    };

    // POST /put_conf. A scheduler part without `objects` confirms the part the scheduler
    // already runs (same part_id and flavor): the epoch is recorded, nothing reloads; if the
    // scheduler does not hold that flavor the answer is 412 "content needed". A push equal to
    // what is held changes nothing either.
    Outcome put_conf(const nlohmann::json& body, double now);
    // POST /wait_new_conf: drop everything and go idle. {"arbiter": ...} is checked if given.
    Outcome wait_new_conf(const nlohmann::json& body);
    // POST /remove_from_conf {"part_id": N}: forget one part (a scheduler's own part: idle).
    Outcome remove_from_conf(const nlohmann::json& body);
    // POST /push_host_names {"part_id": N, "hosts": [...]} (receivers): the hosts of a part.
    Outcome push_host_names(const nlohmann::json& body);

    // GET /have_conf[?flavor=F]: holds anything; with F, holds a part or push of that flavor.
    bool have_conf(const std::optional<std::string>& flavor) const;
    nlohmann::json what_i_managed() const;
    nlohmann::json stats() const;

    const ReceivedConfig& current() const { return current_; }
    std::int64_t accepted_epoch() const { return accepted_epoch_; }
    const std::string& accepted_from() const { return accepted_from_; }

private:
    // The pushing arbiter, or nullopt when the body names none; throws for a malformed one.
    std::optional<ArbiterIdentity> arbiter_of(const nlohmann::json& body, bool required) const;
    std::optional<net::Response> refuse_if_stale(const std::optional<ArbiterIdentity>& who) const;
    void accept(const std::optional<ArbiterIdentity>& who);
    Outcome put_scheduler_conf(const nlohmann::json& body, const ArbiterIdentity& who, double now);
    Outcome put_satellite_conf(const nlohmann::json& body, const ArbiterIdentity& who, double now);
    net::Response accepted(bool changed) const;

    std::string kind_;
    ReceivedConfig current_;
    std::int64_t accepted_epoch_ = 0;
    std::string accepted_from_;
};

// The configuration receiver of the scheduler, poller, reactionner, broker and receiver:
// registers POST /put_conf, GET /have_conf, GET /what_i_managed, POST /wait_new_conf,
// POST /remove_from_conf (and POST /push_host_names for receivers) on the daemon, and adds
// "configuration" to GET /stats (what it holds; for satellites the scheduler list). Each role
// reacts to a new configuration in its on_change hook, which runs on the daemon's loop right
// after the answer (an idle configuration means: stop working on the old one).
class ManagedConfig {
public:
    ManagedConfig(Daemon& daemon, std::string kind);
    ~ManagedConfig();
    ManagedConfig(const ManagedConfig&) = delete;
    ManagedConfig& operator=(const ManagedConfig&) = delete;

    void on_change(std::function<void(const ReceivedConfig&)> hook);
    const ReceivedConfig& current() const;
    const ConfigHolder& holder() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::daemon
