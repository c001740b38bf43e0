// Parsing, argument resolution, logging and dispatch of external commands. A rejected
// command changes nothing: every name is resolved before a handler runs, and handlers check
// their own conditions before changing anything.
#include <yagura/core/json_writer.hpp>
#include <yagura/core/strings.hpp>

#include "broks.hpp"
#include "commands.hpp"

namespace yagura::engine::detail {

using core::JsonWriter;

namespace {

Index find_host(const EngineState& s, std::string_view name) {
    return s.cfg.hosts.find(core::trim(name), s.cfg.pool);
}

Index find_service(const EngineState& s, std::string_view host, std::string_view service) {
    auto h = s.cfg.pool.find(core::trim(host));
    auto d = s.cfg.pool.find(core::trim(service));
    if (!h || !d) {
        return kNoIndex;
    }
    return s.cfg.services.find(*h, *d);
}

template <class T>
Index find_named(const EngineState& s, std::string_view name) {
    return s.cfg.table<T>().find(core::trim(name), s.cfg.pool);
}

bool is_check_result(std::string_view name) {
    return name == "PROCESS_SERVICE_CHECK_RESULT" || name == "PROCESS_HOST_CHECK_RESULT";
}

// accept_passive_unknown_check_results: a result for an element we do not have is passed to
// the brokers (Shinken's unknown_*_check_result brok) before the command is refused.
void publish_unknown_result(EngineState& s, const ParsedCommand& cmd) {
    if (!s.cfg.globals.accept_passive_unknown_check_results || !s.broks.has_brokers() ||
        !is_check_result(cmd.spec->name)) {
        return;
    }
    const bool service = cmd.spec->name == "PROCESS_SERVICE_CHECK_RESULT";
    std::string brok;
    JsonWriter w(brok);
    w.begin_object();
    w.field("type", service ? "unknown_service_check_result" : "unknown_host_check_result");
    w.field("instance_id", s.settings.part_id);
    w.key("data");
    w.begin_object();
    w.field("time_stamp", cmd.timestamp > 0 ? cmd.timestamp : s.now());
    w.field("host_name", core::trim(cmd.fields[0]));
    std::size_t next = 1;
    if (service) {
        w.field("service_description", core::trim(cmd.fields[1]));
        next = 2;
    }
    w.field("return_code", core::trim(cmd.fields[next]));
    std::string_view text = cmd.fields[next + 1];
    auto bar = text.find('|');
    w.field("output", text.substr(0, bar));
    w.field("perf_data", bar == std::string_view::npos ? std::string_view{} : text.substr(bar + 1));
    w.end_object();
    w.end_object();
    s.broks.publish(std::move(brok), false);
}

// Global commands naming a comment or downtime id go to every scheduler; only the one holding
// the id applies them, the others answer not_here (and log nothing).
bool ids_here(const EngineState& s, const ParsedCommand& cmd, const CommandRequest& request,
              CommandOutcome& outcome) {
    std::string_view name = cmd.spec->name;
    if (request.args.empty() || cmd.spec->signature != "i") {
        return true;
    }
    const auto id = static_cast<std::uint64_t>(request.args[0].integer);
    bool here = true;
    if (name == "DEL_HOST_COMMENT" || name == "DEL_SVC_COMMENT") {
        here = s.comment_owners.count(id) != 0;
    } else if (name == "DEL_HOST_DOWNTIME" || name == "DEL_SVC_DOWNTIME") {
        here = s.downtime_owners.count(id) != 0;
    } else if (name == "DEL_CONTACT_DOWNTIME") {
        here = s.contact_downtime_owners.count(id) != 0;
    }
    if (!here) {
        outcome = not_here(
            "no " +
            std::string(name.find("COMMENT") != std::string_view::npos ? "comment " : "downtime ") +
            std::to_string(id) + " in this part");
    }
    return here;
}

// Resolves the fields into arguments. On failure `outcome` says why.
bool resolve(EngineState& s, const ParsedCommand& cmd, CommandRequest& out,
             CommandOutcome& outcome) {
    out.spec = cmd.spec;
    out.timestamp = cmd.timestamp;
    std::size_t field = 0;
    for (char letter : cmd.spec->signature) {
        if (letter == '|') {
            continue;
        }
        CommandArg arg;
        if (field >= cmd.fields.size()) {
            out.args.push_back(arg);  // optional argument not given
            continue;
        }
        arg.present = true;
        std::string_view text = cmd.fields[field];
        arg.text = letter == 'x' ? text : core::trim(text);
        switch (letter) {
            case 'H': {
                Index h = find_host(s, text);
                if (h == kNoIndex) {
                    publish_unknown_result(s, cmd);
                    outcome = rejected("unknown host '" + std::string(arg.text) + "'");
                    return false;
                }
                arg.element = s.elements.of_host(h);
                break;
            }
            case 'S': {
                std::string_view service = cmd.fields[field + 1];
                Index sv = find_service(s, text, service);
                if (sv == kNoIndex) {
                    publish_unknown_result(s, cmd);
                    outcome =
                        rejected(find_host(s, text) == kNoIndex
                                     ? "unknown host '" + std::string(core::trim(text)) + "'"
                                     : "unknown service '" + std::string(core::trim(service)) +
                                           "' on host '" + std::string(core::trim(text)) + "'");
                    return false;
                }
                arg.element = s.elements.of_service(sv);
                ++field;
                break;
            }
            case 'G':
                arg.index = find_named<model::HostGroup>(s, text);
                if (arg.index == kNoIndex) {
                    outcome = not_here("no hostgroup '" + std::string(arg.text) + "' in this part");
                    return false;
                }
                break;
            case 'Q':
                arg.index = find_named<model::ServiceGroup>(s, text);
                if (arg.index == kNoIndex) {
                    outcome =
                        not_here("no servicegroup '" + std::string(arg.text) + "' in this part");
                    return false;
                }
                break;
            case 'C':
                arg.index = find_named<model::Contact>(s, text);
                if (arg.index == kNoIndex) {
                    outcome = not_here("no contact '" + std::string(arg.text) + "' in this part");
                    return false;
                }
                break;
            case 'K':
                arg.index = find_named<model::ContactGroup>(s, text);
                if (arg.index == kNoIndex) {
                    outcome =
                        not_here("no contactgroup '" + std::string(arg.text) + "' in this part");
                    return false;
                }
                break;
            case 'P':
                arg.index = find_named<model::TimePeriod>(s, text);
                if (arg.index == kNoIndex) {
                    outcome = rejected("unknown timeperiod '" + std::string(arg.text) + "'");
                    return false;
                }
                break;
            case 'M': {
                std::string_view name = arg.text.substr(0, arg.text.find('!'));
                if (find_named<model::Command>(s, name) == kNoIndex) {
                    outcome = rejected("unknown command '" + std::string(name) + "'");
                    return false;
                }
                arg.call = model::link_command_call(arg.text, s.cfg.commands, s.cfg.pool);
                break;
            }
            case 'i':
                arg.integer = *core::parse_int(text);
                break;
            case 'n':
            case 't':
                arg.number = *core::parse_double(text);
                break;
            case 'b': {
                auto n = core::parse_int(text);
                arg.flag = n ? *n > 0 : *core::parse_bool(text);
                break;
            }
            default:
                break;
        }
        out.args.push_back(arg);
        ++field;
    }
    return ids_here(s, cmd, out, outcome);
}

void log_line(EngineState& s, std::string_view line) {
    publish_log(s, line);
}

}  // namespace

CommandOutcome run_command(EngineState& s, std::string_view line) {
    CommandParse parsed = parse_external_command(line);
    if (!parsed.command) {
        ++s.stats.commands_rejected;
        std::string_view trimmed = core::trim(line);
        if (parsed.error.rfind("unknown command", 0) == 0) {
            log_line(s, "Warning: Unrecognized external command -> " + std::string(trimmed));
        } else {
            log_line(s, "Error: External command failed -> " + std::string(trimmed));
        }
        s.log->warn("external command rejected: {} ({})", parsed.error, trimmed);
        return rejected(parsed.error);
    }
    const ParsedCommand& cmd = *parsed.command;
    CommandRequest request;
    CommandOutcome outcome;
    const std::string described = std::string(cmd.spec->name) + ";" + std::string(cmd.args_text);
    if (!resolve(s, cmd, request, outcome)) {
        if (outcome.status == CommandOutcome::Status::not_here) {
            ++s.stats.commands_not_here;
            return outcome;
        }
        ++s.stats.commands_rejected;
        log_line(s, "Error: External command failed -> " + described);
        s.log->warn("external command rejected: {}: {}", cmd.spec->name, outcome.message);
        outcome.message = std::string(cmd.spec->name) + ": " + outcome.message;
        return outcome;
    }
    const model::Globals& g = s.cfg.globals;
    const bool log =
        is_check_result(cmd.spec->name) ? g.log_passive_checks : g.log_external_commands;
    if (log) {
        log_line(s, "EXTERNAL COMMAND: " + described);
    }
    CommandHandler handler = find_handler(cmd.spec->name);
    outcome = handler(s, request);
    switch (outcome.status) {
        case CommandOutcome::Status::applied:
            ++s.stats.commands_applied;
            break;
        case CommandOutcome::Status::not_here:
            ++s.stats.commands_not_here;
            break;
        case CommandOutcome::Status::rejected:
            ++s.stats.commands_rejected;
            log_line(s, "Error: External command failed -> " + described);
            s.log->warn("external command rejected: {}: {}", cmd.spec->name, outcome.message);
            outcome.message = std::string(cmd.spec->name) + ": " + outcome.message;
            break;
    }
    return outcome;
}

CommandHandler find_handler(std::string_view name) {
    if (CommandHandler h = switch_handler(name)) {
        return h;
    }
    if (CommandHandler h = check_handler(name)) {
        return h;
    }
    return operator_handler(name);
}

}  // namespace yagura::engine::detail
