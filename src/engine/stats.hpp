#pragma once

#include <nlohmann/json_fwd.hpp>

#include "state.hpp"

namespace yagura::engine::detail {

// GET /stats of the engine (docs/scheduler.md, "Stats").
nlohmann::json stats_json(const EngineState& s);

}  // namespace yagura::engine::detail
