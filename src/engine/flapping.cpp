#include "flapping.hpp"

#include <cstdio>

#include "acks_comments.hpp"
#include "log_lines.hpp"
#include "notifications.hpp"

namespace yagura::engine::detail {

namespace {

constexpr double kOldestWeight = 0.8;
constexpr double kNewestWeight = 1.2;

int history_size(const EngineState& s) {
    int n = s.cfg.globals.flap_history;
    if (n < 2) {
        return 2;
    }
    return n > model::FlapHistory::kCapacity ? model::FlapHistory::kCapacity : n;
}

void thresholds(const EngineState& s, ElementId e, double& low, double& high) {
    const model::Checkable& c = checkable(s, e);
    const model::Globals& g = s.cfg.globals;
    const bool host = is_host(s, e);
    low = c.low_flap_threshold > 0
              ? c.low_flap_threshold
              : (host ? g.low_host_flap_threshold : g.low_service_flap_threshold);
    high = c.high_flap_threshold > 0
               ? c.high_flap_threshold
               : (host ? g.high_host_flap_threshold : g.high_service_flap_threshold);
}

std::string comment_text(bool host, double percent, double threshold) {
    char buffer[320];
    std::snprintf(buffer, sizeof buffer,
                  "Notifications for this %s are being suppressed because it was detected as "
                  "having been flapping between different states (%2.1f%% change %s %2.1f%% "
                  "threshold).  When the %s state stabilizes and the flapping stops, "
                  "notifications will be re-enabled.",
                  host ? "host" : "service", percent, host ? ">" : ">=", threshold,
                  host ? "host" : "service");
    return buffer;
}

void start_flapping(EngineState& s, ElementId e, double percent, double high) {
    model::Checkable& c = checkable(s, e);
    log_flapping(s, e, FlapEvent::started, percent, high);
    if (c.flapping_comment_id == 0) {
        c.flapping_comment_id =
            add_comment(s, e, model::CommentEntryType::flapping, model::CommentSource::internal,
                        false, "(Nagios Process)", comment_text(is_host(s, e), percent, high));
    }
    c.is_flapping = true;
    if (c.current_notification_number > 0) {
        s.rt[e].flags |= kFlapRecoveryCheck;
    } else {
        s.rt[e].flags = static_cast<std::uint16_t>(s.rt[e].flags & ~kFlapRecoveryCheck);
    }
    create_notification(s, e, NotificationType::flapping_start);
    touch(s, e);
}

void stop_flapping(EngineState& s, ElementId e, double percent, double low, bool disabled) {
    model::Checkable& c = checkable(s, e);
    log_flapping(s, e, disabled ? FlapEvent::disabled : FlapEvent::stopped, percent, low);
    if (c.flapping_comment_id != 0) {
        delete_comment(s, e, c.flapping_comment_id);
        c.flapping_comment_id = 0;
    }
    c.is_flapping = false;
    create_notification(
        s, e, disabled ? NotificationType::flapping_disabled : NotificationType::flapping_stop);
    // Problems notified before the flapping began get their recovery now (Nagios).
    if ((s.rt[e].flags & kFlapRecoveryCheck) != 0 && state_id(s, e) == 0) {
        create_notification(s, e, NotificationType::recovery);
    }
    s.rt[e].flags = static_cast<std::uint16_t>(s.rt[e].flags & ~kFlapRecoveryCheck);
    wake_parked_notifications(s, e);
    touch(s, e);
}

bool detection_on(const EngineState& s, ElementId e) {
    return s.cfg.globals.enable_flap_detection && checkable(s, e).flap_detection_enabled;
}

}  // namespace

double percent_state_change(const model::FlapHistory& history, int n) {
    if (n < 2) {
        return 0;
    }
    const int count = history.count;
    double sum = 0;
    for (int i = 0; i < count; ++i) {
        if (!history.changed(i)) {
            continue;
        }
        // The newest change weighs 1.2, the oldest of a full history 0.8 (linear between).
        int position = i + (n - count);
        sum += kOldestWeight + position * (kNewestWeight - kOldestWeight) / (n - 1);
    }
    return sum * 100.0 / n;
}

void record_flapping(EngineState& s, ElementId e) {
    model::Checkable& c = checkable(s, e);
    const char letter = state_letter(s, e);
    // Nagios records HARD states and soft recoveries, of the states flap detection watches.
    const bool soft_problem = c.state_type == model::StateType::soft && state_id(s, e) != 0;
    if (soft_problem || !c.flap_detection_options.has(letter) || !detection_on(s, e)) {
        if (!detection_on(s, e) && c.is_flapping) {
            flap_detection_disabled(s, e);
        }
        return;
    }
    ElementRuntime& r = s.rt[e];
    const auto state = static_cast<std::uint8_t>(state_id(s, e));
    const bool changed = r.last_flap_state != 0xFF && r.last_flap_state != state;
    r.last_flap_state = state;
    const int n = history_size(s);
    c.flapping_changes.push(changed, n);
    c.percent_state_change = percent_state_change(c.flapping_changes, n);
    double low = 0;
    double high = 0;
    thresholds(s, e, low, high);
    if (!c.is_flapping && c.percent_state_change >= high) {
        start_flapping(s, e, c.percent_state_change, high);
    } else if (c.is_flapping && c.percent_state_change <= low) {
        stop_flapping(s, e, c.percent_state_change, low, false);
    }
}

void flap_detection_disabled(EngineState& s, ElementId e) {
    model::Checkable& c = checkable(s, e);
    if (!c.is_flapping) {
        return;
    }
    double low = 0;
    double high = 0;
    thresholds(s, e, low, high);
    stop_flapping(s, e, c.percent_state_change, low, true);
}

void clear_flapping_state(EngineState& s, ElementId e) {
    model::Checkable& c = checkable(s, e);
    c.flapping_changes = {};
    c.percent_state_change = 0;
    s.rt[e].last_flap_state = 0xFF;
    if (c.is_flapping) {
        double low = 0;
        double high = 0;
        thresholds(s, e, low, high);
        log_flapping(s, e, FlapEvent::stopped, 0, low);
        if (c.flapping_comment_id != 0) {
            delete_comment(s, e, c.flapping_comment_id);
            c.flapping_comment_id = 0;
        }
        c.is_flapping = false;
        create_notification(s, e, NotificationType::flapping_stop);
        wake_parked_notifications(s, e);
    }
    touch(s, e);
}

}  // namespace yagura::engine::detail
