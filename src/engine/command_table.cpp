// The table of external commands (Shinken's external_command.py list, plus the Nagios 4
// commands it lacks) and the parser that checks a line against it.
#include <algorithm>
#include <array>

#include <yagura/core/strings.hpp>
#include <yagura/engine/external_commands.hpp>

namespace yagura::engine {

namespace {

constexpr bool G = true;   // global: every scheduler
constexpr bool L = false;  // per host: the scheduler owning the host

// Sorted by name (checked by a test): find_external_command is a binary search.
constexpr std::array kCommands = std::to_array<ExternalCommandSpec>({
    {"ACKNOWLEDGE_HOST_PROBLEM", L, "Hibbsx"},
    {"ACKNOWLEDGE_HOST_PROBLEM_EXPIRE", L, "Hibbtsx"},
    {"ACKNOWLEDGE_SVC_PROBLEM", L, "Sibbsx"},
    {"ACKNOWLEDGE_SVC_PROBLEM_EXPIRE", L, "Sibbtsx"},
    {"ADD_HOST_COMMENT", L, "Hbsx"},
    {"ADD_SVC_COMMENT", L, "Sbsx"},
    {"CHANGE_CONTACT_HOST_NOTIFICATION_TIMEPERIOD", G, "CP"},
    {"CHANGE_CONTACT_MODATTR", G, "Ci"},
    {"CHANGE_CONTACT_MODHATTR", G, "Ci"},
    {"CHANGE_CONTACT_MODSATTR", G, "Ci"},
    {"CHANGE_CONTACT_SVC_NOTIFICATION_TIMEPERIOD", G, "CP"},
    {"CHANGE_CUSTOM_CONTACT_VAR", G, "Csx"},
    {"CHANGE_CUSTOM_HOST_VAR", L, "Hsx"},
    {"CHANGE_CUSTOM_SVC_VAR", L, "Ssx"},
    {"CHANGE_GLOBAL_HOST_EVENT_HANDLER", G, "M"},
    {"CHANGE_GLOBAL_SVC_EVENT_HANDLER", G, "M"},
    {"CHANGE_HOST_CHECK_COMMAND", L, "HM"},
    {"CHANGE_HOST_CHECK_TIMEPERIOD", L, "HP"},
    {"CHANGE_HOST_EVENT_HANDLER", L, "HM"},
    {"CHANGE_HOST_MODATTR", L, "Hi"},
    {"CHANGE_HOST_NOTIFICATION_TIMEPERIOD", L, "HP"},
    {"CHANGE_MAX_HOST_CHECK_ATTEMPTS", L, "Hi"},
    {"CHANGE_MAX_SVC_CHECK_ATTEMPTS", L, "Si"},
    {"CHANGE_NORMAL_HOST_CHECK_INTERVAL", L, "Hn"},
    {"CHANGE_NORMAL_SVC_CHECK_INTERVAL", L, "Sn"},
    {"CHANGE_RETRY_HOST_CHECK_INTERVAL", L, "Hn"},
    {"CHANGE_RETRY_SVC_CHECK_INTERVAL", L, "Sn"},
    {"CHANGE_SVC_CHECK_COMMAND", L, "SM"},
    {"CHANGE_SVC_CHECK_TIMEPERIOD", L, "SP"},
    {"CHANGE_SVC_EVENT_HANDLER", L, "SM"},
    {"CHANGE_SVC_MODATTR", L, "Si"},
    {"CHANGE_SVC_NOTIFICATION_TIMEPERIOD", L, "SP"},
    {"CLEAR_HOST_FLAPPING_STATE", L, "H"},
    {"CLEAR_SVC_FLAPPING_STATE", L, "S"},
    {"DELAY_HOST_NOTIFICATION", L, "Ht"},
    {"DELAY_SVC_NOTIFICATION", L, "St"},
    {"DEL_ALL_HOST_COMMENTS", L, "H"},
    {"DEL_ALL_HOST_DOWNTIMES", L, "H"},
    {"DEL_ALL_SVC_COMMENTS", L, "S"},
    {"DEL_ALL_SVC_DOWNTIMES", L, "S"},
    {"DEL_CONTACT_DOWNTIME", G, "i"},
    {"DEL_DOWNTIME_BY_HOSTGROUP_NAME", G, "G|ssts"},
    {"DEL_DOWNTIME_BY_HOST_NAME", L, "H|sts"},
    {"DEL_DOWNTIME_BY_START_TIME_COMMENT", G, "t|s"},
    {"DEL_HOST_COMMENT", G, "i"},
    {"DEL_HOST_DOWNTIME", G, "i"},
    {"DEL_SVC_COMMENT", G, "i"},
    {"DEL_SVC_DOWNTIME", G, "i"},
    {"DISABLE_ALL_NOTIFICATIONS_BEYOND_HOST", L, "H"},
    {"DISABLE_CONTACTGROUP_HOST_NOTIFICATIONS", G, "K"},
    {"DISABLE_CONTACTGROUP_SVC_NOTIFICATIONS", G, "K"},
    {"DISABLE_CONTACT_HOST_NOTIFICATIONS", G, "C"},
    {"DISABLE_CONTACT_SVC_NOTIFICATIONS", G, "C"},
    {"DISABLE_EVENT_HANDLERS", G, ""},
    {"DISABLE_FAILURE_PREDICTION", G, ""},
    {"DISABLE_FLAP_DETECTION", G, ""},
    {"DISABLE_HOSTGROUP_HOST_CHECKS", G, "G"},
    {"DISABLE_HOSTGROUP_HOST_NOTIFICATIONS", G, "G"},
    {"DISABLE_HOSTGROUP_PASSIVE_HOST_CHECKS", G, "G"},
    {"DISABLE_HOSTGROUP_PASSIVE_SVC_CHECKS", G, "G"},
    {"DISABLE_HOSTGROUP_SVC_CHECKS", G, "G"},
    {"DISABLE_HOSTGROUP_SVC_NOTIFICATIONS", G, "G"},
    {"DISABLE_HOST_AND_CHILD_NOTIFICATIONS", L, "H"},
    {"DISABLE_HOST_CHECK", L, "H"},
    {"DISABLE_HOST_EVENT_HANDLER", L, "H"},
    {"DISABLE_HOST_FLAP_DETECTION", L, "H"},
    {"DISABLE_HOST_FRESHNESS_CHECKS", G, ""},
    {"DISABLE_HOST_NOTIFICATIONS", L, "H"},
    {"DISABLE_HOST_SVC_CHECKS", L, "H"},
    {"DISABLE_HOST_SVC_NOTIFICATIONS", L, "H"},
    {"DISABLE_NOTIFICATIONS", G, ""},
    {"DISABLE_PASSIVE_HOST_CHECKS", L, "H"},
    {"DISABLE_PASSIVE_SVC_CHECKS", L, "S"},
    {"DISABLE_PERFORMANCE_DATA", G, ""},
    {"DISABLE_SERVICEGROUP_HOST_CHECKS", G, "Q"},
    {"DISABLE_SERVICEGROUP_HOST_NOTIFICATIONS", G, "Q"},
    {"DISABLE_SERVICEGROUP_PASSIVE_HOST_CHECKS", G, "Q"},
    {"DISABLE_SERVICEGROUP_PASSIVE_SVC_CHECKS", G, "Q"},
    {"DISABLE_SERVICEGROUP_SVC_CHECKS", G, "Q"},
    {"DISABLE_SERVICEGROUP_SVC_NOTIFICATIONS", G, "Q"},
    {"DISABLE_SERVICE_FLAP_DETECTION", L, "S"},
    {"DISABLE_SERVICE_FRESHNESS_CHECKS", G, ""},
    {"DISABLE_SVC_CHECK", L, "S"},
    {"DISABLE_SVC_EVENT_HANDLER", L, "S"},
    {"DISABLE_SVC_FLAP_DETECTION", L, "S"},
    {"DISABLE_SVC_NOTIFICATIONS", L, "S"},
    {"ENABLE_ALL_NOTIFICATIONS_BEYOND_HOST", L, "H"},
    {"ENABLE_CONTACTGROUP_HOST_NOTIFICATIONS", G, "K"},
    {"ENABLE_CONTACTGROUP_SVC_NOTIFICATIONS", G, "K"},
    {"ENABLE_CONTACT_HOST_NOTIFICATIONS", G, "C"},
    {"ENABLE_CONTACT_SVC_NOTIFICATIONS", G, "C"},
    {"ENABLE_EVENT_HANDLERS", G, ""},
    {"ENABLE_FAILURE_PREDICTION", G, ""},
    {"ENABLE_FLAP_DETECTION", G, ""},
    {"ENABLE_HOSTGROUP_HOST_CHECKS", G, "G"},
    {"ENABLE_HOSTGROUP_HOST_NOTIFICATIONS", G, "G"},
    {"ENABLE_HOSTGROUP_PASSIVE_HOST_CHECKS", G, "G"},
    {"ENABLE_HOSTGROUP_PASSIVE_SVC_CHECKS", G, "G"},
    {"ENABLE_HOSTGROUP_SVC_CHECKS", G, "G"},
    {"ENABLE_HOSTGROUP_SVC_NOTIFICATIONS", G, "G"},
    {"ENABLE_HOST_AND_CHILD_NOTIFICATIONS", L, "H"},
    {"ENABLE_HOST_CHECK", L, "H"},
    {"ENABLE_HOST_EVENT_HANDLER", L, "H"},
    {"ENABLE_HOST_FLAP_DETECTION", L, "H"},
    {"ENABLE_HOST_FRESHNESS_CHECKS", G, ""},
    {"ENABLE_HOST_NOTIFICATIONS", L, "H"},
    {"ENABLE_HOST_SVC_CHECKS", L, "H"},
    {"ENABLE_HOST_SVC_NOTIFICATIONS", L, "H"},
    {"ENABLE_NOTIFICATIONS", G, ""},
    {"ENABLE_PASSIVE_HOST_CHECKS", L, "H"},
    {"ENABLE_PASSIVE_SVC_CHECKS", L, "S"},
    {"ENABLE_PERFORMANCE_DATA", G, ""},
    {"ENABLE_SERVICEGROUP_HOST_CHECKS", G, "Q"},
    {"ENABLE_SERVICEGROUP_HOST_NOTIFICATIONS", G, "Q"},
    {"ENABLE_SERVICEGROUP_PASSIVE_HOST_CHECKS", G, "Q"},
    {"ENABLE_SERVICEGROUP_PASSIVE_SVC_CHECKS", G, "Q"},
    {"ENABLE_SERVICEGROUP_SVC_CHECKS", G, "Q"},
    {"ENABLE_SERVICEGROUP_SVC_NOTIFICATIONS", G, "Q"},
    {"ENABLE_SERVICE_FLAP_DETECTION", L, "S"},
    {"ENABLE_SERVICE_FRESHNESS_CHECKS", G, ""},
    {"ENABLE_SVC_CHECK", L, "S"},
    {"ENABLE_SVC_EVENT_HANDLER", L, "S"},
    {"ENABLE_SVC_FLAP_DETECTION", L, "S"},
    {"ENABLE_SVC_NOTIFICATIONS", L, "S"},
    {"LAUNCH_HOST_EVENT_HANDLER", L, "H"},
    {"LAUNCH_SVC_EVENT_HANDLER", L, "S"},
    {"PROCESS_FILE", G, "sb"},
    {"PROCESS_HOST_CHECK_RESULT", L, "Hix"},
    {"PROCESS_HOST_OUTPUT", L, "Hx"},
    {"PROCESS_SERVICE_CHECK_RESULT", L, "Six"},
    {"PROCESS_SERVICE_OUTPUT", L, "Sx"},
    {"READ_STATE_INFORMATION", G, ""},
    {"RELOAD_CONFIG", G, ""},
    {"REMOVE_HOST_ACKNOWLEDGEMENT", L, "H"},
    {"REMOVE_SVC_ACKNOWLEDGEMENT", L, "S"},
    {"RESTART_PROCESS", G, ""},
    {"RESTART_PROGRAM", G, ""},
    {"SAVE_STATE_INFORMATION", G, ""},
    {"SCHEDULE_AND_PROPAGATE_HOST_DOWNTIME", L, "Httbiisx"},
    {"SCHEDULE_AND_PROPAGATE_TRIGGERED_HOST_DOWNTIME", L, "Httbiisx"},
    {"SCHEDULE_CONTACT_DOWNTIME", G, "Cttsx"},
    {"SCHEDULE_FORCED_HOST_CHECK", L, "Ht"},
    {"SCHEDULE_FORCED_HOST_SVC_CHECKS", L, "Ht"},
    {"SCHEDULE_FORCED_SVC_CHECK", L, "St"},
    {"SCHEDULE_HOSTGROUP_HOST_DOWNTIME", G, "Gttbiisx"},
    {"SCHEDULE_HOSTGROUP_SVC_DOWNTIME", G, "Gttbiisx"},
    {"SCHEDULE_HOST_CHECK", L, "Ht"},
    {"SCHEDULE_HOST_DOWNTIME", L, "Httbiisx"},
    {"SCHEDULE_HOST_SVC_CHECKS", L, "Ht"},
    {"SCHEDULE_HOST_SVC_DOWNTIME", L, "Httbiisx"},
    {"SCHEDULE_SERVICEGROUP_HOST_DOWNTIME", G, "Qttbiisx"},
    {"SCHEDULE_SERVICEGROUP_SVC_DOWNTIME", G, "Qttbiisx"},
    {"SCHEDULE_SVC_CHECK", L, "St"},
    {"SCHEDULE_SVC_DOWNTIME", L, "Sttbiisx"},
    {"SEND_CUSTOM_HOST_NOTIFICATION", L, "Hisx"},
    {"SEND_CUSTOM_SVC_NOTIFICATION", L, "Sisx"},
    {"SET_HOST_NOTIFICATION_NUMBER", L, "Hi"},
    {"SET_SVC_NOTIFICATION_NUMBER", L, "Si"},
    {"SHUTDOWN_PROCESS", G, ""},
    {"SHUTDOWN_PROGRAM", G, ""},
    {"START_ACCEPTING_PASSIVE_HOST_CHECKS", G, ""},
    {"START_ACCEPTING_PASSIVE_SVC_CHECKS", G, ""},
    {"START_EXECUTING_HOST_CHECKS", G, ""},
    {"START_EXECUTING_SVC_CHECKS", G, ""},
    {"START_OBSESSING_OVER_HOST", L, "H"},
    {"START_OBSESSING_OVER_HOST_CHECKS", G, ""},
    {"START_OBSESSING_OVER_SVC", L, "S"},
    {"START_OBSESSING_OVER_SVC_CHECKS", G, ""},
    {"STOP_ACCEPTING_PASSIVE_HOST_CHECKS", G, ""},
    {"STOP_ACCEPTING_PASSIVE_SVC_CHECKS", G, ""},
    {"STOP_EXECUTING_HOST_CHECKS", G, ""},
    {"STOP_EXECUTING_SVC_CHECKS", G, ""},
    {"STOP_OBSESSING_OVER_HOST", L, "H"},
    {"STOP_OBSESSING_OVER_HOST_CHECKS", G, ""},
    {"STOP_OBSESSING_OVER_SVC", L, "S"},
    {"STOP_OBSESSING_OVER_SVC_CHECKS", G, ""},
});

std::size_t field_count(std::string_view letters) {
    std::size_t n = 0;
    for (char c : letters) {
        if (c == '|') {
            continue;
        }
        n += c == 'S' ? 2 : 1;
    }
    return n;
}

bool valid_bool(std::string_view text) {
    return core::parse_int(text).has_value() || core::parse_bool(text).has_value();
}

// What is wrong with a field of type `letter`, or "".
std::string check_field(char letter, std::string_view text) {
    switch (letter) {
        case 'i':
            return core::parse_int(text) ? "" : "expects an integer";
        case 'n':
            return core::parse_double(text) ? "" : "expects a number";
        case 't': {
            auto t = core::parse_double(text);
            return t && *t >= 0 ? "" : "expects an epoch timestamp";
        }
        case 'b':
            return valid_bool(text) ? "" : "expects 0 or 1";
        case 'H':
        case 'G':
        case 'Q':
        case 'C':
        case 'K':
        case 'P':
        case 'M':
            return core::trim(text).empty() ? "expects a name" : "";
        default:
            return "";
    }
}

std::string_view letter_meaning(char letter) {
    switch (letter) {
        case 'H':
            return "host_name";
        case 'G':
            return "hostgroup_name";
        case 'Q':
            return "servicegroup_name";
        case 'C':
            return "contact_name";
        case 'K':
            return "contactgroup_name";
        case 'P':
            return "timeperiod";
        case 'M':
            return "command";
        case 'i':
            return "integer";
        case 'n':
            return "number";
        case 't':
            return "timestamp";
        case 'b':
            return "0|1";
        case 's':
            return "string";
        case 'x':
            return "text";
        default:
            return "?";
    }
}

// "host_name;service_description;0|1;..." for error messages.
std::string usage(const ExternalCommandSpec& spec) {
    std::string out(spec.name);
    bool optional = false;
    for (char c : spec.signature) {
        if (c == '|') {
            optional = true;
            continue;
        }
        out += optional ? "[;" : ";";
        if (c == 'S') {
            out += "host_name;service_description";
        } else {
            out += letter_meaning(c);
        }
        if (optional) {
            out += ']';
        }
    }
    return out;
}

}  // namespace

std::size_t ExternalCommandSpec::required_fields() const {
    return field_count(signature.substr(0, signature.find('|')));
}

std::size_t ExternalCommandSpec::max_fields() const {
    return field_count(signature);
}

int ExternalCommandSpec::host_field() const {
    if (global || signature.empty()) {
        return -1;
    }
    return signature.front() == 'H' || signature.front() == 'S' ? 0 : -1;
}

std::span<const ExternalCommandSpec> external_command_table() {
    return kCommands;
}

const ExternalCommandSpec* find_external_command(std::string_view name) {
    auto it = std::lower_bound(
        kCommands.begin(), kCommands.end(), name,
        [](const ExternalCommandSpec& spec, std::string_view n) { return spec.name < n; });
    if (it == kCommands.end() || it->name != name) {
        return nullptr;
    }
    return &*it;
}

std::string_view ParsedCommand::host_name() const {
    if (spec == nullptr) {
        return {};
    }
    int field = spec->host_field();
    if (field < 0 || static_cast<std::size_t>(field) >= fields.size()) {
        return {};
    }
    return core::trim(fields[static_cast<std::size_t>(field)]);
}

CommandParse parse_external_command(std::string_view line) {
    CommandParse result;
    line = core::trim(line);
    ParsedCommand cmd;
    if (!line.empty() && line.front() == '[') {
        auto close = line.find(']');
        if (close == std::string_view::npos) {
            result.error = "malformed command: '[' without ']' around the timestamp";
            return result;
        }
        auto ts = core::parse_double(line.substr(1, close - 1));
        if (!ts || *ts < 0) {
            result.error = "malformed command: the timestamp '" +
                           std::string(line.substr(1, close - 1)) + "' is not an epoch time";
            return result;
        }
        cmd.timestamp = *ts;
        line = core::trim(line.substr(close + 1));
    }
    auto semicolon = line.find(';');
    std::string_view name = core::trim(line.substr(0, semicolon));
    if (name.empty()) {
        result.error = "malformed command: no command name";
        return result;
    }
    cmd.spec = find_external_command(name);
    if (cmd.spec == nullptr) {
        result.error = "unknown command '" + std::string(name) + "'";
        return result;
    }
    const ExternalCommandSpec& spec = *cmd.spec;
    cmd.args_text =
        semicolon == std::string_view::npos ? std::string_view{} : line.substr(semicolon + 1);
    const std::size_t max = spec.max_fields();
    const bool text_last = !spec.signature.empty() && spec.signature.back() == 'x';
    if (semicolon != std::string_view::npos && !(max == 0 && cmd.args_text.empty())) {
        std::string_view rest = cmd.args_text;
        for (;;) {
            if (text_last && cmd.fields.size() + 1 == max) {
                cmd.fields.push_back(rest);  // free text keeps its semicolons
                break;
            }
            auto next = rest.find(';');
            cmd.fields.push_back(rest.substr(0, next));
            if (next == std::string_view::npos) {
                break;
            }
            rest = rest.substr(next + 1);
        }
    }
    if (cmd.fields.size() < spec.required_fields() || cmd.fields.size() > max) {
        result.error = std::string(spec.name) + " expects " +
                       std::to_string(spec.required_fields()) +
                       (max != spec.required_fields() ? " to " + std::to_string(max) : "") +
                       " arguments (" + usage(spec) + "), got " + std::to_string(cmd.fields.size());
        return result;
    }
    std::size_t field = 0;
    for (char letter : spec.signature) {
        if (letter == '|') {
            continue;
        }
        if (field >= cmd.fields.size()) {
            break;
        }
        if (letter == 'S') {
            if (core::trim(cmd.fields[field]).empty() ||
                core::trim(cmd.fields[field + 1]).empty()) {
                result.error = std::string(spec.name) + ": expects a host and a service name";
                return result;
            }
            field += 2;
            continue;
        }
        std::string problem = check_field(letter, cmd.fields[field]);
        if (!problem.empty()) {
            result.error = std::string(spec.name) + ": argument " + std::to_string(field + 1) +
                           " ('" + std::string(cmd.fields[field]) + "') " + problem + " (" +
                           usage(spec) + ")";
            return result;
        }
        ++field;
    }
    result.command = std::move(cmd);
    return result;
}

}  // namespace yagura::engine
