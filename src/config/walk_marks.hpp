#pragma once

#include <cstdint>

namespace yagura::config {

// Where a node stands in a depth-first walk that looks for loops (template `use` chains, group
// members, host parents): meeting a node that is still on_path again closes a loop.
enum class WalkMark : std::uint8_t { unvisited, on_path, finished };

}  // namespace yagura::config
