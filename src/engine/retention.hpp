#pragma once

#include <vector>

#include <yagura/engine/engine.hpp>

#include "state.hpp"

// Retention records: per host and service the model's state view plus the engine bookkeeping
// a failover must not lose (pending master notifications with their next times and numbers,
// the hard-unknown phase, the last flap state); one global record with the id counters,
// program-wide switches changed by commands and contacts' changes and downtimes.
namespace yagura::engine::detail {

RetentionRecord element_record(EngineState& s, ElementId e);
RetentionRecord global_record(EngineState& s);

void take_dirty(EngineState& s, std::vector<RetentionRecord>& out);
void all_records(EngineState& s, std::vector<RetentionRecord>& out);

RetentionLoad load_records(EngineState& s, std::span<const RetentionRecord> records);

}  // namespace yagura::engine::detail
