#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The external commands of Nagios and Shinken ("[1700000000] ACKNOWLEDGE_SVC_PROBLEM;web1;
// HTTP;2;1;1;admin;on it"): the table of every command the engine runs, and a parser that
// checks a line against it. The table is public so the receiver and the arbiter can route a
// command (global: to every scheduler; per host: to the scheduler owning the host named by
// host_field()) without running an engine.
namespace yagura::engine {

// One command. The signature has one letter per argument, in order:
//   H host name                 S host name;service description (two fields)
//   G host group name           Q service group name
//   C contact name              K contact group name
//   P timeperiod name           M command ("name!arg1!arg2")
//   i integer                   b boolean (0/1, > 0 is true)
//   t epoch timestamp           s string (author, variable name)
//   x text: the rest of the line, semicolons included (comments, plugin output)
// Letters after a '|' are optional (DEL_DOWNTIME_BY_HOST_NAME;host[;service[;start[;comment]]]).
struct ExternalCommandSpec {
    std::string_view name;
    bool global = false;  // goes to every scheduler: program-wide, groups, contacts, ids
    std::string_view signature;

    // Fields after the name, a service counting two, not counting optional ones.
    std::size_t required_fields() const;
    // Fields when every optional argument is given.
    std::size_t max_fields() const;
    // The field holding the host name that routes a per-host command (0 for every per-host
    // command of the table), or -1 for global commands.
    int host_field() const;
};

// Every command, sorted by name.
std::span<const ExternalCommandSpec> external_command_table();

// The command named `name` (upper case as written by Nagios), or nullptr.
const ExternalCommandSpec* find_external_command(std::string_view name);

// A line split into its parts and checked against the table: a known command name, the
// number of fields, integers, booleans and timestamps well formed. Names of hosts, services,
// groups and ids are not looked up here (the engine does it).
struct ParsedCommand {
    double timestamp = 0;  // the "[epoch]" prefix; 0 when the line has none
    const ExternalCommandSpec* spec = nullptr;
    std::vector<std::string_view> fields;  // views into the parsed line
    std::string_view args_text;            // everything after "NAME;" as written

    // The host name routing the command, empty for global commands.
    std::string_view host_name() const;
};

struct CommandParse {
    std::optional<ParsedCommand> command;  // set when the line is valid
    std::string error;                     // otherwise: what is wrong, naming the command
};

// Parses "[timestamp] NAME;arg;arg" (the timestamp is optional). Leading and trailing white
// space and a trailing newline are ignored. The returned views point into `line`.
CommandParse parse_external_command(std::string_view line);

}  // namespace yagura::engine
