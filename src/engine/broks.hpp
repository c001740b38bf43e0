#pragma once

#include <deque>
#include <string>
#include <string_view>

#include <yagura/model/state_types.hpp>

#include "state.hpp"

// Broks (docs/broks.md): JSON texts built once and queued for every broker.
namespace yagura::engine::detail {

void publish_check_result(EngineState& s, ElementId e);
void publish_next_schedule(EngineState& s, ElementId e);
void publish_log(EngineState& s, std::string_view line);
void publish_notification_raise(EngineState& s, ElementId e);
void publish_downtime_raise(EngineState& s, ElementId e, const model::Downtime& d);
void publish_downtime_expire(EngineState& s, std::uint64_t id);
void publish_acknowledge(EngineState& s, ElementId e, bool raise);
void publish_comment_add(EngineState& s, ElementId e, const model::Comment& c);
void publish_comment_delete(EngineState& s, std::uint64_t id);
void publish_program_status(EngineState& s, bool update);

// update_*_status for every element touched since the last flush, and
// update_program_status when a program-wide switch changed.
void flush_status_broks(EngineState& s);

// The whole initial dump, in docs/broks.md order, into `out`.
void build_initial_dump(EngineState& s, std::deque<std::string>& out);

}  // namespace yagura::engine::detail
