#include "log_lines.hpp"

#include <cmath>
#include <cstdio>

#include "broks.hpp"

namespace yagura::engine::detail {

namespace {

std::string_view type_name(const model::Checkable& c) {
    return model::state_type_name(c.state_type);
}

// "HOST;" or "HOST;SERVICE;" prefix of most lines.
void append_names(const EngineState& s, ElementId e, std::string& out) {
    out += host_name(s, e);
    out += ';';
    if (!is_host(s, e)) {
        out += service_description(s, e);
        out += ';';
    }
}

std::string_view kind(const EngineState& s, ElementId e) {
    return is_host(s, e) ? "HOST" : "SERVICE";
}

}  // namespace

std::string dhms(double seconds) {
    auto total = static_cast<long long>(seconds < 0 ? 0 : seconds);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%lldd %lldh %lldm %llds", total / 86400,
                  total % 86400 / 3600, total % 3600 / 60, total % 60);
    return buffer;
}

namespace {

// "<before>HOST<after>host;STATE;TYPE;attempt;output" (ALERT and CURRENT STATE lines).
std::string state_line(const EngineState& s, ElementId e, std::string_view before,
                       std::string_view after) {
    const model::Checkable& c = checkable(s, e);
    std::string line(before);
    line += kind(s, e);
    line += after;
    append_names(s, e, line);
    line += state_name(s, e);
    line += ';';
    line += type_name(c);
    line += ';';
    line += std::to_string(c.attempt);
    line += ';';
    line += c.output.view();
    return line;
}

}  // namespace

void log_alert(EngineState& s, ElementId e) {
    const model::Globals& g = s.cfg.globals;
    if (checkable(s, e).state_type == model::StateType::soft &&
        !(is_host(s, e) ? g.log_host_retries : g.log_service_retries)) {
        return;
    }
    publish_log(s, state_line(s, e, "", " ALERT: "));
}

std::string initial_state_line(const EngineState& s, ElementId e) {
    return state_line(s, e, "CURRENT ", " STATE: ");
}

void log_notification(EngineState& s, ElementId e, std::string_view contact, NotificationType type,
                      std::string_view command_name, std::string_view author,
                      std::string_view comment) {
    if (!s.cfg.globals.log_notifications) {
        return;
    }
    const model::Checkable& c = checkable(s, e);
    std::string line(kind(s, e));
    line += " NOTIFICATION: ";
    line += contact;
    line += ';';
    append_names(s, e, line);
    if (type == NotificationType::problem || type == NotificationType::recovery) {
        line += state_name(s, e);
    } else {
        line += to_string(type);
        line += " (";
        line += state_name(s, e);
        line += ')';
    }
    line += ';';
    line += command_name;
    line += ';';
    line += c.output.view();
    if (type == NotificationType::acknowledgement || type == NotificationType::custom) {
        line += ';';
        line += author;
        line += ';';
        line += comment;
    }
    publish_log(s, line);
}

void log_event_handler(EngineState& s, ElementId e, std::string_view handler, bool global) {
    if (!s.cfg.globals.log_event_handlers) {
        return;
    }
    const model::Checkable& c = checkable(s, e);
    std::string line = global ? "GLOBAL " : "";
    line += kind(s, e);
    line += " EVENT HANDLER: ";
    append_names(s, e, line);
    line += state_name(s, e);
    line += ';';
    line += type_name(c);
    line += ';';
    line += std::to_string(c.attempt);
    line += ';';
    line += handler;
    publish_log(s, line);
}

void log_flapping(EngineState& s, ElementId e, FlapEvent event, double percent, double threshold) {
    const bool host = is_host(s, e);
    std::string line(kind(s, e));
    line += " FLAPPING ALERT: ";
    append_names(s, e, line);
    char detail[160];
    switch (event) {
        case FlapEvent::started:
            std::snprintf(detail, sizeof detail,
                          "STARTED; %s appears to have started flapping (%2.1f%% change %s "
                          "%2.1f%% threshold)",
                          host ? "Host" : "Service", percent, host ? ">" : ">=", threshold);
            break;
        case FlapEvent::stopped:
            std::snprintf(detail, sizeof detail,
                          "STOPPED; %s appears to have stopped flapping (%2.1f%% change < "
                          "%2.1f%% threshold)",
                          host ? "Host" : "Service", percent, threshold);
            break;
        case FlapEvent::disabled:
            std::snprintf(detail, sizeof detail, "DISABLED; Flap detection has been disabled");
            break;
    }
    line += detail;
    publish_log(s, line);
}

void log_downtime(EngineState& s, ElementId e, DowntimeEvent event) {
    const bool host = is_host(s, e);
    std::string line(kind(s, e));
    line += " DOWNTIME ALERT: ";
    append_names(s, e, line);
    switch (event) {
        case DowntimeEvent::started:
            line += host ? "STARTED; Host has entered a period of scheduled downtime"
                         : "STARTED; Service has entered a period of scheduled downtime";
            break;
        case DowntimeEvent::stopped:
            line += host ? "STOPPED; Host has exited from a period of scheduled downtime"
                         : "STOPPED; Service has exited from a period of scheduled downtime";
            break;
        case DowntimeEvent::cancelled:
            line += host ? "CANCELLED; Scheduled downtime for host has been cancelled."
                         : "CANCELLED; Scheduled downtime for service has been cancelled.";
            break;
    }
    publish_log(s, line);
}

void log_passive_check(EngineState& s, ElementId e, int code, std::string_view output) {
    if (!s.cfg.globals.log_passive_checks) {
        return;
    }
    std::string line = "PASSIVE ";
    line += kind(s, e);
    line += " CHECK: ";
    append_names(s, e, line);
    line += std::to_string(code);
    line += ';';
    line += output;
    publish_log(s, line);
}

void log_stale(EngineState& s, ElementId e, double stale_by, double threshold) {
    std::string line;
    if (is_host(s, e)) {
        line = "Warning: The results of host '" + std::string(host_name(s, e)) + "' are stale by " +
               dhms(stale_by) + " (threshold=" + dhms(threshold) +
               ").  I'm forcing an immediate check of the host.";
    } else {
        line = "Warning: The results of service '" + std::string(service_description(s, e)) +
               "' on host '" + std::string(host_name(s, e)) + "' are stale by " + dhms(stale_by) +
               " (threshold=" + dhms(threshold) +
               ").  I'm forcing an immediate check of the service.";
    }
    s.log->warn("{}", line);
    publish_log(s, line);
}

}  // namespace yagura::engine::detail
