#pragma once

// A scheduler (or any daemon that answers get_broks) the broker pulls broks from, as the
// arbiter's put_conf names it (docs/protocol.md):
//   {"part_id": 0, "flavor": "...", "name": "scheduler-1", "address": "10.0.0.5",
//    "port": 7768, "use_ssl": true, "timeout": 3, "data_timeout": 120}

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/net/client.hpp>

namespace yagura::broker {

struct SchedulerEndpoint {
    int part_id = 0;  // the configuration part it runs (Shinken's instance_id)
    std::string flavor;
    std::string name;
    std::string address;
    std::uint16_t port = 7768;
    bool use_ssl = true;
    double timeout = 3;         // connect and short calls, seconds
    double data_timeout = 120;  // long polls and data calls, seconds

    net::Endpoint endpoint() const { return {address, port, name}; }
    // Who the broker talks to: a different part on the same daemon is the same connection.
    std::string connection_key() const;
    // "scheduler-1 (10.0.0.5:7768)" for logs.
    std::string describe() const;
    friend bool operator==(const SchedulerEndpoint&, const SchedulerEndpoint&) = default;
};

// The "schedulers" array of a satellite's put_conf. Throws core::Error(invalid_input) naming
// the entry at fault (no address, a port out of range, a part_id that is not an integer).
std::vector<SchedulerEndpoint> scheduler_endpoints_from_json(const nlohmann::json& schedulers);
nlohmann::json to_json(const SchedulerEndpoint& scheduler);

}  // namespace yagura::broker
