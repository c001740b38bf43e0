#pragma once

#include <vector>

#include <yagura/engine/action.hpp>

#include "state.hpp"

// The queues of reactionner actions (child notifications, event handlers): handed out per
// route, results consumed.
namespace yagura::engine::detail {

// Queues a built action (its slot filled, status pending) for its route.
void queue_reactionner_action(EngineState& s, std::uint32_t slot);

std::size_t take_reactionner_actions(EngineState& s, const WorkerRequest& request,
                                     std::vector<Action>& out);
bool has_reactionner_actions(EngineState& s, const WorkerRequest& request);

void complete_reactionner_action(EngineState& s, std::uint32_t slot, const ActionResult& result);

}  // namespace yagura::engine::detail
