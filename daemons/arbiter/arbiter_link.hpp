#pragma once

#include <cstdint>
#include <string>
#include <vector>

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

// The smallest reader that finds the `define arbiter` blocks of a configuration: the main
// file's cfg_file= and cfg_dir= (recursively, *.cfg) are followed; `#` and `;` comments are
// understood; templates (`use`, `register 0`) are not. It will be replaced by the config
// module's parser (issue: configuration); keep it in this one place until then.
// Throws core::Error naming file:line for an unreadable file or an unterminated block.
std::vector<ArbiterLink> read_arbiter_links(const std::string& main_cfg);

// Which arbiter this process is, as shinken-arbiter decides: the one named `wanted_name`
// (-n) if given; else the one whose host_name is this machine's name; else the only one
// defined; 127.0.0.1:7770 when none is defined. Throws core::Error(not_found) when -n names
// no arbiter, or (invalid_input) when several are defined and none is for this machine.
ArbiterLink find_own_arbiter_link(const std::string& main_cfg, const std::string& wanted_name,
                                  const std::string& this_host_name);

// This machine's host name, as gethostname(2) gives it.
std::string local_host_name();

}  // namespace yagura::arbiter
