// Commands about checks: passive results, scheduling, and the CHANGE_* of check and
// notification attributes (each sets its modified-attribute bit, so retention keeps it over
// the configuration's value).
#include <algorithm>
#include <array>
#include <string>

#include <yagura/model/schema.hpp>

#include "checks.hpp"
#include "commands.hpp"
#include "log_lines.hpp"
#include "prepare.hpp"
#include "schedule.hpp"
#include "state_machine.hpp"

namespace yagura::engine::detail {

namespace {

// A passive result's text, Nagios 4's way: "\n" written as two characters is a new line; the
// first line is "output|perfdata", the next ones long output until a line holds a '|', from
// where on everything is more perfdata.
struct PassiveText {
    std::string output;
    std::string long_output;
    std::string perf_data;
};

PassiveText split_passive_output(std::string_view raw) {
    std::string text;
    text.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == 'n') {
            text += '\n';
            ++i;
        } else {
            text += raw[i];
        }
    }
    PassiveText out;
    std::string_view rest = text;
    auto eol = rest.find('\n');
    std::string_view first = rest.substr(0, eol);
    auto bar = first.find('|');
    out.output = std::string(first.substr(0, bar));
    if (bar != std::string_view::npos) {
        out.perf_data = std::string(first.substr(bar + 1));
    }
    bool in_perf = false;
    while (eol != std::string_view::npos) {
        rest = rest.substr(eol + 1);
        eol = rest.find('\n');
        std::string_view line = rest.substr(0, eol);
        if (!in_perf) {
            auto pipe = line.find('|');
            if (pipe == std::string_view::npos) {
                if (!out.long_output.empty()) {
                    out.long_output += '\n';
                }
                out.long_output += line;
                continue;
            }
            if (!out.long_output.empty() && pipe > 0) {
                out.long_output += '\n';
            }
            out.long_output += line.substr(0, pipe);
            line = line.substr(pipe + 1);
            in_perf = true;
        }
        if (!out.perf_data.empty() && !line.empty()) {
            out.perf_data += ' ';
        }
        out.perf_data += line;
    }
    return out;
}

CommandOutcome process_result(EngineState& s, ElementId e, int code, std::string_view raw,
                              double timestamp) {
    model::Checkable& c = checkable(s, e);
    const model::Globals& g = s.cfg.globals;
    const bool global =
        is_host(s, e) ? g.accept_passive_host_checks : g.accept_passive_service_checks;
    if (!global || !c.passive_checks_enabled) {
        return rejected("passive checks are disabled for " + element_name(s, e) +
                        (global ? "" : " (program-wide)"));
    }
    const EpochSeconds when = timestamp > 0 ? timestamp : s.now();
    if (when < c.last_chk) {
        ++s.stats.late_passive_results;
        return rejected("the result (at " + std::to_string(static_cast<long long>(when)) +
                        ") is older than the last check of " + element_name(s, e) + ": ignored");
    }
    PassiveText text = split_passive_output(raw);
    log_passive_check(s, e, code, text.output);
    CheckOutcome o;
    o.exit_status = code;
    o.output = text.output;
    o.long_output = text.long_output;
    o.perf_data = text.perf_data;
    o.check_time = when;
    o.passive = true;
    consume_check_result(s, e, o);
    if (s.started) {
        plan_next_check(s, e, 0);  // a passive element's freshness deadline moves on
    }
    return applied();
}

CommandOutcome process_check_result(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    std::int64_t code = call.args[1].integer;
    if (is_host(s, e)) {
        if (code < 0 || code > 2) {
            return rejected("a host result is 0 (UP), 1 (DOWN) or 2 (UNREACHABLE), not " +
                            std::to_string(code));
        }
    } else if (code < 0 || code > 3) {
        code = 3;  // Nagios: UNKNOWN
    }
    return process_result(s, e, static_cast<int>(code), call.args[2].text, call.timestamp);
}

CommandOutcome process_output(EngineState& s, const CommandRequest& call) {
    ElementId e = call.args[0].element;
    return process_result(s, e, state_id(s, e), call.args[1].text, call.timestamp);
}
// (A host's state id is also its passive result code: 0 UP, 1 DOWN, 2 UNREACHABLE.)

CommandOutcome schedule_check(EngineState& s, const CommandRequest& call) {
    std::string_view name = call.spec->name;
    const bool forced = name.find("FORCED") != std::string_view::npos;
    const bool all_services = name.find("_SVC_CHECKS") != std::string_view::npos;
    const ElementId e = call.args[0].element;
    const double t = call.args[1].number;
    const std::uint8_t flags = forced ? (kCheckForced | kCheckScheduled) : kCheckScheduled;
    std::vector<ElementId> elements;
    if (all_services) {
        for (std::uint32_t sv : s.cfg.pool.list(s.cfg.hosts[e].host_links.services.list)) {
            elements.push_back(s.elements.of_service(sv));
        }
    } else {
        elements.push_back(e);
        if (!forced && !active_checks_on(s, e)) {
            return rejected("active checks are disabled for " + element_name(s, e) +
                            " (SCHEDULE_FORCED_* runs it anyway)");
        }
    }
    for (ElementId x : elements) {
        request_check(s, x, t, flags);
        touch(s, x);
    }
    return applied();
}

CommandOutcome change_check_command(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    model::Checkable& c = checkable(s, e);
    c.check_command = s.cfg.pool.intern(call.args[1].text);
    c.links.check_command = call.args[1].call;
    c.modified_attributes |= model::kModCheckCommand;
    prepare_check(s, e, nullptr);
    touch(s, e);
    return applied();
}

CommandOutcome change_event_handler(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    model::Checkable& c = checkable(s, e);
    c.event_handler = s.cfg.pool.intern(call.args[1].text);
    c.links.event_handler = call.args[1].call;
    c.modified_attributes |= model::kModEventHandlerCommand;
    touch(s, e);
    return applied();
}

CommandOutcome change_global_handler(EngineState& s, const CommandRequest& call) {
    model::Globals& g = s.cfg.globals;
    const bool host = call.spec->name == "CHANGE_GLOBAL_HOST_EVENT_HANDLER";
    model::Symbol text = s.cfg.pool.intern(call.args[0].text);
    (host ? g.global_host_event_handler : g.global_service_event_handler) = text;
    (host ? s.global_host_handler : s.global_service_handler) = call.args[0].call;
    g.modified_attributes |= model::kModEventHandlerCommand;
    touch_global(s);
    return applied();
}

CommandOutcome change_period(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    model::Checkable& c = checkable(s, e);
    const Index period = call.args[1].index;
    model::Symbol name = s.cfg.timeperiods[period].timeperiod_name;
    if (call.spec->name.find("NOTIFICATION") != std::string_view::npos) {
        c.notification_period = name;
        c.links.notification_period = period;
        c.modified_attributes |= model::kModNotificationTimeperiod;
    } else {
        c.check_period = name;
        c.links.check_period = period;
        c.modified_attributes |= model::kModCheckTimeperiod;
    }
    touch(s, e);
    return applied();
}

CommandOutcome change_max_attempts(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    const std::int64_t attempts = call.args[1].integer;
    if (attempts < 1 || attempts > 1000000) {
        return rejected("max_check_attempts must be 1 or more, not " + std::to_string(attempts));
    }
    model::Checkable& c = checkable(s, e);
    c.max_check_attempts = static_cast<std::int32_t>(attempts);
    c.modified_attributes |= model::kModMaxCheckAttempts;
    if (c.state_type == model::StateType::hard && state_id(s, e) == 0 && c.attempt > 1) {
        c.attempt = c.max_check_attempts;
    }
    c.attempt = std::min(c.attempt, c.max_check_attempts);
    touch(s, e);
    return applied();
}

CommandOutcome change_interval(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    const double interval = call.args[1].number;
    if (interval < 0) {
        return rejected("an interval cannot be negative");
    }
    model::Checkable& c = checkable(s, e);
    if (call.spec->name.find("NORMAL") != std::string_view::npos) {
        c.check_interval = interval;
        c.modified_attributes |= model::kModNormalCheckInterval;
    } else {
        c.retry_interval = interval;
        c.modified_attributes |= model::kModRetryCheckInterval;
    }
    // An element that had no regular checks (interval 0) gets them now.
    if (s.started && s.rt[e].check_state == CheckState::idle) {
        plan_next_check(s, e, 0);
    }
    touch(s, e);
    return applied();
}

CommandOutcome change_modattr(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    checkable(s, e).modified_attributes = static_cast<std::uint32_t>(call.args[1].integer);
    touch(s, e);
    return applied();
}

CommandOutcome change_custom_var(EngineState& s, const CommandRequest& call) {
    std::string_view name = call.args[1].text;
    if (name.empty()) {
        return rejected("no variable name");
    }
    if (call.spec->name == "CHANGE_CUSTOM_CONTACT_VAR") {
        model::Contact& contact = s.cfg.contacts[call.args[0].index];
        model::set_custom_var(contact, name, call.args[2].text, s.cfg.pool);
        contact.modified_attributes |= model::kModCustomVariable;
        touch_global(s);
        return applied();
    }
    const ElementId e = call.args[0].element;
    model::Checkable& c = checkable(s, e);
    model::set_custom_var(c, name, call.args[2].text, s.cfg.pool);
    c.modified_attributes |= model::kModCustomVariable;
    touch(s, e);
    return applied();
}

void rebuild_contact_ways(EngineState& s, Index ci);

CommandOutcome change_contact(EngineState& s, const CommandRequest& call) {
    std::string_view name = call.spec->name;
    model::Contact& contact = s.cfg.contacts[call.args[0].index];
    if (name.find("TIMEPERIOD") != std::string_view::npos) {
        const Index period = call.args[1].index;
        model::Symbol period_name = s.cfg.timeperiods[period].timeperiod_name;
        if (name.find("_HOST_") != std::string_view::npos) {
            contact.host_notification_period = period_name;
            contact.links.notification.host_notification_period = period;
            contact.modified_host_attributes |= model::kModNotificationTimeperiod;
        } else {
            contact.service_notification_period = period_name;
            contact.links.notification.service_notification_period = period;
            contact.modified_service_attributes |= model::kModNotificationTimeperiod;
        }
        rebuild_contact_ways(s, call.args[0].index);
    } else {
        auto value = static_cast<std::uint32_t>(call.args[1].integer);
        if (name == "CHANGE_CONTACT_MODATTR") {
            contact.modified_attributes = value;
        } else if (name == "CHANGE_CONTACT_MODHATTR") {
            contact.modified_host_attributes = value;
        } else {
            contact.modified_service_attributes = value;
        }
    }
    touch_global(s);
    return applied();
}

void rebuild_contact_ways(EngineState& s, Index ci) {
    // The contact's own way is the first one when it has commands of its own.
    const model::Contact& c = s.cfg.contacts[ci];
    const model::NotificationLinks& own = c.links.notification;
    auto& ways = s.contact_ways[ci];
    if (!ways.empty() && ways.front().host_commands == &own.host_notification_commands) {
        ways.front().host_period = own.host_notification_period;
        ways.front().service_period = own.service_notification_period;
    }
}

constexpr auto kHandlers = std::to_array<NamedHandler>({
    {"PROCESS_HOST_CHECK_RESULT", process_check_result},
    {"PROCESS_SERVICE_CHECK_RESULT", process_check_result},
    {"PROCESS_HOST_OUTPUT", process_output},
    {"PROCESS_SERVICE_OUTPUT", process_output},
    {"SCHEDULE_HOST_CHECK", schedule_check},
    {"SCHEDULE_SVC_CHECK", schedule_check},
    {"SCHEDULE_FORCED_HOST_CHECK", schedule_check},
    {"SCHEDULE_FORCED_SVC_CHECK", schedule_check},
    {"SCHEDULE_HOST_SVC_CHECKS", schedule_check},
    {"SCHEDULE_FORCED_HOST_SVC_CHECKS", schedule_check},
    {"CHANGE_HOST_CHECK_COMMAND", change_check_command},
    {"CHANGE_SVC_CHECK_COMMAND", change_check_command},
    {"CHANGE_HOST_EVENT_HANDLER", change_event_handler},
    {"CHANGE_SVC_EVENT_HANDLER", change_event_handler},
    {"CHANGE_GLOBAL_HOST_EVENT_HANDLER", change_global_handler},
    {"CHANGE_GLOBAL_SVC_EVENT_HANDLER", change_global_handler},
    {"CHANGE_HOST_CHECK_TIMEPERIOD", change_period},
    {"CHANGE_SVC_CHECK_TIMEPERIOD", change_period},
    {"CHANGE_HOST_NOTIFICATION_TIMEPERIOD", change_period},
    {"CHANGE_SVC_NOTIFICATION_TIMEPERIOD", change_period},
    {"CHANGE_MAX_HOST_CHECK_ATTEMPTS", change_max_attempts},
    {"CHANGE_MAX_SVC_CHECK_ATTEMPTS", change_max_attempts},
    {"CHANGE_NORMAL_HOST_CHECK_INTERVAL", change_interval},
    {"CHANGE_NORMAL_SVC_CHECK_INTERVAL", change_interval},
    {"CHANGE_RETRY_HOST_CHECK_INTERVAL", change_interval},
    {"CHANGE_RETRY_SVC_CHECK_INTERVAL", change_interval},
    {"CHANGE_HOST_MODATTR", change_modattr},
    {"CHANGE_SVC_MODATTR", change_modattr},
    {"CHANGE_CUSTOM_HOST_VAR", change_custom_var},
    {"CHANGE_CUSTOM_SVC_VAR", change_custom_var},
    {"CHANGE_CUSTOM_CONTACT_VAR", change_custom_var},
    {"CHANGE_CONTACT_HOST_NOTIFICATION_TIMEPERIOD", change_contact},
    {"CHANGE_CONTACT_SVC_NOTIFICATION_TIMEPERIOD", change_contact},
    {"CHANGE_CONTACT_MODATTR", change_contact},
    {"CHANGE_CONTACT_MODHATTR", change_contact},
    {"CHANGE_CONTACT_MODSATTR", change_contact},
});

}  // namespace

CommandHandler check_handler(std::string_view name) {
    return handler_in(kHandlers, name);
}

}  // namespace yagura::engine::detail
