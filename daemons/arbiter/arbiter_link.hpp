#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <yagura/model/config.hpp>

namespace yagura::arbiter {

// An arbiter as a `define arbiter { ... }` block describes it.
struct ArbiterLink {
    std::string name = "arbiter";  // arbiter_name
    std::string host_name;         // the machine this arbiter runs on
    std::string address = "127.0.0.1";
    std::uint16_t port = 7770;
    bool spare = false;
    std::string defined_at;  // "file:line", empty for the built-in default
};

// The arbiters of a loaded configuration (config::load adds one on 127.0.0.1:7770 when the
// files define none).
std::vector<ArbiterLink> arbiter_links(const model::Config& config);

// Which arbiter this process is, as shinken-arbiter decides: the one named `wanted_name`
// (-n) if given; else the one whose host_name is this machine's name (short or qualified);
// else the only one defined. Throws core::Error(not_found) when -n names no arbiter, or
// (invalid_input) when several are defined and none is for this machine.
ArbiterLink choose_own_arbiter(const std::vector<ArbiterLink>& links,
                               const std::string& wanted_name, const std::string& this_host_name);

// Loads the whole configuration (config::load) and returns its arbiters. Throws
// core::Error(invalid_input) listing the errors, each as file:line, when it does not load.
std::vector<ArbiterLink> read_arbiter_links(const std::string& main_cfg);

// read_arbiter_links + choose_own_arbiter.
ArbiterLink find_own_arbiter_link(const std::string& main_cfg, const std::string& wanted_name,
                                  const std::string& this_host_name);

// This machine's host name, as gethostname(2) gives it.
std::string local_host_name();

}  // namespace yagura::arbiter
