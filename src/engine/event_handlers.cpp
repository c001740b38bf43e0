#include "event_handlers.hpp"

#include <yagura/model/macro_resolver.hpp>

#include "log_lines.hpp"
#include "prepare.hpp"
#include "reactionner.hpp"

namespace yagura::engine::detail {

namespace {

void queue_handler(EngineState& s, ElementId e, const model::CommandCall& call) {
    const model::Command& command = s.cfg.commands[call.command];
    model::MacroContext ctx = macro_context(s, e);
    std::uint32_t slot = s.actions.allocate();
    ActionSlot& a = s.actions[slot];
    a.kind = ActionKind::event_handler;
    a.element = e;
    a.priority = checkable(s, e).priority;
    a.timeout = command.timeout > 0 ? command.timeout : s.cfg.globals.event_handler_timeout;
    a.t_to_go = ctx.now;
    a.route = reactionner_route(s, e, call.command);
    a.command_name = command.command_name;
    a.command = model::expand_command_call(call, ctx);
    ++s.stats.event_handlers;
    queue_reactionner_action(s, slot);
}

}  // namespace

void run_event_handlers(EngineState& s, ElementId e) {
    const model::Globals& g = s.cfg.globals;
    const model::Checkable& c = checkable(s, e);
    if (!g.enable_event_handlers) {
        return;
    }
    if (g.no_event_handlers_during_downtimes && c.scheduled_downtime_depth > 0) {
        return;
    }
    const bool host = is_host(s, e);
    const model::CommandCall& global = host ? s.global_host_handler : s.global_service_handler;
    if (global.command != kNoIndex) {
        log_event_handler(
            s, e, str(s, host ? g.global_host_event_handler : g.global_service_event_handler),
            true);
        queue_handler(s, e, global);
    }
    if (c.event_handler_enabled && c.links.event_handler.command != kNoIndex) {
        log_event_handler(s, e, str(s, c.event_handler), false);
        queue_handler(s, e, c.links.event_handler);
    }
}

bool launch_event_handler(EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    if (c.links.event_handler.command == kNoIndex) {
        return false;
    }
    log_event_handler(s, e, str(s, c.event_handler), false);
    queue_handler(s, e, c.links.event_handler);
    return true;
}

}  // namespace yagura::engine::detail
