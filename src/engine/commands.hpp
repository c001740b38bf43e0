#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <yagura/engine/engine.hpp>
#include <yagura/engine/external_commands.hpp>

#include "state.hpp"

// Running external commands: each argument resolved (hosts, services, groups, contacts,
// periods, commands, numbers), then one handler per command.
namespace yagura::engine::detail {

struct CommandArg {
    ElementId element = kNoElement;  // H, S
    Index index = kNoIndex;          // G, Q, C, K, P
    model::CommandCall call;         // M
    std::int64_t integer = 0;        // i
    double number = 0;               // n, t
    bool flag = false;               // b
    std::string_view text;           // s, x, M (as written), and the raw field of every kind
    bool present = false;            // optional arguments given
};

struct CommandRequest {
    const ExternalCommandSpec* spec = nullptr;
    double timestamp = 0;  // 0: now
    std::vector<CommandArg> args;
};

using CommandHandler = CommandOutcome (*)(EngineState& s, const CommandRequest& call);

// The handler of a command name (every name of external_command_table() has one).
CommandHandler find_handler(std::string_view name);

CommandOutcome run_command(EngineState& s, std::string_view line);

inline CommandOutcome applied() {
    return {};
}
inline CommandOutcome rejected(std::string message) {
    return {CommandOutcome::Status::rejected, std::move(message)};
}
inline CommandOutcome not_here(std::string message) {
    return {CommandOutcome::Status::not_here, std::move(message)};
}

struct NamedHandler {
    std::string_view name;
    CommandHandler handler;
};

// The handler named `name` in a table of NamedHandler, or nullptr.
template <class Table>
CommandHandler handler_in(const Table& table, std::string_view name) {
    for (const NamedHandler& entry : table) {
        if (entry.name == name) {
            return entry.handler;
        }
    }
    return nullptr;
}

// Handlers, by concern (commands_*.cpp); each returns nullptr when the name is not its own.
CommandHandler switch_handler(std::string_view name);
CommandHandler check_handler(std::string_view name);
CommandHandler operator_handler(std::string_view name);

}  // namespace yagura::engine::detail
