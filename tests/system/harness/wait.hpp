#pragma once

#include <chrono>
#include <functional>

namespace yagura::harness {

// Polls `condition` every 100 ms until it holds or `bound` passes. An exception (a daemon
// down or starting) counts as "not yet"; with YAGURA_TEST_DEBUG set it is printed.
bool wait_for(std::chrono::milliseconds bound, const std::function<bool()>& condition);

}  // namespace yagura::harness
