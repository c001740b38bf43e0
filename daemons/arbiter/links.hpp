#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include <yagura/daemon/peer.hpp>
#include <yagura/dispatch/topology.hpp>
#include <yagura/net/client.hpp>

#include "arbiter/prepared.hpp"

namespace yagura::arbiter {

// The arbiter's link to one daemon of the configuration: where it is, whether it lives
// (Shinken's timers: check_interval, timeout, max_check_attempts), what it reported it holds,
// and what it accepted from this arbiter.
struct LinkState {
    LinkState(DaemonInfo daemon_info)
        : info(std::move(daemon_info)),
          peer(net::Endpoint{info.address, info.port, info.name}, info.max_check_attempts) {}

    DaemonInfo info;
    daemon::PeerLink peer;
    std::map<PartId, std::string> managed;  // its last GET /what_i_managed
    bool managed_known = false;
    Desired desired;               // what it must hold, from the plan
    std::string acked;             // the digest of the last push it accepted from us...
    std::int64_t acked_epoch = 0;  // ...under this epoch of ours
    bool in_flight = false;        // a push or an order is on its way
    bool needs_full = false;       // a scheduler refused a confirmation: send the objects
    bool returned = false;         // came back from dead: tell it to idle if it holds nothing
    bool removed = false;          // gone from the configuration: its watcher ends
    std::string last_action;       // what we last told it and how it went
    double last_action_at = 0;

    DaemonKey key() const { return {info.kind, info.name}; }
    const net::Endpoint& endpoint() const { return peer.endpoint(); }
    bool alive() const { return peer.liveness().alive; }
    bool reachable() const { return peer.liveness().reachable && alive(); }
    // Holds exactly what it must, pushed by us under `epoch`.
    bool in_sync(std::int64_t epoch) const {
        return managed_known && managed == desired.managed && acked == desired.digest &&
               (desired.digest.empty() || acked_epoch == epoch);
    }
    std::chrono::milliseconds timeout() const { return std::chrono::seconds(info.timeout); }
    std::chrono::milliseconds data_timeout() const {
        return std::chrono::seconds(info.data_timeout);
    }

    // For GET /get_all_states.
    nlohmann::json state(const dispatch::Topology& topology) const;
};

using Links = std::map<DaemonKey, std::shared_ptr<LinkState>>;

// {"<part_id>": "<flavor>"} -> map; anything else -> empty.
std::map<PartId, std::string> parse_managed(const nlohmann::json& in);
nlohmann::json managed_json(const std::map<PartId, std::string>& managed);

}  // namespace yagura::arbiter
