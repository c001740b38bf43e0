#include "retention.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include <yagura/core/json_writer.hpp>
#include <yagura/model/json.hpp>
#include <yagura/model/schema.hpp>

#include "downtimes.hpp"
#include "prepare.hpp"

namespace yagura::engine::detail {

using core::JsonWriter;

namespace {

using nlohmann::json;

constexpr std::array kTypes = {
    NotificationType::problem,
    NotificationType::recovery,
    NotificationType::acknowledgement,
    NotificationType::flapping_start,
    NotificationType::flapping_stop,
    NotificationType::flapping_disabled,
    NotificationType::downtime_start,
    NotificationType::downtime_end,
    NotificationType::downtime_cancelled,
    NotificationType::custom,
};

std::optional<NotificationType> type_from(std::string_view text) {
    for (NotificationType t : kTypes) {
        if (to_string(t) == text) {
            return t;
        }
    }
    return std::nullopt;
}

// The engine flags worth keeping (not the dirty marks).
constexpr std::uint16_t kRetainedFlags =
    kHardUnknownPhase | kWasInHardUnknownPhase | kDowntimeDuringLastCheck | kFlapRecoveryCheck;

json engine_part(const EngineState& s, ElementId e) {
    const ElementRuntime& r = s.rt[e];
    json out = json::object();
    out["flags"] = r.flags & kRetainedFlags;
    out["state_before_phase"] = r.state_before_phase;
    out["last_flap_state"] = r.last_flap_state;
    json notifications = json::array();
    auto it = s.masters.find(e);
    if (it != s.masters.end()) {
        for (const MasterNotification& m : it->second) {
            json escalations = json::array();
            for (Index i : m.started_escalations) {
                escalations.push_back(s.cfg.pool.str(s.cfg.escalations[i].escalation_name));
            }
            notifications.push_back({{"id", m.id},
                                     {"type", to_string(m.type)},
                                     {"options", m.options},
                                     {"parked", m.parked},
                                     {"number", m.number},
                                     {"t_to_go", m.t_to_go},
                                     {"creation_time", m.creation_time},
                                     {"author", m.author},
                                     {"comment", m.comment},
                                     {"escalations", std::move(escalations)}});
        }
    }
    out["notifications"] = std::move(notifications);
    return out;
}

bool switch_was_modified(std::uint32_t modified, std::uint32_t bit) {
    return (modified & bit) != 0;
}

struct ProgramField {
    std::string_view name;
    bool model::Globals::*field;
    std::uint32_t bit;
};

constexpr auto kProgramFields = std::to_array<ProgramField>({
    {"enable_notifications", &model::Globals::enable_notifications,
     model::kModNotificationsEnabled},
    {"enable_event_handlers", &model::Globals::enable_event_handlers,
     model::kModEventHandlerEnabled},
    {"enable_flap_detection", &model::Globals::enable_flap_detection,
     model::kModFlapDetectionEnabled},
    {"process_performance_data", &model::Globals::process_performance_data,
     model::kModPerformanceDataEnabled},
    {"execute_host_checks", &model::Globals::execute_host_checks, model::kModActiveChecksEnabled},
    {"execute_service_checks", &model::Globals::execute_service_checks,
     model::kModActiveChecksEnabled},
    {"accept_passive_host_checks", &model::Globals::accept_passive_host_checks,
     model::kModPassiveChecksEnabled},
    {"accept_passive_service_checks", &model::Globals::accept_passive_service_checks,
     model::kModPassiveChecksEnabled},
    {"obsess_over_hosts", &model::Globals::obsess_over_hosts, model::kModObsessiveHandlerEnabled},
    {"obsess_over_services", &model::Globals::obsess_over_services,
     model::kModObsessiveHandlerEnabled},
    {"check_host_freshness", &model::Globals::check_host_freshness,
     model::kModFreshnessChecksEnabled},
    {"check_service_freshness", &model::Globals::check_service_freshness,
     model::kModFreshnessChecksEnabled},
});

json downtime_json(const model::Downtime& d) {
    return {{"id", d.id},
            {"entry_time", d.entry_time},
            {"start_time", d.start_time},
            {"end_time", d.end_time},
            {"author", d.author},
            {"comment", d.comment}};
}

void restore_engine_part(EngineState& s, ElementId e, const json& part) {
    ElementRuntime& r = s.rt[e];
    r.flags = static_cast<std::uint16_t>((r.flags & ~kRetainedFlags) |
                                         (part.value("flags", 0U) & kRetainedFlags));
    r.state_before_phase = part.value("state_before_phase", std::uint8_t{0});
    r.last_flap_state = part.value("last_flap_state", std::uint8_t{0xFF});
    const json notifications = part.value("notifications", json::array());
    std::vector<MasterNotification> masters;
    for (const json& n : notifications) {
        auto type = type_from(n.value("type", std::string()));
        if (!type) {
            continue;
        }
        MasterNotification m;
        m.id = n.value("id", std::uint64_t{0});
        m.type = *type;
        m.options = n.value("options", std::uint8_t{0});
        m.parked = n.value("parked", false);
        m.number = n.value("number", 0);
        m.t_to_go = n.value("t_to_go", 0.0);
        m.creation_time = n.value("creation_time", 0.0);
        m.author = n.value("author", std::string());
        m.comment = n.value("comment", std::string());
        for (const json& name : n.value("escalations", json::array())) {
            if (name.is_string()) {
                Index i = s.cfg.escalations.find(name.get<std::string>(), s.cfg.pool);
                if (i != kNoIndex) {
                    m.started_escalations.push_back(i);
                }
            }
        }
        s.ids.next_notification_id = std::max(s.ids.next_notification_id, m.id + 1);
        masters.push_back(std::move(m));
    }
    auto it = s.masters.find(e);
    if (it != s.masters.end()) {
        s.master_count -= it->second.size();
        s.masters.erase(it);
    }
    if (masters.empty()) {
        return;
    }
    for (MasterNotification& m : masters) {
        if (!m.parked) {
            s.timers.push({m.t_to_go, TimerKind::notification, e, m.id});
        }
    }
    s.master_count += masters.size();
    s.masters[e] = std::move(masters);
}

// Attributes a command changed come back as names: link them again.
void relink_modified(EngineState& s, ElementId e) {
    model::Checkable& c = checkable(s, e);
    const std::uint32_t modified = c.modified_attributes;
    if ((modified & model::kModCheckCommand) != 0) {
        c.links.check_command =
            model::link_command_call(str(s, c.check_command), s.cfg.commands, s.cfg.pool);
        prepare_check(s, e, nullptr);
    }
    if ((modified & model::kModEventHandlerCommand) != 0) {
        c.links.event_handler =
            model::link_command_call(str(s, c.event_handler), s.cfg.commands, s.cfg.pool);
    }
    if ((modified & model::kModCheckTimeperiod) != 0) {
        c.links.check_period = s.cfg.timeperiods.find(c.check_period);
    }
    if ((modified & model::kModNotificationTimeperiod) != 0) {
        c.links.notification_period = s.cfg.timeperiods.find(c.notification_period);
    }
}

// Ids, timers and owners of the restored downtimes, comments and acknowledgement.
void rebuild_records(EngineState& s, ElementId e) {
    model::Checkable& c = checkable(s, e);
    relink_modified(s, e);
    rearm_downtime_timers(s, e);
    for (const model::Comment& cm : c.comments) {
        s.comment_owners[cm.id] = e;
        s.ids.next_comment_id = std::max(s.ids.next_comment_id, cm.id + 1);
        if (cm.expires) {
            s.timers.push({cm.expire_time, TimerKind::comment_expire, e, cm.id});
        }
    }
    if (c.problem_has_been_acknowledged && c.acknowledgement &&
        c.acknowledgement->expire_time > 0) {
        s.timers.push({c.acknowledgement->expire_time, TimerKind::ack_expire, e,
                       c.acknowledgement->comment_id});
    }
}

template <class T>
std::vector<std::string> restore_object(T& obj, const json& state, model::StringPool& pool) {
    return model::restore_state(obj, state, pool);
}

void load_global(EngineState& s, const json& value) {
    const json counters = value.value("counters", json::object());
    s.ids.next_downtime_id =
        std::max(s.ids.next_downtime_id, counters.value("next_downtime_id", std::uint64_t{1}));
    s.ids.next_comment_id =
        std::max(s.ids.next_comment_id, counters.value("next_comment_id", std::uint64_t{1}));
    s.ids.next_notification_id = std::max(s.ids.next_notification_id,
                                          counters.value("next_notification_id", std::uint64_t{1}));
    s.ids.event_id = std::max(s.ids.event_id, counters.value("event_id", std::uint64_t{0}));
    s.ids.problem_id = std::max(s.ids.problem_id, counters.value("problem_id", std::uint64_t{0}));

    model::Globals& g = s.cfg.globals;
    const json program = value.value("program", json::object());
    const auto modified = program.value("modified_attributes", std::uint32_t{0});
    for (const ProgramField& f : kProgramFields) {
        if (switch_was_modified(modified, f.bit) && program.contains(f.name)) {
            g.*(f.field) = program[std::string(f.name)].get<bool>();
        }
    }
    g.modified_attributes |= modified;

    const json contacts = value.value("contacts", json::object());
    for (auto it = contacts.begin(); it != contacts.end(); ++it) {
        Index ci = s.cfg.contacts.find(it.key(), s.cfg.pool);
        if (ci == kNoIndex) {
            continue;
        }
        model::Contact& contact = s.cfg.contacts[ci];
        const json& saved = it.value();
        contact.modified_host_attributes = saved.value("modified_host_attributes", 0U);
        contact.modified_service_attributes = saved.value("modified_service_attributes", 0U);
        contact.modified_attributes = saved.value("modified_attributes", 0U);
        if (switch_was_modified(contact.modified_host_attributes,
                                model::kModNotificationsEnabled)) {
            contact.host_notifications_enabled = saved.value("host_notifications_enabled", true);
        }
        if (switch_was_modified(contact.modified_service_attributes,
                                model::kModNotificationsEnabled)) {
            contact.service_notifications_enabled =
                saved.value("service_notifications_enabled", true);
        }
        contact.downtimes.clear();
        for (const json& d : saved.value("downtimes", json::array())) {
            model::Downtime dt;
            dt.id = d.value("id", std::uint64_t{0});
            dt.entry_time = d.value("entry_time", 0.0);
            dt.start_time = d.value("start_time", 0.0);
            dt.end_time = d.value("end_time", 0.0);
            dt.author = d.value("author", std::string());
            dt.comment = d.value("comment", std::string());
            dt.fixed = true;
            contact.downtimes.push_back(dt);
            s.contact_downtime_owners[dt.id] = ci;
            s.ids.next_downtime_id = std::max(s.ids.next_downtime_id, dt.id + 1);
            s.timers.push({dt.end_time, TimerKind::contact_downtime_end, ci, dt.id});
        }
    }
}

}  // namespace

namespace {

// The model's state view (what model::restore_state reads), written field by field through
// the field declarations straight into the record's text: the same JSON as model::to_json
// without building a document of 70 keys for every record.
// A value through the engine's writer (nlohmann's dump builds a serializer, locale included,
// for every call: too slow for 70 small values a record).
void write_value(JsonWriter& w, const json& v) {
    switch (v.type()) {
        case json::value_t::object:
            w.begin_object();
            for (auto it = v.begin(); it != v.end(); ++it) {
                w.key(it.key());
                write_value(w, it.value());
            }
            w.end_object();
            break;
        case json::value_t::array:
            w.begin_array();
            for (const json& item : v) {
                write_value(w, item);
            }
            w.end_array();
            break;
        case json::value_t::string:
            w.string(v.get_ref<const std::string&>());
            break;
        case json::value_t::boolean:
            w.boolean(v.get<bool>());
            break;
        case json::value_t::number_integer:
            w.integer(v.get<std::int64_t>());
            break;
        case json::value_t::number_unsigned:
            w.integer(static_cast<std::int64_t>(v.get<std::uint64_t>()));
            break;
        case json::value_t::number_float:
            w.number(v.get<double>());
            break;
        default:
            w.null();
            break;
    }
}

template <class T>
void write_state_view(JsonWriter& w, const T& obj, const model::StringPool& pool) {
    json value;
    for (const model::FieldDef<T>& f : model::type_info<T>().fields) {
        if (!f.has(model::kState) && !f.has(model::kKey)) {
            continue;
        }
        value = nullptr;
        f.ops->to_json(obj, value, pool, f);
        w.key(f.name);
        write_value(w, value);
    }
}

}  // namespace

RetentionRecord element_record(EngineState& s, ElementId e) {
    RetentionRecord record;
    record.host_name = std::string(host_name(s, e));
    JsonWriter w(record.value);
    w.begin_object();
    w.key("state");
    w.begin_object();
    if (is_host(s, e)) {
        record.kind = RetentionRecord::Kind::host;
        write_state_view(w, s.cfg.hosts[e], s.cfg.pool);
    } else {
        record.kind = RetentionRecord::Kind::service;
        record.service_description = std::string(service_description(s, e));
        write_state_view(w, s.cfg.services[s.elements.service_index(e)], s.cfg.pool);
    }
    w.end_object();
    w.key("engine");
    write_value(w, engine_part(s, e));
    w.end_object();
    return record;
}

RetentionRecord global_record(EngineState& s) {
    const model::Globals& g = s.cfg.globals;
    json program = json::object();
    for (const ProgramField& f : kProgramFields) {
        program[std::string(f.name)] = g.*(f.field);
    }
    program["modified_attributes"] = g.modified_attributes;
    json contacts = json::object();
    for (const model::Contact& c : s.cfg.contacts) {
        if (c.modified_attributes == 0 && c.modified_host_attributes == 0 &&
            c.modified_service_attributes == 0 && c.downtimes.empty()) {
            continue;
        }
        json downtimes = json::array();
        for (const model::Downtime& d : c.downtimes) {
            downtimes.push_back(downtime_json(d));
        }
        contacts[std::string(str(s, c.contact_name))] = {
            {"host_notifications_enabled", c.host_notifications_enabled},
            {"service_notifications_enabled", c.service_notifications_enabled},
            {"modified_attributes", c.modified_attributes},
            {"modified_host_attributes", c.modified_host_attributes},
            {"modified_service_attributes", c.modified_service_attributes},
            {"downtimes", std::move(downtimes)}};
    }
    json value = {{"counters",
                   {{"next_downtime_id", s.ids.next_downtime_id},
                    {"next_comment_id", s.ids.next_comment_id},
                    {"next_notification_id", s.ids.next_notification_id},
                    {"event_id", s.ids.event_id},
                    {"problem_id", s.ids.problem_id}}},
                  {"program", std::move(program)},
                  {"contacts", std::move(contacts)}};
    RetentionRecord record;
    record.kind = RetentionRecord::Kind::global;
    record.value = value.dump(-1, ' ', false, json::error_handler_t::replace);
    return record;
}

void take_dirty(EngineState& s, std::vector<RetentionRecord>& out) {
    for (ElementId e : s.retention_dirty) {
        s.rt[e].flags = static_cast<std::uint16_t>(s.rt[e].flags & ~kRetentionDirty);
        out.push_back(element_record(s, e));
    }
    s.retention_dirty.clear();
    if (s.global_dirty) {
        s.global_dirty = false;
        out.push_back(global_record(s));
    }
}

void all_records(EngineState& s, std::vector<RetentionRecord>& out) {
    out.push_back(global_record(s));
    for (ElementId e = 0; e < s.elements.size(); ++e) {
        out.push_back(element_record(s, e));
    }
}

RetentionLoad load_records(EngineState& s, std::span<const RetentionRecord> records) {
    RetentionLoad result;
    for (const RetentionRecord& record : records) {
        json value = json::parse(record.value, nullptr, false);
        if (value.is_discarded() || !value.is_object()) {
            ++result.invalid;
            result.errors.push_back(
                "record of '" + record.host_name +
                (record.service_description.empty() ? "" : "/" + record.service_description) +
                "' is not a JSON object");
            continue;
        }
        if (record.kind == RetentionRecord::Kind::global) {
            try {
                load_global(s, value);
                ++result.applied;
            } catch (const json::exception& e) {
                ++result.invalid;
                result.errors.push_back(std::string("global record: ") + e.what());
            }
            continue;
        }
        ElementId e = kNoElement;
        if (record.kind == RetentionRecord::Kind::host) {
            Index h = s.cfg.hosts.find(record.host_name, s.cfg.pool);
            e = h == kNoIndex ? kNoElement : s.elements.of_host(h);
        } else {
            auto hs = s.cfg.pool.find(record.host_name);
            auto ds = s.cfg.pool.find(record.service_description);
            Index sv = hs && ds ? s.cfg.services.find(*hs, *ds) : kNoIndex;
            e = sv == kNoIndex ? kNoElement : s.elements.of_service(sv);
        }
        if (e == kNoElement) {
            ++result.unknown;
            continue;
        }
        const json state = value.value("state", json::object());
        std::vector<std::string> errors =
            is_host(s, e)
                ? restore_object(s.cfg.hosts[e], state, s.cfg.pool)
                : restore_object(s.cfg.services[s.elements.service_index(e)], state, s.cfg.pool);
        if (!errors.empty()) {
            ++result.invalid;
            for (std::string& error : errors) {
                result.errors.push_back(element_name(s, e) + ": " + error);
            }
            continue;
        }
        try {
            restore_engine_part(s, e, value.value("engine", json::object()));
        } catch (const json::exception& ex) {
            result.errors.push_back(element_name(s, e) + ": engine part: " + ex.what());
        }
        rebuild_records(s, e);
        ++result.applied;
    }
    return result;
}

}  // namespace yagura::engine::detail
