#include "notifications.hpp"

#include <algorithm>
#include <cmath>

#include <yagura/model/macro_resolver.hpp>

#include "broks.hpp"
#include "dependencies.hpp"
#include "escalations.hpp"
#include "log_lines.hpp"
#include "prepare.hpp"
#include "reactionner.hpp"

namespace yagura::engine::detail {

namespace {

enum class Block {
    none,    // send
    period,  // outside notification_period: wait for its next valid time
    hold,    // an on-demand check of a parent or the host may still explain the problem
    other,   // a blocking rule: PROBLEMs wait for their next interval, others are dropped
};

void arm(EngineState& s, ElementId e, MasterNotification& m, EpochSeconds t) {
    m.t_to_go = t;
    m.parked = false;
    s.timers.push({t, TimerKind::notification, e, m.id});
    touch_retention(s, e);
}

void park(EngineState& s, ElementId e, MasterNotification& m) {
    m.t_to_go = kNever;
    m.parked = true;
    touch_retention(s, e);
}

// When the current problem began: the first non-OK time after the last OK (Shinken's
// last_time_non_ok_or_up), 0 when unknown.
EpochSeconds problem_start(const EngineState& s, ElementId e) {
    if (is_host(s, e)) {
        const model::Host& h = s.cfg.hosts[e];
        EpochSeconds bad = std::max(h.last_time_down, h.last_time_unreachable);
        return bad > h.last_time_up ? bad : 0;
    }
    const model::Service& sv = s.cfg.services[s.elements.service_index(e)];
    EpochSeconds first = 0;
    for (EpochSeconds t : {sv.last_time_warning, sv.last_time_critical, sv.last_time_unknown}) {
        if (t > sv.last_time_ok && (first == 0 || t < first)) {
            first = t;
        }
    }
    return first;
}

bool in_pending_flexible_downtime(const model::Checkable& c, EpochSeconds now) {
    for (const model::Downtime& d : c.downtimes) {
        if (!d.fixed && !d.is_in_effect && d.trigger_id == 0 && d.start_time <= now &&
            now <= d.end_time) {
            return true;
        }
    }
    return false;
}

// The problem/recovery letter of the element's state in notification_options.
bool state_notified(const EngineState& s, ElementId e, model::Letters options) {
    char letter = state_letter(s, e);
    return letter == 'o' ? options.has('r') : options.has(letter);
}

Block blocked_by_item(EngineState& s, ElementId e, const MasterNotification& m, EpochSeconds now) {
    if ((m.options & kOptionForced) != 0) {
        return Block::none;
    }
    const model::Checkable& c = checkable(s, e);
    const model::Host& host = host_of(s, e);
    const bool in_downtime =
        c.scheduled_downtime_depth > 0 || (!is_host(s, e) && host.scheduled_downtime_depth > 0);
    if (!s.cfg.globals.enable_notifications || !c.notifications_enabled) {
        return Block::other;
    }
    if (!in_period(s, c.links.notification_period, now)) {
        return Block::period;
    }
    const model::Letters options = c.notification_options;
    if (options.has('n')) {
        return Block::other;
    }
    switch (m.type) {
        case NotificationType::custom:
            return in_downtime ? Block::other : Block::none;
        case NotificationType::acknowledgement:
            return is_ok(s, e) ? Block::other : Block::none;
        case NotificationType::flapping_start:
        case NotificationType::flapping_stop:
        case NotificationType::flapping_disabled:
            return !options.has('f') || in_downtime ? Block::other : Block::none;
        case NotificationType::downtime_start:  // made only when the first downtime starts
        case NotificationType::downtime_end:
        case NotificationType::downtime_cancelled:
            return !options.has('s') ? Block::other : Block::none;
        case NotificationType::problem:
        case NotificationType::recovery:
            break;
    }
    if (!state_notified(s, e, options)) {
        return Block::other;
    }
    if (m.type == NotificationType::problem) {
        if (c.state_type == model::StateType::soft || is_ok(s, e) ||
            c.problem_has_been_acknowledged) {
            return Block::other;
        }
    }
    if (c.is_flapping || in_downtime || in_pending_flexible_downtime(c, now) ||
        (!is_host(s, e) && in_pending_flexible_downtime(host, now))) {
        return Block::other;
    }
    // A service of a host that is not UP is not notified: the host problem is (Shinken).
    if (!is_host(s, e) && host.state != model::HostState::up &&
        host.state != model::HostState::pending) {
        return Block::other;
    }
    if (notification_dependency_failed(s, e, now)) {
        return Block::other;
    }
    if (waiting_for_dependency_check(s, e)) {
        return Block::hold;
    }
    return Block::none;
}

bool contact_in_downtime(const model::Contact& contact, EpochSeconds now) {
    for (const model::Downtime& d : contact.downtimes) {
        if (d.start_time <= now && now < d.end_time) {
            return true;
        }
    }
    return false;
}

// Whether a way of a contact takes this notification (Nagios'
// check_contact_*_notification_viability, applied per way as Shinken does).
bool way_wants(EngineState& s, ElementId e, const ContactWay& w, NotificationType type,
               EpochSeconds now) {
    const bool host = is_host(s, e);
    if (!(host ? w.host_enabled : w.service_enabled)) {
        return false;
    }
    if (checkable(s, e).business_impact < w.min_business_impact) {
        return false;
    }
    if (!in_period(s, host ? w.host_period : w.service_period, now)) {
        return false;
    }
    const model::Letters options = host ? w.host_options : w.service_options;
    if (options.has('n')) {
        return false;
    }
    switch (type) {
        case NotificationType::custom:
            return true;
        case NotificationType::flapping_start:
        case NotificationType::flapping_stop:
        case NotificationType::flapping_disabled:
            return options.has('f');
        case NotificationType::downtime_start:
        case NotificationType::downtime_end:
        case NotificationType::downtime_cancelled:
            return options.has('s');
        case NotificationType::recovery:
            return options.has('r');
        case NotificationType::acknowledgement:
        case NotificationType::problem:
            return options.has(state_letter(s, e));
    }
    return false;
}

struct Recipient {
    Index contact;
    std::vector<const ContactWay*> ways;
};

bool contact_takes(EngineState& s, ElementId e, Index ci, const MasterNotification& m,
                   EpochSeconds now, Recipient& out) {
    const model::Contact& contact = s.cfg.contacts[ci];
    const bool forced = (m.options & kOptionForced) != 0;
    const bool host = is_host(s, e);
    if (!forced) {
        if (!(host ? contact.host_notifications_enabled : contact.service_notifications_enabled)) {
            return false;
        }
        if (contact_in_downtime(contact, now)) {
            return false;
        }
    }
    out.contact = ci;
    for (const ContactWay& w : s.contact_ways[ci]) {
        if (forced || way_wants(s, e, w, m.type, now)) {
            out.ways.push_back(&w);
        }
    }
    return !out.ways.empty();
}

std::vector<Index> candidate_contacts(EngineState& s, ElementId e, MasterNotification& m,
                                      EpochSeconds now, bool& escalated) {
    model::Checkable& c = checkable(s, e);
    std::vector<Index> contacts;
    escalated = false;
    if (m.type == NotificationType::recovery) {
        // Recoveries go to those who heard of the problem, and only to them.
        for (model::Symbol name : c.notified_contacts) {
            Index ci = s.cfg.contacts.find(name);
            if (ci != kNoIndex) {
                contacts.push_back(ci);
            }
        }
        c.notified_contacts.clear();
        return contacts;
    }
    auto own = s.cfg.pool.list(c.links.contacts.list);
    if ((m.options & kOptionBroadcast) != 0) {
        // Everyone: the element's contacts and those of every escalation (Nagios).
        contacts.assign(own.begin(), own.end());
        for (std::uint32_t i : s.cfg.pool.list(c.links.escalations.list)) {
            for (std::uint32_t ci : s.cfg.pool.list(s.cfg.escalations[i].links.contacts.list)) {
                if (std::find(contacts.begin(), contacts.end(), ci) == contacts.end()) {
                    contacts.push_back(ci);
                }
            }
        }
        return contacts;
    }
    std::vector<Index> escalation = escalated_contacts(s, e, m, now);
    if (!escalation.empty()) {
        escalated = true;
        return escalation;
    }
    contacts.assign(own.begin(), own.end());
    return contacts;
}

bool already_notified(const model::Checkable& c, model::Symbol name) {
    return std::find(c.notified_contacts.begin(), c.notified_contacts.end(), name) !=
           c.notified_contacts.end();
}

void make_child(EngineState& s, ElementId e, const MasterNotification& m, Index ci,
                const model::CommandCall& call, bool escalated, const std::string& recipients,
                EpochSeconds now) {
    if (call.command == kNoIndex) {
        return;
    }
    const model::Command& command = s.cfg.commands[call.command];
    std::uint32_t slot = s.actions.allocate();
    ActionSlot& a = s.actions[slot];
    a.status = SlotStatus::pending;
    a.kind = ActionKind::notification;
    a.notification_type = m.type;
    a.escalated = escalated;
    a.element = e;
    a.contact = ci;
    a.number = m.number;
    a.priority = checkable(s, e).priority;
    a.timeout = command.timeout > 0 ? command.timeout : s.cfg.globals.notification_timeout;
    a.t_to_go = now;
    a.route = reactionner_route(s, e, call.command);
    a.command_name = command.command_name;

    model::NotificationInfo info;
    info.type = to_string(m.type);
    info.number = m.number;
    info.id = checkable(s, e).current_notification_id;
    info.recipients = recipients;
    info.escalated = escalated;
    info.author = m.author;
    info.author_name = m.author;
    info.comment = m.comment;
    model::MacroContext ctx = macro_context(s, e);
    ctx.contact = &s.cfg.contacts[ci];
    ctx.notification = &info;
    a.command = model::expand_command_call(call, ctx);
    log_notification(s, e, str(s, s.cfg.contacts[ci].contact_name), m.type,
                     str(s, command.command_name), m.author, m.comment);
    ++s.stats.notifications_sent;
    queue_reactionner_action(s, slot);
}

// Fans a master out into child notifications; returns how many.
std::size_t scatter(EngineState& s, ElementId e, MasterNotification& m, EpochSeconds now) {
    model::Checkable& c = checkable(s, e);
    bool escalated = false;
    std::vector<Index> candidates = candidate_contacts(s, e, m, now, escalated);
    std::vector<Recipient> recipients;
    for (Index ci : candidates) {
        // notification_interval 0 means once: a contact notified of this problem before a
        // downtime is not notified again after it (Shinken).
        if (m.type == NotificationType::problem && c.notification_interval == 0 &&
            already_notified(c, s.cfg.contacts[ci].contact_name)) {
            continue;
        }
        Recipient r;
        if (contact_takes(s, e, ci, m, now, r)) {
            recipients.push_back(std::move(r));
        }
    }
    if (recipients.empty()) {
        return 0;
    }
    std::string names;
    for (const Recipient& r : recipients) {
        if (!names.empty()) {
            names += ',';
        }
        names += str(s, s.cfg.contacts[r.contact].contact_name);
    }
    c.current_notification_id = s.ids.next_notification_id++;
    std::size_t children = 0;
    const bool host = is_host(s, e);
    for (const Recipient& r : recipients) {
        for (const ContactWay* w : r.ways) {
            const auto* commands = host ? w->host_commands : w->service_commands;
            if (commands == nullptr) {
                continue;
            }
            for (const model::CommandCall& call : *commands) {
                make_child(s, e, m, r.contact, call, escalated, names, now);
                ++children;
            }
        }
        model::Symbol name = s.cfg.contacts[r.contact].contact_name;
        if (m.type == NotificationType::problem && !already_notified(c, name)) {
            c.notified_contacts.push_back(name);
        }
    }
    return children;
}

std::vector<MasterNotification>* masters_of(EngineState& s, ElementId e) {
    auto it = s.masters.find(e);
    return it == s.masters.end() ? nullptr : &it->second;
}

void erase_master(EngineState& s, ElementId e, std::uint64_t id) {
    auto* list = masters_of(s, e);
    if (list == nullptr) {
        return;
    }
    auto it = std::find_if(list->begin(), list->end(),
                           [id](const MasterNotification& m) { return m.id == id; });
    if (it != list->end()) {
        list->erase(it);
        --s.master_count;
    }
    if (list->empty()) {
        s.masters.erase(e);
    }
    touch_retention(s, e);
}

}  // namespace

void create_notification(EngineState& s, ElementId e, NotificationType type,
                         std::string_view author, std::string_view comment, std::uint8_t options) {
    model::Checkable& c = checkable(s, e);
    const EpochSeconds now = s.now();
    EpochSeconds wished = now;
    if (type == NotificationType::problem && c.current_notification_number == 0 &&
        c.first_notification_delay > 0) {
        EpochSeconds start = problem_start(s, e);
        wished = (start > 0 ? start : now) + c.first_notification_delay * interval_length(s);
    }
    EpochSeconds t = wished;
    if ((options & kOptionForced) == 0 && c.links.notification_period != kNoIndex) {
        auto next = s.calendar.next_valid(c.links.notification_period,
                                          static_cast<std::time_t>(std::ceil(wished)));
        if (next) {
            t = std::max<EpochSeconds>(wished, static_cast<EpochSeconds>(*next));
        }
    }
    MasterNotification m;
    m.id = s.ids.next_notification_id++;
    m.type = type;
    m.options = options;
    m.creation_time = now;
    m.author = std::string(author);
    m.comment = std::string(comment);
    switch (type) {
        case NotificationType::problem:
            m.number = c.current_notification_number + 1;
            break;
        case NotificationType::recovery:
            // $NOTIFICATIONNUMBER$ of a recovery is the count of the problem (Nagios); the
            // next problem starts again at 1.
            m.number = c.current_notification_number;
            c.current_notification_number = 0;
            break;
        default:
            m.number = c.current_notification_number + ((options & kOptionIncrement) ? 1 : 0);
            break;
    }
    touch(s, e);
    auto& list = s.masters[e];
    list.push_back(std::move(m));
    ++s.master_count;
    arm(s, e, list.back(), t);
}

void remove_in_progress_notifications(EngineState& s, ElementId e) {
    auto it = s.masters.find(e);
    if (it == s.masters.end()) {
        return;
    }
    s.master_count -= it->second.size();
    s.masters.erase(it);
    touch_retention(s, e);
}

void wake_parked_notifications(EngineState& s, ElementId e) {
    auto* list = masters_of(s, e);
    if (list == nullptr) {
        return;
    }
    const EpochSeconds now = s.now();
    for (MasterNotification& m : *list) {
        if (m.parked) {
            arm(s, e, m, now);
        }
    }
}

void fire_notification(EngineState& s, ElementId e, std::uint64_t id, EpochSeconds now) {
    auto* list = masters_of(s, e);
    if (list == nullptr) {
        return;
    }
    auto it = std::find_if(list->begin(), list->end(),
                           [id](const MasterNotification& m) { return m.id == id; });
    // A timer for a master since re-armed later, parked or removed is stale.
    if (it == list->end() || it->parked || it->t_to_go > now) {
        return;
    }
    MasterNotification& m = *it;
    model::Checkable& c = checkable(s, e);
    const Block block = blocked_by_item(s, e, m, now);
    if (block == Block::hold) {
        arm(s, e, m, now + 1);
        return;
    }
    std::size_t children = block == Block::none ? scatter(s, e, m, now) : 0;
    if (children > 0) {
        c.last_notification = now;
        if (m.type == NotificationType::problem ||
            (m.type == NotificationType::custom && (m.options & kOptionIncrement))) {
            c.current_notification_number = m.number;
        }
        touch(s, e);
        publish_notification_raise(s, e);
    }
    if (block == Block::period) {
        auto next = s.calendar.next_valid(c.links.notification_period,
                                          static_cast<std::time_t>(std::ceil(now)));
        if (next) {
            arm(s, e, m, static_cast<EpochSeconds>(*next));
        } else {
            park(s, e, m);
        }
        return;
    }
    if (m.type != NotificationType::problem) {
        erase_master(s, e, id);  // recoveries, acks, flapping, downtimes, customs: once
        return;
    }
    if (c.notification_interval > 0) {
        EpochSeconds next = next_notification_time(s, e, m, now);
        m.number = c.current_notification_number + 1;
        arm(s, e, m, next);
        return;
    }
    if (children > 0) {
        erase_master(s, e, id);  // notification_interval 0: once
    } else {
        park(s, e, m);  // sent once as soon as nothing blocks it (next check, downtime end...)
    }
}

std::size_t pending_notifications(const EngineState& s) {
    std::size_t n = s.master_count;
    for (std::uint32_t slot = 0; slot < s.actions.capacity(); ++slot) {
        const ActionSlot& a = s.actions[slot];
        if (a.status == SlotStatus::pending && a.kind == ActionKind::notification) {
            ++n;
        }
    }
    return n;
}

}  // namespace yagura::engine::detail
