#include <yagura/model/schema.hpp>

#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;
using C = Command;

constexpr auto command_fields() {
    return std::array{
        field<C, &C::command_name>({.name = "command_name",
                                    .flags = kConfig | kRequired | kKey,
                                    .doc = "Name objects refer to (`check_command name!args`)."}),
        field<C, &C::command_line>({.name = "command_line",
                                    .flags = kConfig | kRequired,
                                    .doc = "The command with $MACROS$; $ARGn$ are the `!` "
                                           "arguments of the reference."}),
        field<C, &C::poller_tag>(
            {.name = "poller_tag",
             .flags = kConfig,
             .default_text = "None",
             .doc = "Pollers serving this tag run it, unless the host or service has a tag."}),
        field<C, &C::reactionner_tag>({.name = "reactionner_tag",
                                       .flags = kConfig,
                                       .default_text = "None",
                                       .doc = "Reactionners serving this tag run it."}),
        field<C, &C::module_type>({.name = "module_type",
                                   .flags = kConfig,
                                   .default_text = "fork",
                                   .doc = "Worker type that runs it; fork: a plain process."}),
        field<C, &C::timeout>({.name = "timeout",
                               .flags = kConfig,
                               .default_text = "-1",
                               .doc = "Seconds before the command is killed; -1: the global "
                                      "timeout of its kind."}),
        field<C, &C::enable_environment_macros>(
            {.name = "enable_environment_macros",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Also pass the macros as NAGIOS_* environment variables."}),
        field<C, &C::priority>({.name = "priority",
                                .flags = kConfig,
                                .default_text = "100",
                                .doc = "Order of execution, lower first."}),
    };
}

constexpr auto kCommandFields = detail::concat(detail::header_fields<C>(), command_fields());

}  // namespace

template <>
const TypeInfo<Command>& type_info<Command>() {
    static const TypeInfo<Command> info{
        .name = "command",
        .plural = "commands",
        .doc = "A command line with macros, for checks, event handlers and notifications.",
        .fields = kCommandFields,
    };
    return info;
}

}  // namespace yagura::model
