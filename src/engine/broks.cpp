#include "broks.hpp"

#include <cmath>

#include <yagura/core/json_writer.hpp>
#include <yagura/model/schema.hpp>

#include "log_lines.hpp"

namespace yagura::engine::detail {

using core::JsonWriter;

namespace {

// {"type": ..., "instance_id": N, "data": { <body> }}
template <class Body>
std::string brok(const EngineState& s, std::string_view type, Body&& body,
                 std::size_t expected_size = 256) {
    std::string out;
    out.reserve(expected_size);
    JsonWriter w(out);
    w.begin_object();
    w.field("type", type);
    w.field("instance_id", s.settings.part_id);
    w.key("data");
    w.begin_object();
    body(w);
    w.end_object();
    w.end_object();
    return out;
}

void names(JsonWriter& w, std::string_view key, const EngineState& s, model::IndexList list,
           auto name_of) {
    w.key(key);
    w.begin_array();
    for (std::uint32_t i : s.cfg.pool.list(list.list)) {
        w.string(name_of(i));
    }
    w.end_array();
}

void customs(JsonWriter& w, const EngineState& s, const model::ObjectHeader& obj) {
    w.key("customs");
    w.begin_object();
    for (const auto& [name, value] : model::custom_vars(obj, s.cfg.pool)) {
        std::string key = "_";
        key += name;
        w.key(key);
        w.string(value);
    }
    w.end_object();
}

void comment_fields(JsonWriter& w, const model::Comment& c) {
    w.field("id", c.id);
    w.field("author", c.author);
    w.field("comment", c.comment);
    w.field("entry_time", c.entry_time);
    w.field("expire_time", c.expire_time);
    w.field("entry_type", static_cast<int>(c.entry_type));
    w.field("source", static_cast<int>(c.source));
    w.field("persistent", c.persistent);
    w.field("expires", c.expires);
}

void downtime_fields(JsonWriter& w, const model::Downtime& d) {
    w.field("id", d.id);
    w.field("author", d.author);
    w.field("comment", d.comment);
    w.field("entry_time", d.entry_time);
    w.field("start_time", d.start_time);
    w.field("end_time", d.end_time);
    w.field("duration", d.duration);
    w.field("fixed", d.fixed);
    w.field("is_in_effect", d.is_in_effect);
    w.field("trigger_id", d.trigger_id);
}

void identity(JsonWriter& w, const EngineState& s, ElementId e) {
    w.field("host_name", host_name(s, e));
    if (!is_host(s, e)) {
        w.field("service_description", service_description(s, e));
    }
}

int last_state_of(const EngineState& s, ElementId e, bool hard, std::string_view& name) {
    if (is_host(s, e)) {
        const model::Host& h = s.cfg.hosts[e];
        model::HostState st = hard ? h.last_hard_state : h.last_state;
        name = model::state_name(st);
        return model::state_id(st);
    }
    const model::Service& sv = s.cfg.services[s.elements.service_index(e)];
    model::ServiceState st = hard ? sv.last_hard_state : sv.last_state;
    name = model::state_name(st);
    return model::state_id(st);
}

bool is_problem(const EngineState& s, ElementId e) {
    return !is_ok(s, e) && checkable(s, e).state_type == model::StateType::hard;
}

// What a check changes: the check-result fields of docs/broks.md.
void check_fields(JsonWriter& w, EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    std::string_view last_name;
    w.field("state", state_name(s, e));
    w.field("state_id", state_id(s, e));
    w.field("state_type", model::state_type_name(c.state_type));
    w.field("state_type_id", static_cast<int>(c.state_type));
    int last = last_state_of(s, e, false, last_name);
    w.field("last_state", last_name);
    w.field("last_state_id", last);
    int last_hard = last_state_of(s, e, true, last_name);
    w.field("last_hard_state", last_name);
    w.field("last_hard_state_id", last_hard);
    w.field("has_been_checked", c.has_been_checked);
    w.field("attempt", c.attempt);
    w.field("max_check_attempts", c.max_check_attempts);
    w.field("check_type", static_cast<int>(c.check_type));
    w.field("output", c.output.view());
    w.field("long_output", c.long_output.view());
    w.field("perf_data", c.perf_data.view());
    w.field("last_chk", c.last_chk);
    w.field("next_chk", c.next_chk);
    w.field("last_state_change", c.last_state_change);
    w.field("last_hard_state_change", c.last_hard_state_change);
    w.field("last_state_update", c.last_state_update);
    w.field("last_notification", c.last_notification);
    w.field("latency", c.latency);
    w.field("execution_time", c.execution_time);
    w.field("percent_state_change", c.percent_state_change);
    w.field("is_flapping", c.is_flapping);
    w.field("problem_has_been_acknowledged", c.problem_has_been_acknowledged);
    w.field("acknowledgement_type", c.acknowledgement_type());
    w.field("scheduled_downtime_depth", c.scheduled_downtime_depth);
    w.field("current_notification_number", c.current_notification_number);
    w.field("is_problem", is_problem(s, e));
    w.field("is_impact", false);
    if (is_host(s, e)) {
        const model::Host& h = s.cfg.hosts[e];
        w.field("last_time_up", h.last_time_up);
        w.field("last_time_down", h.last_time_down);
        w.field("last_time_unreachable", h.last_time_unreachable);
    } else {
        const model::Service& sv = s.cfg.services[s.elements.service_index(e)];
        w.field("last_time_ok", sv.last_time_ok);
        w.field("last_time_warning", sv.last_time_warning);
        w.field("last_time_critical", sv.last_time_critical);
        w.field("last_time_unknown", sv.last_time_unknown);
    }
}

void full_status(JsonWriter& w, EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    const EpochSeconds now = s.now();
    identity(w, s, e);
    check_fields(w, s, e);
    w.field("display_name", str(s, c.display_name));
    w.field("notes", str(s, c.notes));
    w.field("notes_url", str(s, c.notes_url));
    w.field("action_url", str(s, c.action_url));
    w.field("icon_image", str(s, c.icon_image));
    w.field("icon_image_alt", str(s, c.icon_image_alt));
    w.field("check_command", str(s, c.check_command));
    w.field("check_period", str(s, c.check_period));
    w.field("notification_period", str(s, c.notification_period));
    w.field("event_handler", str(s, c.event_handler));
    w.field("check_interval", c.check_interval);
    w.field("retry_interval", c.retry_interval);
    w.field("notification_interval", c.notification_interval);
    w.field("first_notification_delay", c.first_notification_delay);
    w.field("low_flap_threshold", c.low_flap_threshold);
    w.field("high_flap_threshold", c.high_flap_threshold);
    w.field("notifications_enabled", c.notifications_enabled);
    w.field("active_checks_enabled", c.active_checks_enabled);
    w.field("passive_checks_enabled", c.passive_checks_enabled);
    w.field("event_handler_enabled", c.event_handler_enabled);
    w.field("flap_detection_enabled", c.flap_detection_enabled);
    w.field("check_freshness", c.check_freshness);
    w.field("process_perf_data", c.process_perf_data);
    w.field("in_check_period", in_period(s, c.links.check_period, now));
    w.field("in_notification_period", in_period(s, c.links.notification_period, now));
    w.field("business_impact", c.business_impact);
    w.field("modified_attributes", c.modified_attributes);
    auto contact_name = [&](std::uint32_t i) { return str(s, s.cfg.contacts[i].contact_name); };
    names(w, "contacts", s, c.links.contacts, contact_name);
    names(w, "contact_groups", s, c.links.contact_groups,
          [&](std::uint32_t i) { return str(s, s.cfg.contactgroups[i].contactgroup_name); });
    customs(w, s, c);
    w.key("comments");
    w.begin_array();
    for (const model::Comment& cm : c.comments) {
        w.begin_object();
        comment_fields(w, cm);
        w.end_object();
    }
    w.end_array();
    w.key("downtimes");
    w.begin_array();
    for (const model::Downtime& d : c.downtimes) {
        w.begin_object();
        downtime_fields(w, d);
        w.end_object();
    }
    w.end_array();
    auto host_name_of = [&](std::uint32_t i) { return str(s, s.cfg.hosts[i].host_name); };
    if (is_host(s, e)) {
        const model::Host& h = s.cfg.hosts[e];
        w.field("alias", str(s, h.alias));
        w.field("address", str(s, h.address));
        names(w, "parents", s, h.host_links.parents, host_name_of);
        names(w, "childs", s, h.host_links.children, host_name_of);
        names(w, "hostgroups", s, h.host_links.hostgroups,
              [&](std::uint32_t i) { return str(s, s.cfg.hostgroups[i].hostgroup_name); });
        w.field("obsess_over_host", h.obsess_over_host);
    } else {
        const model::Service& sv = s.cfg.services[s.elements.service_index(e)];
        names(w, "servicegroups", s, sv.service_links.servicegroups,
              [&](std::uint32_t i) { return str(s, s.cfg.servicegroups[i].servicegroup_name); });
        w.field("is_volatile", sv.is_volatile);
        w.field("obsess_over_service", sv.obsess_over_service);
    }
}

// "host_check_result" or "service_check_result"...: the brok type of an element.
std::string_view element_type(const EngineState& s, ElementId e, std::string_view host_type,
                              std::string_view service_type) {
    return is_host(s, e) ? host_type : service_type;
}

void program_fields(JsonWriter& w, const EngineState& s) {
    const model::Globals& g = s.cfg.globals;
    const EpochSeconds now = s.now();
    w.field("instance_id", s.settings.part_id);
    w.field("instance_name", s.settings.instance_name);
    w.field("is_running", true);
    w.field("program_start", s.program_start);
    w.field("program_version", "yagura");
    w.field("pid", 0);
    w.field("interval_length", g.interval_length);
    w.field("last_alive", now);
    w.field("last_command_check", now);
    w.field("last_log_rotation", s.program_start);
    w.field("enable_notifications", g.enable_notifications);
    w.field("notifications_enabled", g.enable_notifications);
    w.field("event_handlers_enabled", g.enable_event_handlers);
    w.field("active_service_checks_enabled", g.execute_service_checks);
    w.field("passive_service_checks_enabled", g.accept_passive_service_checks);
    w.field("active_host_checks_enabled", g.execute_host_checks);
    w.field("passive_host_checks_enabled", g.accept_passive_host_checks);
    w.field("flap_detection_enabled", g.enable_flap_detection);
    w.field("process_performance_data", g.process_performance_data);
    w.field("check_service_freshness", g.check_service_freshness);
    w.field("check_host_freshness", g.check_host_freshness);
    w.field("obsess_over_services", g.obsess_over_services);
    w.field("obsess_over_hosts", g.obsess_over_hosts);
    w.field("global_host_event_handler", s.cfg.pool.str(g.global_host_event_handler));
    w.field("global_service_event_handler", s.cfg.pool.str(g.global_service_event_handler));
    w.field("modified_attributes", g.modified_attributes);
}

void group_dump(EngineState& s, std::deque<std::string>& out) {
    for (const model::HostGroup& g : s.cfg.hostgroups) {
        if (!g.registered) {
            continue;
        }
        out.push_back(brok(s, "initial_hostgroup_status", [&](JsonWriter& w) {
            w.field("hostgroup_name", str(s, g.hostgroup_name));
            w.field("alias", str(s, g.alias));
            w.field("notes", str(s, g.notes));
            w.field("notes_url", str(s, g.notes_url));
            w.field("action_url", str(s, g.action_url));
            names(w, "members", s, g.links.members,
                  [&](std::uint32_t i) { return str(s, s.cfg.hosts[i].host_name); });
        }));
    }
    for (const model::ServiceGroup& g : s.cfg.servicegroups) {
        if (!g.registered) {
            continue;
        }
        out.push_back(brok(s, "initial_servicegroup_status", [&](JsonWriter& w) {
            w.field("servicegroup_name", str(s, g.servicegroup_name));
            w.field("alias", str(s, g.alias));
            w.field("notes", str(s, g.notes));
            w.field("notes_url", str(s, g.notes_url));
            w.field("action_url", str(s, g.action_url));
            w.key("members");
            w.begin_array();
            for (std::uint32_t i : s.cfg.pool.list(g.links.members.list)) {
                const model::Service& sv = s.cfg.services[i];
                w.begin_array();
                w.string(str(s, sv.host_name));
                w.string(str(s, sv.service_description));
                w.end_array();
            }
            w.end_array();
        }));
    }
}

void contact_dump(EngineState& s, std::deque<std::string>& out) {
    const EpochSeconds now = s.now();
    for (const model::Contact& c : s.cfg.contacts) {
        if (!c.registered) {
            continue;
        }
        out.push_back(brok(s, "initial_contact_status", [&](JsonWriter& w) {
            w.field("contact_name", str(s, c.contact_name));
            w.field("alias", str(s, c.alias));
            w.field("email", str(s, c.email));
            w.field("pager", str(s, c.pager));
            w.field("host_notification_period", str(s, c.host_notification_period));
            w.field("service_notification_period", str(s, c.service_notification_period));
            w.field("can_submit_commands", c.can_submit_commands);
            w.field("host_notifications_enabled", c.host_notifications_enabled);
            w.field("service_notifications_enabled", c.service_notifications_enabled);
            w.field("in_host_notification_period",
                    in_period(s, c.links.notification.host_notification_period, now));
            w.field("in_service_notification_period",
                    in_period(s, c.links.notification.service_notification_period, now));
            w.field("modified_attributes", c.modified_attributes);
            names(w, "contactgroups", s, c.links.contactgroups, [&](std::uint32_t i) {
                return str(s, s.cfg.contactgroups[i].contactgroup_name);
            });
            customs(w, s, c);
        }));
    }
    for (const model::ContactGroup& g : s.cfg.contactgroups) {
        if (!g.registered) {
            continue;
        }
        out.push_back(brok(s, "initial_contactgroup_status", [&](JsonWriter& w) {
            w.field("contactgroup_name", str(s, g.contactgroup_name));
            w.field("alias", str(s, g.alias));
            names(w, "members", s, g.links.members,
                  [&](std::uint32_t i) { return str(s, s.cfg.contacts[i].contact_name); });
        }));
    }
}

}  // namespace

void publish_check_result(EngineState& s, ElementId e) {
    if (!s.broks.has_brokers()) {
        return;
    }
    s.broks.publish(brok(
                        s, element_type(s, e, "host_check_result", "service_check_result"),
                        [&](JsonWriter& w) {
                            identity(w, s, e);
                            check_fields(w, s, e);
                        },
                        1536),
                    false);
}

void publish_next_schedule(EngineState& s, ElementId e) {
    if (!s.broks.has_brokers() || !s.started) {
        return;
    }
    s.broks.publish(brok(s, element_type(s, e, "host_next_schedule", "service_next_schedule"),
                         [&](JsonWriter& w) {
                             identity(w, s, e);
                             w.field("next_chk", checkable(s, e).next_chk);
                         }),
                    false);
}

void publish_log(EngineState& s, std::string_view line) {
    s.broks.publish(brok(s, "log",
                         [&](JsonWriter& w) {
                             w.field("log", line);
                             w.field("time", std::floor(s.now()));
                         }),
                    true);
}

void publish_notification_raise(EngineState& s, ElementId e) {
    if (!s.broks.has_brokers()) {
        return;
    }
    const model::Checkable& c = checkable(s, e);
    s.broks.publish(brok(s, "notification_raise",
                         [&](JsonWriter& w) {
                             identity(w, s, e);
                             w.field("current_notification_number", c.current_notification_number);
                             w.field("last_notification", c.last_notification);
                         }),
                    false);
}

void publish_downtime_raise(EngineState& s, ElementId e, const model::Downtime& d) {
    if (!s.broks.has_brokers()) {
        return;
    }
    s.broks.publish(brok(s, "downtime_raise",
                         [&](JsonWriter& w) {
                             identity(w, s, e);
                             downtime_fields(w, d);
                         }),
                    false);
}

void publish_downtime_expire(EngineState& s, std::uint64_t id) {
    if (!s.broks.has_brokers()) {
        return;
    }
    s.broks.publish(brok(s, "downtime_expire", [&](JsonWriter& w) { w.field("id", id); }), false);
}

void publish_acknowledge(EngineState& s, ElementId e, bool raise) {
    if (!s.broks.has_brokers()) {
        return;
    }
    const model::Checkable& c = checkable(s, e);
    s.broks.publish(brok(s, raise ? "acknowledge_raise" : "acknowledge_expire",
                         [&](JsonWriter& w) {
                             identity(w, s, e);
                             if (raise && c.acknowledgement) {
                                 w.field("sticky", c.acknowledgement->sticky ? 2 : 1);
                                 w.field("author", c.acknowledgement->author);
                                 w.field("comment", c.acknowledgement->comment);
                                 w.field("notify", c.acknowledgement->notify);
                                 w.field("persistent", c.acknowledgement->persistent);
                                 w.field("end_time", c.acknowledgement->expire_time);
                             }
                         }),
                    false);
}

void publish_comment_add(EngineState& s, ElementId e, const model::Comment& c) {
    if (!s.broks.has_brokers()) {
        return;
    }
    s.broks.publish(brok(s, "comment",
                         [&](JsonWriter& w) {
                             w.field("action", "add");
                             identity(w, s, e);
                             comment_fields(w, c);
                         }),
                    false);
}

void publish_comment_delete(EngineState& s, std::uint64_t id) {
    if (!s.broks.has_brokers()) {
        return;
    }
    s.broks.publish(brok(s, "comment",
                         [&](JsonWriter& w) {
                             w.field("action", "delete");
                             w.field("id", id);
                         }),
                    false);
}

void publish_program_status(EngineState& s, bool update) {
    if (!s.broks.has_brokers()) {
        return;
    }
    s.broks.publish(brok(s, update ? "update_program_status" : "program_status",
                         [&](JsonWriter& w) { program_fields(w, s); }),
                    false);
}

void flush_status_broks(EngineState& s) {
    const bool publish = s.broks.has_brokers();
    for (ElementId e : s.status_dirty) {
        s.rt[e].flags = static_cast<std::uint16_t>(s.rt[e].flags & ~kStatusDirty);
        if (publish) {
            s.broks.publish(
                brok(
                    s, element_type(s, e, "update_host_status", "update_service_status"),
                    [&](JsonWriter& w) { full_status(w, s, e); }, 2560),
                false);
        }
    }
    s.status_dirty.clear();
    if (s.program_status_dirty) {
        s.program_status_dirty = false;
        publish_program_status(s, true);
    }
}

void build_initial_dump(EngineState& s, std::deque<std::string>& out) {
    out.push_back(brok(s, "clean_all_my_instance_id",
                       [&](JsonWriter& w) { w.field("instance_id", s.settings.part_id); }));
    out.push_back(brok(s, "program_status", [&](JsonWriter& w) { program_fields(w, s); }));
    const EpochSeconds now = s.now();
    for (Index i = 0; i < s.cfg.timeperiods.size(); ++i) {
        const model::TimePeriod& tp = s.cfg.timeperiods[i];
        if (!tp.registered) {
            continue;
        }
        out.push_back(brok(s, "initial_timeperiod_status", [&](JsonWriter& w) {
            w.field("timeperiod_name", str(s, tp.timeperiod_name));
            w.field("alias", str(s, tp.alias));
            w.field("is_active", in_period(s, i, now));
        }));
    }
    for (const model::Command& c : s.cfg.commands) {
        if (!c.registered) {
            continue;
        }
        out.push_back(brok(s, "initial_command_status", [&](JsonWriter& w) {
            w.field("command_name", str(s, c.command_name));
            w.field("command_line", str(s, c.command_line));
        }));
    }
    contact_dump(s, out);
    for (ElementId e = 0; e < s.elements.size(); ++e) {
        if (!checkable(s, e).registered) {
            continue;
        }
        out.push_back(brok(
            s, element_type(s, e, "initial_host_status", "initial_service_status"),
            [&](JsonWriter& w) { full_status(w, s, e); }, 2560));
    }
    group_dump(s, out);
    if (s.cfg.globals.log_initial_states && !s.initial_states_logged) {
        // CURRENT ... STATE lines once per engine life, at its first dump (Shinken).
        s.initial_states_logged = true;
        for (ElementId e = 0; e < s.elements.size(); ++e) {
            std::string line = initial_state_line(s, e);
            out.push_back(brok(s, "log", [&](JsonWriter& w) {
                w.field("log", line);
                w.field("time", std::floor(now));
            }));
        }
    }
    out.push_back(brok(s, "initial_broks_done",
                       [&](JsonWriter& w) { w.field("instance_id", s.settings.part_id); }));
}

}  // namespace yagura::engine::detail
