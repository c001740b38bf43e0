#pragma once

#include <cstdint>
#include <string>

namespace yagura::core {

// A random 64-bit value from the system's entropy-seeded generator (thread safe).
std::uint64_t random_u64();

// A random integer in [low, high] (inclusive).
std::uint64_t random_between(std::uint64_t low, std::uint64_t high);

// Identifies this process run, as Shinken's get_running_id does: "<start epoch>.<random>".
// A peer that sees it change knows the daemon restarted. Fixed for the life of the process.
const std::string& running_id();

// A fresh random identifier in hex, e.g. for config flavors and request ids.
std::string random_hex_id(int bytes = 8);

}  // namespace yagura::core
