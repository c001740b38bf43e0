#include "escalations.hpp"

#include <algorithm>

namespace yagura::engine::detail {

bool time_based(const model::Escalation& es) {
    return es.first_notification_time > 0 || es.last_notification_time > 0;
}

bool escalation_eligible(EngineState& s, const model::Escalation& es, EpochSeconds t,
                         char state_letter, int number, double seconds_since_creation) {
    const double unit = interval_length(s);
    if (!time_based(es)) {
        if (number < es.first_notification) {
            return false;
        }
        if (es.last_notification != 0 && number > es.last_notification) {
            return false;
        }
    } else {
        if (seconds_since_creation < es.first_notification_time * unit) {
            return false;
        }
        if (es.last_notification_time != 0 &&
            seconds_since_creation > es.last_notification_time * unit) {
            return false;
        }
    }
    if (!es.escalation_options.has(state_letter)) {
        return false;
    }
    return in_period(s, es.links.escalation_period, t);
}

std::vector<Index> escalated_contacts(EngineState& s, ElementId e, MasterNotification& m,
                                      EpochSeconds now) {
    std::vector<Index> contacts;
    const char letter = state_letter(s, e);
    for (std::uint32_t i : s.cfg.pool.list(checkable(s, e).links.escalations.list)) {
        const model::Escalation& es = s.cfg.escalations[i];
        if (!escalation_eligible(s, es, m.t_to_go, letter, m.number, now - m.creation_time)) {
            continue;
        }
        for (std::uint32_t c : s.cfg.pool.list(es.links.contacts.list)) {
            if (std::find(contacts.begin(), contacts.end(), c) == contacts.end()) {
                contacts.push_back(c);
            }
        }
        if (std::find(m.started_escalations.begin(), m.started_escalations.end(), i) ==
            m.started_escalations.end()) {
            m.started_escalations.push_back(i);
        }
    }
    return contacts;
}

EpochSeconds next_notification_time(EngineState& s, ElementId e, const MasterNotification& m,
                                    EpochSeconds now) {
    const model::Checkable& c = checkable(s, e);
    const double unit = interval_length(s);
    const char letter = state_letter(s, e);
    double interval = c.notification_interval;
    auto escalations = s.cfg.pool.list(c.links.escalations.list);
    for (std::uint32_t i : escalations) {
        const model::Escalation& es = s.cfg.escalations[i];
        if (escalation_eligible(s, es, m.t_to_go, letter, m.number, now - m.creation_time) &&
            es.notification_interval >= 0 && es.notification_interval < interval) {
            interval = es.notification_interval;
        }
    }
    EpochSeconds next = m.t_to_go + interval * unit;
    if (next < now) {
        next = now + interval * unit;  // retained from long ago: from now on
    }
    EpochSeconds result = next;
    for (std::uint32_t i : escalations) {
        const model::Escalation& es = s.cfg.escalations[i];
        if (!time_based(es) || !es.escalation_options.has(letter) ||
            std::find(m.started_escalations.begin(), m.started_escalations.end(), i) !=
                m.started_escalations.end()) {
            continue;
        }
        EpochSeconds start = m.creation_time + es.first_notification_time * unit;
        if (start > next || !in_period(s, es.links.escalation_period, start)) {
            continue;
        }
        if (now < start && start < result) {
            result = start;
        }
    }
    return result;
}

}  // namespace yagura::engine::detail
