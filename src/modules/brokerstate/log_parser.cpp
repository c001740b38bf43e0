// Nagios log lines into the log table's columns, the way Nagios' and Checkmk's Livestatus
// classify them: "SERVICE ALERT: host;svc;CRITICAL;HARD;3;output" and its relatives.
#include <array>
#include <string>
#include <vector>

#include <yagura/core/strings.hpp>
#include <yagura/modules/brokerstate/log_store.hpp>

namespace yagura::modules::brokerstate {

using livestatus::LogClass;
using livestatus::LogEntry;

namespace {

// The fields after "TYPE: ", split on ';' (the output, last, may contain ';' itself).
std::vector<std::string> fields(std::string_view text, std::size_t count) {
    std::vector<std::string> out;
    while (out.size() + 1 < count) {
        auto cut = text.find(';');
        if (cut == std::string_view::npos) {
            break;
        }
        out.emplace_back(text.substr(0, cut));
        text.remove_prefix(cut + 1);
    }
    out.emplace_back(text);
    out.resize(count);
    return out;
}

int service_state(std::string_view name) {
    if (core::starts_with(name, "OK") || core::starts_with(name, "RECOVERY")) {
        return 0;
    }
    if (core::starts_with(name, "WARNING")) {
        return 1;
    }
    if (core::starts_with(name, "CRITICAL")) {
        return 2;
    }
    return 3;
}

int host_state(std::string_view name) {
    if (core::starts_with(name, "UP") || core::starts_with(name, "RECOVERY")) {
        return 0;
    }
    if (core::starts_with(name, "DOWN")) {
        return 1;
    }
    if (core::starts_with(name, "UNREACHABLE")) {
        return 2;
    }
    return 3;
}

// "(CRITICAL)" in "CUSTOM (CRITICAL)" or "ACKNOWLEDGEMENT (WARNING)" names the state.
std::string_view state_word(std::string_view text) {
    auto open = text.find('(');
    auto close = text.rfind(')');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
        return text.substr(open + 1, close - open - 1);
    }
    return text;
}

int to_int(std::string_view text) {
    return static_cast<int>(core::parse_int(text).value_or(0));
}

void alert_or_state(LogEntry& e, bool service) {
    auto f = fields(e.options, service ? 6 : 5);
    std::size_t i = 0;
    e.host_name = f[i++];
    if (service) {
        e.service_description = f[i++];
    }
    e.state = service ? service_state(f[i]) : host_state(f[i]);
    ++i;
    e.state_type = f[i++];
    e.attempt = to_int(f[i++]);
    e.plugin_output = f[i];
}

void notification(LogEntry& e, bool service) {
    // CONTACT;HOST[;SERVICE];STATE;COMMAND;OUTPUT
    auto f = fields(e.options, service ? 6 : 5);
    std::size_t i = 0;
    e.contact_name = f[i++];
    e.host_name = f[i++];
    if (service) {
        e.service_description = f[i++];
    }
    e.state_type = f[i];
    auto word = state_word(f[i++]);
    e.state = service ? service_state(word) : host_state(word);
    e.command_name = f[i++];
    e.plugin_output = f[i];
}

void passive_check(LogEntry& e, bool service) {
    auto f = fields(e.options, service ? 4 : 3);
    std::size_t i = 0;
    e.host_name = f[i++];
    if (service) {
        e.service_description = f[i++];
    }
    e.state = to_int(f[i++]);
    e.plugin_output = f[i];
}

void downtime_or_flapping(LogEntry& e, bool service) {
    // HOST;[SERVICE;]STARTED|STOPPED|...;comment
    auto f = fields(e.options, service ? 4 : 3);
    std::size_t i = 0;
    e.host_name = f[i++];
    if (service) {
        e.service_description = f[i++];
    }
    e.state_type = f[i++];
    e.comment = f[i];
}

void external_command(LogEntry& e) {
    auto f = fields(e.options, 3);
    e.command_name = f[0];
    bool names_service = e.command_name.find("_SVC") != std::string::npos;
    bool names_host = e.command_name.find("_HOST") != std::string::npos &&
                      e.command_name.find("_HOSTGROUP") == std::string::npos;
    if (names_service || names_host) {
        e.host_name = f[1];
    }
    if (names_service) {
        e.service_description = f[2].substr(0, f[2].find(';'));
    }
}

struct Kind {
    std::string_view type;
    LogClass log_class;
    void (*parse)(LogEntry&, bool);
    bool service;
};

const std::array<Kind, 20> kinds = {{
    {"SERVICE ALERT", LogClass::alert, alert_or_state, true},
    {"HOST ALERT", LogClass::alert, alert_or_state, false},
    {"INITIAL SERVICE STATE", LogClass::state, alert_or_state, true},
    {"INITIAL HOST STATE", LogClass::state, alert_or_state, false},
    {"CURRENT SERVICE STATE", LogClass::state, alert_or_state, true},
    {"CURRENT HOST STATE", LogClass::state, alert_or_state, false},
    {"SERVICE NOTIFICATION", LogClass::notification, notification, true},
    {"HOST NOTIFICATION", LogClass::notification, notification, false},
    {"PASSIVE SERVICE CHECK", LogClass::passive_check, passive_check, true},
    {"PASSIVE HOST CHECK", LogClass::passive_check, passive_check, false},
    {"SERVICE DOWNTIME ALERT", LogClass::alert, downtime_or_flapping, true},
    {"HOST DOWNTIME ALERT", LogClass::alert, downtime_or_flapping, false},
    {"SERVICE FLAPPING ALERT", LogClass::alert, downtime_or_flapping, true},
    {"HOST FLAPPING ALERT", LogClass::alert, downtime_or_flapping, false},
    {"SERVICE ACKNOWLEDGE ALERT", LogClass::alert, downtime_or_flapping, true},
    {"HOST ACKNOWLEDGE ALERT", LogClass::alert, downtime_or_flapping, false},
    {"SERVICE EVENT HANDLER", LogClass::info, downtime_or_flapping, true},
    {"HOST EVENT HANDLER", LogClass::info, downtime_or_flapping, false},
    {"TIMEPERIOD TRANSITION", LogClass::state, nullptr, false},
    {"EXTERNAL COMMAND", LogClass::command, nullptr, false},
}};

bool is_program_message(std::string_view message) {
    for (std::string_view marker : {"starting...", "shutting down...", "Bailing out",
                                    "restarting...", "LOG VERSION", "logging initial states"}) {
        if (message.find(marker) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace

LogEntry parse_log_message(std::string_view message, double time) {
    LogEntry entry;
    entry.time = time;
    entry.message = std::string(message);
    auto colon = message.find(": ");
    if (colon != std::string_view::npos) {
        auto type = message.substr(0, colon);
        for (const auto& kind : kinds) {
            if (type != kind.type) {
                continue;
            }
            entry.type = std::string(type);
            entry.options = std::string(message.substr(colon + 2));
            entry.log_class = kind.log_class;
            if (kind.parse != nullptr) {
                kind.parse(entry, kind.service);
            } else if (entry.log_class == LogClass::command) {
                external_command(entry);
            }
            return entry;
        }
    }
    entry.log_class = is_program_message(message) ? LogClass::program : LogClass::info;
    return entry;
}

}  // namespace yagura::modules::brokerstate
