// Commands of operators: acknowledgements, comments, downtimes, custom and delayed
// notifications, event handlers on demand, flapping reset, program control.
#include <algorithm>
#include <array>
#include <string>

#include "acks_comments.hpp"
#include "broks.hpp"
#include "commands.hpp"
#include "downtimes.hpp"
#include "event_handlers.hpp"
#include "flapping.hpp"
#include "notifications.hpp"

namespace yagura::engine::detail {

namespace {

CommandOutcome acknowledge_problem(EngineState& s, const CommandRequest& call) {
    const bool expire = call.spec->name.find("EXPIRE") != std::string_view::npos;
    const std::size_t author = expire ? 5 : 4;
    const std::int64_t sticky = call.args[1].integer;
    if (sticky < 0 || sticky > 2) {
        return rejected("sticky must be 0, 1 or 2, not " + std::to_string(sticky));
    }
    std::string error = acknowledge(s, call.args[0].element, static_cast<int>(sticky),
                                    call.args[2].flag, call.args[3].flag, call.args[author].text,
                                    call.args[author + 1].text, expire ? call.args[4].number : 0);
    return error.empty() ? applied() : rejected(std::move(error));
}

CommandOutcome remove_acknowledgement(EngineState& s, const CommandRequest& call) {
    unacknowledge(s, call.args[0].element);
    return applied();
}

CommandOutcome add_user_comment(EngineState& s, const CommandRequest& call) {
    add_comment(s, call.args[0].element, model::CommentEntryType::user,
                model::CommentSource::external, call.args[1].flag, call.args[2].text,
                call.args[3].text);
    return applied();
}

CommandOutcome del_comment(EngineState& s, const CommandRequest& call) {
    const auto id = static_cast<std::uint64_t>(call.args[0].integer);
    const ElementId e = comment_owner(s, id);
    const bool want_host = call.spec->name == "DEL_HOST_COMMENT";
    if (is_host(s, e) != want_host) {
        return rejected("comment " + std::to_string(id) + " belongs to " + element_name(s, e) +
                        ", a " + (want_host ? "service" : "host"));
    }
    delete_comment(s, e, id);
    return applied();
}

CommandOutcome del_all_comments(EngineState& s, const CommandRequest& call) {
    delete_all_comments(s, call.args[0].element);
    return applied();
}

// start;end;fixed;trigger_id;duration;author;comment from argument `first` on.
DowntimeRequest downtime_request(const CommandRequest& call, std::size_t first) {
    DowntimeRequest r;
    r.start_time = call.args[first].number;
    r.end_time = call.args[first + 1].number;
    r.fixed = call.args[first + 2].flag;
    r.trigger_id =
        static_cast<std::uint64_t>(std::max<std::int64_t>(0, call.args[first + 3].integer));
    r.duration = static_cast<double>(call.args[first + 4].integer);
    r.author = std::string(call.args[first + 5].text);
    r.comment = std::string(call.args[first + 6].text);
    return r;
}

void host_services(const EngineState& s, Index host, std::vector<ElementId>& out) {
    for (std::uint32_t sv : s.cfg.pool.list(s.cfg.hosts[host].host_links.services.list)) {
        out.push_back(s.elements.of_service(sv));
    }
}

CommandOutcome schedule_downtimes(EngineState& s, const CommandRequest& call) {
    std::string_view name = call.spec->name;
    DowntimeRequest request = downtime_request(call, 1);
    if (std::string error = validate_downtime(s, request); !error.empty()) {
        return rejected(std::move(error));
    }
    std::vector<ElementId> elements;
    const CommandArg& target = call.args[0];
    if (name == "SCHEDULE_HOST_DOWNTIME" || name == "SCHEDULE_SVC_DOWNTIME") {
        elements.push_back(target.element);
    } else if (name == "SCHEDULE_HOST_SVC_DOWNTIME") {
        host_services(s, s.elements.host_index(target.element), elements);
    } else if (name == "SCHEDULE_HOSTGROUP_HOST_DOWNTIME" ||
               name == "SCHEDULE_HOSTGROUP_SVC_DOWNTIME") {
        for (std::uint32_t h : s.cfg.pool.list(s.cfg.hostgroups[target.index].links.members.list)) {
            if (name == "SCHEDULE_HOSTGROUP_HOST_DOWNTIME") {
                elements.push_back(s.elements.of_host(h));
            } else {
                host_services(s, h, elements);
            }
        }
    } else {  // SCHEDULE_SERVICEGROUP_*_DOWNTIME
        const bool hosts = name == "SCHEDULE_SERVICEGROUP_HOST_DOWNTIME";
        for (std::uint32_t sv :
             s.cfg.pool.list(s.cfg.servicegroups[target.index].links.members.list)) {
            ElementId e = s.elements.of_service(sv);
            if (hosts) {
                e = host_element(s, e);
            }
            if (e != kNoElement &&
                std::find(elements.begin(), elements.end(), e) == elements.end()) {
                elements.push_back(e);
            }
        }
    }
    for (ElementId e : elements) {
        schedule_downtime(s, e, request);
    }
    return applied();
}

// SCHEDULE_AND_PROPAGATE_(TRIGGERED_)HOST_DOWNTIME: the host and every host below it, the
// children triggered by the host's downtime in the TRIGGERED form (Nagios).
CommandOutcome schedule_propagated(EngineState& s, const CommandRequest& call) {
    DowntimeRequest request = downtime_request(call, 1);
    if (std::string error = validate_downtime(s, request); !error.empty()) {
        return rejected(std::move(error));
    }
    const bool triggered = call.spec->name.find("TRIGGERED") != std::string_view::npos;
    const ElementId top = call.args[0].element;
    std::uint64_t id = schedule_downtime(s, top, request);
    DowntimeRequest child = request;
    if (triggered) {
        child.trigger_id = id;
    }
    for (Index h : descendant_hosts(s, s.elements.host_index(top))) {
        schedule_downtime(s, s.elements.of_host(h), child);
    }
    return applied();
}

CommandOutcome del_downtime(EngineState& s, const CommandRequest& call) {
    const auto id = static_cast<std::uint64_t>(call.args[0].integer);
    const ElementId e = downtime_owner(s, id);
    const bool want_host = call.spec->name == "DEL_HOST_DOWNTIME";
    if (is_host(s, e) != want_host) {
        return rejected("downtime " + std::to_string(id) + " belongs to " + element_name(s, e) +
                        ", a " + (want_host ? "service" : "host"));
    }
    cancel_downtime(s, id);
    return applied();
}

void cancel_matching(EngineState& s, ElementId e, double start, std::string_view comment) {
    std::vector<std::uint64_t> ids;
    for (const model::Downtime& d : checkable(s, e).downtimes) {
        if ((start <= 0 || d.start_time == start) && (comment.empty() || d.comment == comment)) {
            ids.push_back(d.id);
        }
    }
    for (std::uint64_t id : ids) {
        cancel_downtime(s, id);  // a triggered one may have gone with its trigger: no harm
    }
}

CommandOutcome del_all_downtimes(EngineState& s, const CommandRequest& call) {
    cancel_matching(s, call.args[0].element, 0, {});
    return applied();
}

// DEL_DOWNTIME_BY_HOST_NAME;host[;service[;start[;comment]]]: the host's downtimes and its
// services', filtered by what is given (a service given: only that service's).
void cancel_by_host(EngineState& s, Index host, const CommandArg& service, const CommandArg& start,
                    const CommandArg& comment) {
    const double t = start.present ? start.number : 0;
    std::string_view text = comment.present ? comment.text : std::string_view{};
    const bool one_service = service.present && !service.text.empty();
    if (!one_service) {
        cancel_matching(s, s.elements.of_host(host), t, text);
    }
    std::vector<ElementId> services;
    host_services(s, host, services);
    for (ElementId e : services) {
        if (!one_service || service_description(s, e) == service.text) {
            cancel_matching(s, e, t, text);
        }
    }
}

CommandOutcome del_downtime_by_host(EngineState& s, const CommandRequest& call) {
    cancel_by_host(s, s.elements.host_index(call.args[0].element), call.args[1], call.args[2],
                   call.args[3]);
    return applied();
}

CommandOutcome del_downtime_by_hostgroup(EngineState& s, const CommandRequest& call) {
    const CommandArg& host = call.args[1];
    for (std::uint32_t h :
         s.cfg.pool.list(s.cfg.hostgroups[call.args[0].index].links.members.list)) {
        if (host.present && !host.text.empty() && str(s, s.cfg.hosts[h].host_name) != host.text) {
            continue;
        }
        cancel_by_host(s, h, call.args[2], call.args[3], call.args[4]);
    }
    return applied();
}

CommandOutcome del_downtime_by_start(EngineState& s, const CommandRequest& call) {
    const double start = call.args[0].number;
    std::string_view comment = call.args[1].present ? call.args[1].text : std::string_view{};
    if (start <= 0 && comment.empty()) {
        return rejected("give a start time or a comment to match");
    }
    for (ElementId e = 0; e < s.elements.size(); ++e) {
        if (!checkable(s, e).downtimes.empty()) {
            cancel_matching(s, e, start, comment);
        }
    }
    return applied();
}

CommandOutcome schedule_contact_downtime(EngineState& s, const CommandRequest& call) {
    model::Downtime d;
    d.start_time = call.args[1].number;
    d.end_time = call.args[2].number;
    if (d.start_time >= d.end_time || d.end_time <= s.now()) {
        return rejected("the start time must be before the end time, which must be ahead");
    }
    d.id = s.ids.next_downtime_id++;
    d.entry_time = s.now();
    d.fixed = true;
    d.duration = d.end_time - d.start_time;
    d.author = std::string(call.args[3].text);
    d.comment = std::string(call.args[4].text);
    d.is_in_effect = d.start_time <= s.now();
    const Index ci = call.args[0].index;
    s.cfg.contacts[ci].downtimes.push_back(d);
    s.contact_downtime_owners[d.id] = ci;
    s.timers.push({d.end_time, TimerKind::contact_downtime_end, ci, d.id});
    touch_global(s);
    return applied();
}

CommandOutcome del_contact_downtime(EngineState& s, const CommandRequest& call) {
    const auto id = static_cast<std::uint64_t>(call.args[0].integer);
    const Index ci = s.contact_downtime_owners.at(id);
    auto& list = s.cfg.contacts[ci].downtimes;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [id](const model::Downtime& d) { return d.id == id; }),
               list.end());
    s.contact_downtime_owners.erase(id);
    touch_global(s);
    return applied();
}

CommandOutcome send_custom(EngineState& s, const CommandRequest& call) {
    const std::int64_t options = call.args[1].integer;
    if (options < 0 || options > 7) {
        return rejected("options are a sum of 1 (broadcast), 2 (forced), 4 (increment), not " +
                        std::to_string(options));
    }
    create_notification(s, call.args[0].element, NotificationType::custom, call.args[2].text,
                        call.args[3].text, static_cast<std::uint8_t>(options));
    return applied();
}

CommandOutcome delay_notification(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    const double until = call.args[1].number;
    auto it = s.masters.find(e);
    if (it != s.masters.end()) {
        for (MasterNotification& m : it->second) {
            if (m.type == NotificationType::problem && until > m.t_to_go) {
                m.t_to_go = until;
                m.parked = false;
                s.timers.push({until, TimerKind::notification, e, m.id});
            }
        }
    }
    touch(s, e);
    return applied();
}

CommandOutcome set_notification_number(EngineState& s, const CommandRequest& call) {
    if (call.args[1].integer < 0) {
        return rejected("a notification number cannot be negative");
    }
    const ElementId e = call.args[0].element;
    checkable(s, e).current_notification_number = static_cast<std::int32_t>(call.args[1].integer);
    touch(s, e);
    return applied();
}

CommandOutcome launch_handler(EngineState& s, const CommandRequest& call) {
    const ElementId e = call.args[0].element;
    if (!launch_event_handler(s, e)) {
        return rejected(element_name(s, e) + " has no event handler");
    }
    return applied();
}

CommandOutcome clear_flapping(EngineState& s, const CommandRequest& call) {
    clear_flapping_state(s, call.args[0].element);
    return applied();
}

CommandOutcome save_state(EngineState& s, const CommandRequest&) {
    for (ElementId e = 0; e < s.elements.size(); ++e) {
        touch_retention(s, e);
    }
    s.global_dirty = true;
    return applied();
}

CommandOutcome read_state(EngineState&, const CommandRequest&) {
    return applied();  // state is saved continuously and read once per configuration
}

CommandOutcome not_for_engine(EngineState&, const CommandRequest& call) {
    if (call.spec->name == "PROCESS_FILE") {
        return rejected("the daemon reads command files: send the file's lines instead");
    }
    return rejected(
        "restarts and reloads are the arbiter's and the daemons' business, not the "
        "scheduler's");
}

constexpr auto kHandlers = std::to_array<NamedHandler>({
    {"ACKNOWLEDGE_HOST_PROBLEM", acknowledge_problem},
    {"ACKNOWLEDGE_HOST_PROBLEM_EXPIRE", acknowledge_problem},
    {"ACKNOWLEDGE_SVC_PROBLEM", acknowledge_problem},
    {"ACKNOWLEDGE_SVC_PROBLEM_EXPIRE", acknowledge_problem},
    {"REMOVE_HOST_ACKNOWLEDGEMENT", remove_acknowledgement},
    {"REMOVE_SVC_ACKNOWLEDGEMENT", remove_acknowledgement},
    {"ADD_HOST_COMMENT", add_user_comment},
    {"ADD_SVC_COMMENT", add_user_comment},
    {"DEL_HOST_COMMENT", del_comment},
    {"DEL_SVC_COMMENT", del_comment},
    {"DEL_ALL_HOST_COMMENTS", del_all_comments},
    {"DEL_ALL_SVC_COMMENTS", del_all_comments},
    {"SCHEDULE_HOST_DOWNTIME", schedule_downtimes},
    {"SCHEDULE_SVC_DOWNTIME", schedule_downtimes},
    {"SCHEDULE_HOST_SVC_DOWNTIME", schedule_downtimes},
    {"SCHEDULE_HOSTGROUP_HOST_DOWNTIME", schedule_downtimes},
    {"SCHEDULE_HOSTGROUP_SVC_DOWNTIME", schedule_downtimes},
    {"SCHEDULE_SERVICEGROUP_HOST_DOWNTIME", schedule_downtimes},
    {"SCHEDULE_SERVICEGROUP_SVC_DOWNTIME", schedule_downtimes},
    {"SCHEDULE_AND_PROPAGATE_HOST_DOWNTIME", schedule_propagated},
    {"SCHEDULE_AND_PROPAGATE_TRIGGERED_HOST_DOWNTIME", schedule_propagated},
    {"DEL_HOST_DOWNTIME", del_downtime},
    {"DEL_SVC_DOWNTIME", del_downtime},
    {"DEL_ALL_HOST_DOWNTIMES", del_all_downtimes},
    {"DEL_ALL_SVC_DOWNTIMES", del_all_downtimes},
    {"DEL_DOWNTIME_BY_HOST_NAME", del_downtime_by_host},
    {"DEL_DOWNTIME_BY_HOSTGROUP_NAME", del_downtime_by_hostgroup},
    {"DEL_DOWNTIME_BY_START_TIME_COMMENT", del_downtime_by_start},
    {"SCHEDULE_CONTACT_DOWNTIME", schedule_contact_downtime},
    {"DEL_CONTACT_DOWNTIME", del_contact_downtime},
    {"SEND_CUSTOM_HOST_NOTIFICATION", send_custom},
    {"SEND_CUSTOM_SVC_NOTIFICATION", send_custom},
    {"DELAY_HOST_NOTIFICATION", delay_notification},
    {"DELAY_SVC_NOTIFICATION", delay_notification},
    {"SET_HOST_NOTIFICATION_NUMBER", set_notification_number},
    {"SET_SVC_NOTIFICATION_NUMBER", set_notification_number},
    {"LAUNCH_HOST_EVENT_HANDLER", launch_handler},
    {"LAUNCH_SVC_EVENT_HANDLER", launch_handler},
    {"CLEAR_HOST_FLAPPING_STATE", clear_flapping},
    {"CLEAR_SVC_FLAPPING_STATE", clear_flapping},
    {"SAVE_STATE_INFORMATION", save_state},
    {"READ_STATE_INFORMATION", read_state},
    {"PROCESS_FILE", not_for_engine},
    {"RESTART_PROGRAM", not_for_engine},
    {"RESTART_PROCESS", not_for_engine},
    {"RELOAD_CONFIG", not_for_engine},
    {"SHUTDOWN_PROGRAM", not_for_engine},
    {"SHUTDOWN_PROCESS", not_for_engine},
});

}  // namespace

CommandHandler operator_handler(std::string_view name) {
    return handler_in(kHandlers, name);
}

}  // namespace yagura::engine::detail
