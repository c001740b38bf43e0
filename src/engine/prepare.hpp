#pragma once

#include <string>
#include <unordered_map>

#include "state.hpp"

namespace yagura::engine::detail {

// Everything computed once when the shard arrives (routes, check lines, contact ways,
// dependency lists).
void prepare_shard(EngineState& s);

// Prepares one element's check again (CHANGE_*_CHECK_COMMAND). `dedup` may be null.
void prepare_check(EngineState& s, ElementId e,
                   std::unordered_map<std::string, std::uint32_t>* dedup);

// The reactionner route of an action of `e` run with `command` (kNoIndex: none).
std::uint16_t reactionner_route(EngineState& s, ElementId e, Index command);
model::Symbol module_type_of(EngineState& s, Index command);

}  // namespace yagura::engine::detail
