#pragma once

#include <yagura/dispatch/assignment.hpp>

namespace yagura::dispatch::detail {

// The satellites' half of assign() (satellites.cpp).
void assign_satellites(const Topology& topology, const Layout& layout, const Liveness& liveness,
                       const Assignment* previous, const TagUse* tags, Assignment& out);

}  // namespace yagura::dispatch::detail
