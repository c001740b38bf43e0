#pragma once

#include <cstdint>

#include <yagura/model/macros.hpp>
#include <yagura/model/object.hpp>

namespace yagura::model {

// `define command`: a command line with macros, run for checks, event handlers and
// notifications. `compiled_line` is command_line compiled once (compile_command_lines() in
// config.hpp does every command of a Config); objects refer to a command with
// "name!arg1!arg2" (CommandCall in checkable.hpp).
struct Command : ObjectHeader {
    Symbol command_name;
    Symbol command_line;
    Symbol poller_tag;
    Symbol reactionner_tag;
    Symbol module_type;
    std::int32_t timeout = -1;  // seconds; -1: the global check, handler or notification timeout
    bool enable_environment_macros = false;
    std::int32_t priority = 100;

    CompiledText compiled_line;
};

}  // namespace yagura::model
