// ENABLE_* / DISABLE_* / START_* / STOP_*: program-wide switches, per host or service, per
// group and per contact. As in Nagios a switch already in the asked position changes nothing
// (and sets no modified-attribute bit).
#include <algorithm>
#include <array>
#include <vector>

#include "broks.hpp"
#include "commands.hpp"
#include "flapping.hpp"
#include "freshness.hpp"
#include "notifications.hpp"
#include "schedule.hpp"

namespace yagura::engine::detail {

namespace {

enum class Toggle { notifications, active_checks, passive_checks, event_handler, flap, obsess };

enum class Target {
    host,
    service,
    host_services,
    hostgroup_hosts,
    hostgroup_services,
    servicegroup_hosts,
    servicegroup_services,
    host_and_children,  // the host and every host below it
    beyond_host,        // every host below it and their services
};

struct ElementSwitch {
    std::string_view name;
    Target target;
    Toggle toggle;
    bool on;
};

constexpr auto kElementSwitches = std::to_array<ElementSwitch>({
    {"ENABLE_HOST_NOTIFICATIONS", Target::host, Toggle::notifications, true},
    {"DISABLE_HOST_NOTIFICATIONS", Target::host, Toggle::notifications, false},
    {"ENABLE_SVC_NOTIFICATIONS", Target::service, Toggle::notifications, true},
    {"DISABLE_SVC_NOTIFICATIONS", Target::service, Toggle::notifications, false},
    {"ENABLE_HOST_CHECK", Target::host, Toggle::active_checks, true},
    {"DISABLE_HOST_CHECK", Target::host, Toggle::active_checks, false},
    {"ENABLE_SVC_CHECK", Target::service, Toggle::active_checks, true},
    {"DISABLE_SVC_CHECK", Target::service, Toggle::active_checks, false},
    {"ENABLE_PASSIVE_HOST_CHECKS", Target::host, Toggle::passive_checks, true},
    {"DISABLE_PASSIVE_HOST_CHECKS", Target::host, Toggle::passive_checks, false},
    {"ENABLE_PASSIVE_SVC_CHECKS", Target::service, Toggle::passive_checks, true},
    {"DISABLE_PASSIVE_SVC_CHECKS", Target::service, Toggle::passive_checks, false},
    {"ENABLE_HOST_EVENT_HANDLER", Target::host, Toggle::event_handler, true},
    {"DISABLE_HOST_EVENT_HANDLER", Target::host, Toggle::event_handler, false},
    {"ENABLE_SVC_EVENT_HANDLER", Target::service, Toggle::event_handler, true},
    {"DISABLE_SVC_EVENT_HANDLER", Target::service, Toggle::event_handler, false},
    {"ENABLE_HOST_FLAP_DETECTION", Target::host, Toggle::flap, true},
    {"DISABLE_HOST_FLAP_DETECTION", Target::host, Toggle::flap, false},
    {"ENABLE_SVC_FLAP_DETECTION", Target::service, Toggle::flap, true},
    {"DISABLE_SVC_FLAP_DETECTION", Target::service, Toggle::flap, false},
    {"ENABLE_SERVICE_FLAP_DETECTION", Target::service, Toggle::flap, true},
    {"DISABLE_SERVICE_FLAP_DETECTION", Target::service, Toggle::flap, false},
    {"START_OBSESSING_OVER_HOST", Target::host, Toggle::obsess, true},
    {"STOP_OBSESSING_OVER_HOST", Target::host, Toggle::obsess, false},
    {"START_OBSESSING_OVER_SVC", Target::service, Toggle::obsess, true},
    {"STOP_OBSESSING_OVER_SVC", Target::service, Toggle::obsess, false},
    {"ENABLE_HOST_SVC_CHECKS", Target::host_services, Toggle::active_checks, true},
    {"DISABLE_HOST_SVC_CHECKS", Target::host_services, Toggle::active_checks, false},
    {"ENABLE_HOST_SVC_NOTIFICATIONS", Target::host_services, Toggle::notifications, true},
    {"DISABLE_HOST_SVC_NOTIFICATIONS", Target::host_services, Toggle::notifications, false},
    {"ENABLE_HOST_AND_CHILD_NOTIFICATIONS", Target::host_and_children, Toggle::notifications, true},
    {"DISABLE_HOST_AND_CHILD_NOTIFICATIONS", Target::host_and_children, Toggle::notifications,
     false},
    {"ENABLE_ALL_NOTIFICATIONS_BEYOND_HOST", Target::beyond_host, Toggle::notifications, true},
    {"DISABLE_ALL_NOTIFICATIONS_BEYOND_HOST", Target::beyond_host, Toggle::notifications, false},
    {"ENABLE_HOSTGROUP_HOST_CHECKS", Target::hostgroup_hosts, Toggle::active_checks, true},
    {"DISABLE_HOSTGROUP_HOST_CHECKS", Target::hostgroup_hosts, Toggle::active_checks, false},
    {"ENABLE_HOSTGROUP_PASSIVE_HOST_CHECKS", Target::hostgroup_hosts, Toggle::passive_checks, true},
    {"DISABLE_HOSTGROUP_PASSIVE_HOST_CHECKS", Target::hostgroup_hosts, Toggle::passive_checks,
     false},
    {"ENABLE_HOSTGROUP_HOST_NOTIFICATIONS", Target::hostgroup_hosts, Toggle::notifications, true},
    {"DISABLE_HOSTGROUP_HOST_NOTIFICATIONS", Target::hostgroup_hosts, Toggle::notifications, false},
    {"ENABLE_HOSTGROUP_SVC_CHECKS", Target::hostgroup_services, Toggle::active_checks, true},
    {"DISABLE_HOSTGROUP_SVC_CHECKS", Target::hostgroup_services, Toggle::active_checks, false},
    {"ENABLE_HOSTGROUP_PASSIVE_SVC_CHECKS", Target::hostgroup_services, Toggle::passive_checks,
     true},
    {"DISABLE_HOSTGROUP_PASSIVE_SVC_CHECKS", Target::hostgroup_services, Toggle::passive_checks,
     false},
    {"ENABLE_HOSTGROUP_SVC_NOTIFICATIONS", Target::hostgroup_services, Toggle::notifications, true},
    {"DISABLE_HOSTGROUP_SVC_NOTIFICATIONS", Target::hostgroup_services, Toggle::notifications,
     false},
    {"ENABLE_SERVICEGROUP_HOST_CHECKS", Target::servicegroup_hosts, Toggle::active_checks, true},
    {"DISABLE_SERVICEGROUP_HOST_CHECKS", Target::servicegroup_hosts, Toggle::active_checks, false},
    {"ENABLE_SERVICEGROUP_PASSIVE_HOST_CHECKS", Target::servicegroup_hosts, Toggle::passive_checks,
     true},
    {"DISABLE_SERVICEGROUP_PASSIVE_HOST_CHECKS", Target::servicegroup_hosts, Toggle::passive_checks,
     false},
    {"ENABLE_SERVICEGROUP_HOST_NOTIFICATIONS", Target::servicegroup_hosts, Toggle::notifications,
     true},
    {"DISABLE_SERVICEGROUP_HOST_NOTIFICATIONS", Target::servicegroup_hosts, Toggle::notifications,
     false},
    {"ENABLE_SERVICEGROUP_SVC_CHECKS", Target::servicegroup_services, Toggle::active_checks, true},
    {"DISABLE_SERVICEGROUP_SVC_CHECKS", Target::servicegroup_services, Toggle::active_checks,
     false},
    {"ENABLE_SERVICEGROUP_PASSIVE_SVC_CHECKS", Target::servicegroup_services,
     Toggle::passive_checks, true},
    {"DISABLE_SERVICEGROUP_PASSIVE_SVC_CHECKS", Target::servicegroup_services,
     Toggle::passive_checks, false},
    {"ENABLE_SERVICEGROUP_SVC_NOTIFICATIONS", Target::servicegroup_services, Toggle::notifications,
     true},
    {"DISABLE_SERVICEGROUP_SVC_NOTIFICATIONS", Target::servicegroup_services, Toggle::notifications,
     false},
});

struct ProgramSwitch {
    std::string_view name;
    bool model::Globals::*field;
    std::uint32_t modattr;
    bool on;
};

constexpr auto kProgramSwitches = std::to_array<ProgramSwitch>({
    {"ENABLE_NOTIFICATIONS", &model::Globals::enable_notifications, model::kModNotificationsEnabled,
     true},
    {"DISABLE_NOTIFICATIONS", &model::Globals::enable_notifications,
     model::kModNotificationsEnabled, false},
    {"ENABLE_EVENT_HANDLERS", &model::Globals::enable_event_handlers,
     model::kModEventHandlerEnabled, true},
    {"DISABLE_EVENT_HANDLERS", &model::Globals::enable_event_handlers,
     model::kModEventHandlerEnabled, false},
    {"ENABLE_FLAP_DETECTION", &model::Globals::enable_flap_detection,
     model::kModFlapDetectionEnabled, true},
    {"DISABLE_FLAP_DETECTION", &model::Globals::enable_flap_detection,
     model::kModFlapDetectionEnabled, false},
    {"ENABLE_PERFORMANCE_DATA", &model::Globals::process_performance_data,
     model::kModPerformanceDataEnabled, true},
    {"DISABLE_PERFORMANCE_DATA", &model::Globals::process_performance_data,
     model::kModPerformanceDataEnabled, false},
    {"START_EXECUTING_HOST_CHECKS", &model::Globals::execute_host_checks,
     model::kModActiveChecksEnabled, true},
    {"STOP_EXECUTING_HOST_CHECKS", &model::Globals::execute_host_checks,
     model::kModActiveChecksEnabled, false},
    {"START_EXECUTING_SVC_CHECKS", &model::Globals::execute_service_checks,
     model::kModActiveChecksEnabled, true},
    {"STOP_EXECUTING_SVC_CHECKS", &model::Globals::execute_service_checks,
     model::kModActiveChecksEnabled, false},
    {"START_ACCEPTING_PASSIVE_HOST_CHECKS", &model::Globals::accept_passive_host_checks,
     model::kModPassiveChecksEnabled, true},
    {"STOP_ACCEPTING_PASSIVE_HOST_CHECKS", &model::Globals::accept_passive_host_checks,
     model::kModPassiveChecksEnabled, false},
    {"START_ACCEPTING_PASSIVE_SVC_CHECKS", &model::Globals::accept_passive_service_checks,
     model::kModPassiveChecksEnabled, true},
    {"STOP_ACCEPTING_PASSIVE_SVC_CHECKS", &model::Globals::accept_passive_service_checks,
     model::kModPassiveChecksEnabled, false},
    {"START_OBSESSING_OVER_HOST_CHECKS", &model::Globals::obsess_over_hosts,
     model::kModObsessiveHandlerEnabled, true},
    {"STOP_OBSESSING_OVER_HOST_CHECKS", &model::Globals::obsess_over_hosts,
     model::kModObsessiveHandlerEnabled, false},
    {"START_OBSESSING_OVER_SVC_CHECKS", &model::Globals::obsess_over_services,
     model::kModObsessiveHandlerEnabled, true},
    {"STOP_OBSESSING_OVER_SVC_CHECKS", &model::Globals::obsess_over_services,
     model::kModObsessiveHandlerEnabled, false},
    {"ENABLE_HOST_FRESHNESS_CHECKS", &model::Globals::check_host_freshness,
     model::kModFreshnessChecksEnabled, true},
    {"DISABLE_HOST_FRESHNESS_CHECKS", &model::Globals::check_host_freshness,
     model::kModFreshnessChecksEnabled, false},
    {"ENABLE_SERVICE_FRESHNESS_CHECKS", &model::Globals::check_service_freshness,
     model::kModFreshnessChecksEnabled, true},
    {"DISABLE_SERVICE_FRESHNESS_CHECKS", &model::Globals::check_service_freshness,
     model::kModFreshnessChecksEnabled, false},
});

template <class Table>
const auto* find_entry(const Table& table, std::string_view name) {
    auto it = std::find_if(table.begin(), table.end(),
                           [name](const auto& entry) { return entry.name == name; });
    return it == table.end() ? nullptr : &*it;
}

// Plans checks of elements that became checkable (active checks or freshness switched on).
void plan_idle(EngineState& s, ElementId e) {
    if (s.started && s.rt[e].check_state == CheckState::idle) {
        plan_next_check(s, e, 0);
    }
}

void set_toggle(EngineState& s, ElementId e, Toggle toggle, bool on) {
    model::Checkable& c = checkable(s, e);
    bool* field = nullptr;
    std::uint32_t bit = 0;
    switch (toggle) {
        case Toggle::notifications:
            field = &c.notifications_enabled;
            bit = model::kModNotificationsEnabled;
            break;
        case Toggle::active_checks:
            field = &c.active_checks_enabled;
            bit = model::kModActiveChecksEnabled;
            break;
        case Toggle::passive_checks:
            field = &c.passive_checks_enabled;
            bit = model::kModPassiveChecksEnabled;
            break;
        case Toggle::event_handler:
            field = &c.event_handler_enabled;
            bit = model::kModEventHandlerEnabled;
            break;
        case Toggle::flap:
            field = &c.flap_detection_enabled;
            bit = model::kModFlapDetectionEnabled;
            break;
        case Toggle::obsess:
            field = is_host(s, e)
                        ? &s.cfg.hosts[e].obsess_over_host
                        : &s.cfg.services[s.elements.service_index(e)].obsess_over_service;
            bit = model::kModObsessiveHandlerEnabled;
            break;
    }
    if (*field == on) {
        return;
    }
    *field = on;
    c.modified_attributes |= bit;
    touch(s, e);
    switch (toggle) {
        case Toggle::notifications:
            if (on) {
                wake_parked_notifications(s, e);
            }
            break;
        case Toggle::active_checks:
            if (!on) {
                unplan_check(s, e);
            }
            plan_idle(s, e);  // a regular check, or the freshness watch of a passive element
            break;
        case Toggle::passive_checks:
            if (!active_checks_on(s, e)) {  // the freshness watch of a passive element
                unplan_check(s, e);
                plan_idle(s, e);
            }
            break;
        case Toggle::flap:
            if (!on) {
                flap_detection_disabled(s, e);
            }
            break;
        default:
            break;
    }
}

void for_host_services(const EngineState& s, Index host, std::vector<ElementId>& out) {
    for (std::uint32_t sv : s.cfg.pool.list(s.cfg.hosts[host].host_links.services.list)) {
        out.push_back(s.elements.of_service(sv));
    }
}

std::vector<ElementId> targets(const EngineState& s, Target target, const CommandArg& arg) {
    std::vector<ElementId> out;
    switch (target) {
        case Target::host:
        case Target::service:
            out.push_back(arg.element);
            break;
        case Target::host_services:
            for_host_services(s, s.elements.host_index(arg.element), out);
            break;
        case Target::hostgroup_hosts:
        case Target::hostgroup_services:
            for (std::uint32_t h :
                 s.cfg.pool.list(s.cfg.hostgroups[arg.index].links.members.list)) {
                if (target == Target::hostgroup_hosts) {
                    out.push_back(s.elements.of_host(h));
                } else {
                    for_host_services(s, h, out);
                }
            }
            break;
        case Target::servicegroup_hosts:
        case Target::servicegroup_services:
            for (std::uint32_t sv :
                 s.cfg.pool.list(s.cfg.servicegroups[arg.index].links.members.list)) {
                if (target == Target::servicegroup_services) {
                    out.push_back(s.elements.of_service(sv));
                    continue;
                }
                Index h = s.cfg.services[sv].service_links.host;
                if (h != kNoIndex &&
                    std::find(out.begin(), out.end(), s.elements.of_host(h)) == out.end()) {
                    out.push_back(s.elements.of_host(h));
                }
            }
            break;
        case Target::host_and_children:
        case Target::beyond_host: {
            const Index top = s.elements.host_index(arg.element);
            std::vector<Index> below = descendant_hosts(s, top);
            if (target == Target::host_and_children) {
                out.push_back(arg.element);
            }
            for (Index h : below) {
                out.push_back(s.elements.of_host(h));
                if (target == Target::beyond_host) {
                    for_host_services(s, h, out);
                }
            }
            break;
        }
    }
    return out;
}

CommandOutcome element_switch(EngineState& s, const CommandRequest& call) {
    const ElementSwitch* entry = find_entry(kElementSwitches, call.spec->name);
    for (ElementId e : targets(s, entry->target, call.args[0])) {
        set_toggle(s, e, entry->toggle, entry->on);
    }
    return applied();
}

CommandOutcome program_switch(EngineState& s, const CommandRequest& call) {
    const ProgramSwitch* entry = find_entry(kProgramSwitches, call.spec->name);
    model::Globals& g = s.cfg.globals;
    if (g.*(entry->field) == entry->on) {
        return applied();
    }
    g.*(entry->field) = entry->on;
    g.modified_attributes |= entry->modattr;
    touch_global(s);
    const std::string_view name = entry->name;
    if (entry->field == &model::Globals::enable_notifications && entry->on) {
        std::vector<ElementId> with_masters;
        for (const auto& [e, list] : s.masters) {
            with_masters.push_back(e);
        }
        for (ElementId e : with_masters) {
            wake_parked_notifications(s, e);
        }
    } else if (entry->field == &model::Globals::enable_flap_detection && !entry->on) {
        for (ElementId e = 0; e < s.elements.size(); ++e) {
            if (checkable(s, e).is_flapping) {
                flap_detection_disabled(s, e);
            }
        }
    } else if (name.find("CHECKS") != std::string_view::npos ||
               name.find("FRESHNESS") != std::string_view::npos) {
        // Executing, accepting passive results or watching freshness changed: plan what can
        // be planned now (what can no longer run is dropped when it comes due).
        const bool hosts = name.find("HOST") != std::string_view::npos;
        for (ElementId e = 0; e < s.elements.size(); ++e) {
            if (is_host(s, e) == hosts) {
                plan_idle(s, e);
            }
        }
    }
    return applied();
}

CommandOutcome failure_prediction(EngineState&, const CommandRequest&) {
    return applied();  // Nagios 3 feature with no effect, accepted for old scripts
}

void set_contact(EngineState& s, Index ci, bool host, bool on) {
    model::Contact& c = s.cfg.contacts[ci];
    bool& field = host ? c.host_notifications_enabled : c.service_notifications_enabled;
    if (field == on) {
        return;
    }
    field = on;
    (host ? c.modified_host_attributes : c.modified_service_attributes) |=
        model::kModNotificationsEnabled;
    touch_global(s);
}

CommandOutcome contact_switch(EngineState& s, const CommandRequest& call) {
    std::string_view name = call.spec->name;
    const bool on = name.rfind("ENABLE_", 0) == 0;
    const bool host = name.find("_HOST_") != std::string_view::npos;
    if (name.find("CONTACTGROUP") != std::string_view::npos) {
        for (std::uint32_t ci :
             s.cfg.pool.list(s.cfg.contactgroups[call.args[0].index].links.members.list)) {
            set_contact(s, ci, host, on);
        }
    } else {
        set_contact(s, call.args[0].index, host, on);
    }
    return applied();
}

}  // namespace

CommandHandler switch_handler(std::string_view name) {
    if (find_entry(kElementSwitches, name) != nullptr) {
        return element_switch;
    }
    if (find_entry(kProgramSwitches, name) != nullptr) {
        return program_switch;
    }
    if (name == "ENABLE_FAILURE_PREDICTION" || name == "DISABLE_FAILURE_PREDICTION") {
        return failure_prediction;
    }
    if (name == "ENABLE_CONTACT_HOST_NOTIFICATIONS" ||
        name == "DISABLE_CONTACT_HOST_NOTIFICATIONS" ||
        name == "ENABLE_CONTACT_SVC_NOTIFICATIONS" || name == "DISABLE_CONTACT_SVC_NOTIFICATIONS" ||
        name == "ENABLE_CONTACTGROUP_HOST_NOTIFICATIONS" ||
        name == "DISABLE_CONTACTGROUP_HOST_NOTIFICATIONS" ||
        name == "ENABLE_CONTACTGROUP_SVC_NOTIFICATIONS" ||
        name == "DISABLE_CONTACTGROUP_SVC_NOTIFICATIONS") {
        return contact_switch;
    }
    return nullptr;
}

}  // namespace yagura::engine::detail
