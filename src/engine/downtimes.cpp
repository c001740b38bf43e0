#include "downtimes.hpp"

#include <algorithm>

#include <yagura/model/macro_resolver.hpp>

#include "acks_comments.hpp"
#include "broks.hpp"
#include "log_lines.hpp"
#include "notifications.hpp"

namespace yagura::engine::detail {

namespace {

model::Downtime* find(EngineState& s, ElementId e, std::uint64_t id) {
    for (model::Downtime& d : checkable(s, e).downtimes) {
        if (d.id == id) {
            return &d;
        }
    }
    return nullptr;
}

std::string comment_text(const EngineState& s, ElementId e, const model::Downtime& d) {
    const int format = static_cast<int>(s.cfg.globals.date_format);
    std::string start =
        model::format_macro_time(model::MacroCode::SHORTDATETIME, d.start_time, format);
    std::string end = model::format_macro_time(model::MacroCode::SHORTDATETIME, d.end_time, format);
    std::string_view kind = is_host(s, e) ? "host" : "service";
    std::string text = "This " + std::string(kind) + " has been scheduled for ";
    if (d.fixed) {
        text += "fixed downtime from " + start + " to " + end;
    } else {
        auto minutes = static_cast<long long>(d.duration) / 60;
        text += "flexible downtime starting between " + start + " and " + end +
                " and lasting for a period of " + std::to_string(minutes / 60) + " hours and " +
                std::to_string(minutes % 60) + " minutes";
    }
    text += ".  Notifications for the " + std::string(kind) +
            " will not be sent out during that time period.";
    return text;
}

// The downtimes, on any element, that `id` triggers.
std::vector<std::pair<ElementId, std::uint64_t>> triggered_by(EngineState& s, std::uint64_t id) {
    std::vector<std::pair<ElementId, std::uint64_t>> out;
    for (const auto& [dt_id, owner] : s.downtime_owners) {
        for (const model::Downtime& d : checkable(s, owner).downtimes) {
            if (d.id == dt_id && d.trigger_id == id) {
                out.emplace_back(owner, dt_id);
            }
        }
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
}

void enter(EngineState& s, ElementId e, std::uint64_t id) {
    model::Checkable& c = checkable(s, e);
    model::Downtime* d = find(s, e, id);
    if (d == nullptr || d->is_in_effect) {
        return;
    }
    const EpochSeconds now = s.now();
    if (c.scheduled_downtime_depth == 0) {
        log_downtime(s, e, DowntimeEvent::started);
        create_notification(s, e, NotificationType::downtime_start, d->author, d->comment);
    }
    ++c.scheduled_downtime_depth;
    d->is_in_effect = true;
    d->has_been_triggered = d->trigger_id != 0;
    if (!d->fixed && c.pending_flex_downtime > 0) {
        --c.pending_flex_downtime;
    }
    d->real_end_time = d->fixed ? d->end_time : now + d->duration;
    s.timers.push({d->real_end_time, TimerKind::downtime_end, e, id});
    publish_downtime_raise(s, e, *d);
    touch(s, e);
    for (const auto& [owner, other] : triggered_by(s, id)) {
        enter(s, owner, other);
    }
}

enum class Ending { stopped, cancelled };

void end(EngineState& s, ElementId e, std::uint64_t id, Ending how) {
    model::Checkable& c = checkable(s, e);
    model::Downtime* d = find(s, e, id);
    if (d == nullptr) {
        return;
    }
    if (d->is_in_effect) {
        if (c.scheduled_downtime_depth > 0) {
            --c.scheduled_downtime_depth;
        }
        if (c.scheduled_downtime_depth == 0) {
            log_downtime(
                s, e, how == Ending::stopped ? DowntimeEvent::stopped : DowntimeEvent::cancelled);
            create_notification(s, e,
                                how == Ending::stopped ? NotificationType::downtime_end
                                                       : NotificationType::downtime_cancelled,
                                d->author, d->comment);
            s.rt[e].flags |= kDowntimeDuringLastCheck;
        }
    } else if (!d->fixed && c.pending_flex_downtime > 0) {
        --c.pending_flex_downtime;
    }
    const std::uint64_t comment_id = d->comment_id;
    auto& list = c.downtimes;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [id](const model::Downtime& x) { return x.id == id; }),
               list.end());
    s.downtime_owners.erase(id);
    if (comment_id != 0) {
        delete_comment(s, e, comment_id);
    }
    publish_downtime_expire(s, id);
    touch(s, e);
    for (const auto& [owner, other] : triggered_by(s, id)) {
        end(s, owner, other, how);
    }
    wake_parked_notifications(s, e);
}

}  // namespace

std::string validate_downtime(const EngineState& s, const DowntimeRequest& r) {
    if (r.trigger_id != 0 && downtime_owner(s, r.trigger_id) == kNoElement) {
        return "triggering downtime " + std::to_string(r.trigger_id) + " does not exist";
    }
    if (r.start_time >= r.end_time) {
        return "the start time must be before the end time";
    }
    if (r.end_time <= s.now()) {
        return "the end time is in the past";
    }
    if (!r.fixed && r.duration <= 0) {
        return "a flexible downtime needs a duration (seconds)";
    }
    return {};
}

std::uint64_t schedule_downtime(EngineState& s, ElementId e, const DowntimeRequest& r) {
    model::Checkable& c = checkable(s, e);
    const EpochSeconds now = s.now();
    model::Downtime d;
    d.id = s.ids.next_downtime_id++;
    d.entry_time = now;
    d.start_time = r.start_time;
    d.end_time = r.end_time;
    d.fixed = r.fixed;
    d.duration = r.fixed ? r.end_time - r.start_time : r.duration;
    d.trigger_id = r.trigger_id;
    d.author = r.author;
    d.comment = r.comment;
    d.real_end_time = r.end_time;
    d.comment_id =
        add_comment(s, e, model::CommentEntryType::downtime, model::CommentSource::internal, false,
                    r.author, comment_text(s, e, d));
    const std::uint64_t id = d.id;
    c.downtimes.push_back(std::move(d));
    s.downtime_owners[id] = e;
    touch_global(s);
    if (!r.fixed) {
        ++c.pending_flex_downtime;
    }
    publish_downtime_raise(s, e, c.downtimes.back());
    touch(s, e);

    bool start_now = false;
    if (r.trigger_id != 0) {
        ElementId owner = downtime_owner(s, r.trigger_id);
        const model::Downtime* trigger =
            owner == kNoElement ? nullptr : find(s, owner, r.trigger_id);
        start_now = trigger != nullptr && trigger->is_in_effect;
    } else if (r.fixed) {
        if (r.start_time <= now) {
            start_now = true;
        } else {
            s.timers.push({r.start_time, TimerKind::downtime_start, e, id});
        }
    } else {
        start_now = r.start_time <= now && now <= r.end_time && !is_ok(s, e);
    }
    if (!r.fixed || r.trigger_id != 0) {
        // Waiting for a problem or a trigger that may never come: gone at end_time.
        s.timers.push({r.end_time, TimerKind::downtime_end, e, id});
    }
    if (start_now) {
        enter(s, e, id);
    }
    return id;
}

ElementId downtime_owner(const EngineState& s, std::uint64_t id) {
    auto it = s.downtime_owners.find(id);
    return it == s.downtime_owners.end() ? kNoElement : it->second;
}

bool cancel_downtime(EngineState& s, std::uint64_t id) {
    ElementId e = downtime_owner(s, id);
    if (e == kNoElement) {
        return false;
    }
    end(s, e, id, Ending::cancelled);
    return true;
}

void start_flexible_downtimes(EngineState& s, ElementId e) {
    const EpochSeconds now = s.now();
    std::vector<std::uint64_t> ids;
    for (const model::Downtime& d : checkable(s, e).downtimes) {
        if (!d.fixed && !d.is_in_effect && d.trigger_id == 0 && d.start_time <= now &&
            now <= d.end_time) {
            ids.push_back(d.id);
        }
    }
    for (std::uint64_t id : ids) {
        enter(s, e, id);
    }
}

void downtime_timer(EngineState& s, ElementId e, std::uint64_t id, bool start, EpochSeconds now) {
    model::Downtime* d = find(s, e, id);
    if (d == nullptr) {
        return;
    }
    if (start) {
        if (d->is_in_effect || d->start_time > now) {
            return;
        }
        if (d->end_time <= now) {
            end(s, e, id, Ending::stopped);  // its whole window passed while we were away
        } else {
            enter(s, e, id);
        }
        return;
    }
    if (d->is_in_effect ? d->real_end_time <= now : d->end_time <= now) {
        end(s, e, id, Ending::stopped);
    }
}

void rearm_downtime_timers(EngineState& s, ElementId e) {
    for (const model::Downtime& d : checkable(s, e).downtimes) {
        s.downtime_owners[d.id] = e;
        s.ids.next_downtime_id = std::max(s.ids.next_downtime_id, d.id + 1);
        if (d.is_in_effect) {
            s.timers.push({d.real_end_time, TimerKind::downtime_end, e, d.id});
            continue;
        }
        if (d.fixed && d.trigger_id == 0) {
            s.timers.push({d.start_time, TimerKind::downtime_start, e, d.id});
        } else {
            s.timers.push({d.end_time, TimerKind::downtime_end, e, d.id});
        }
    }
}

}  // namespace yagura::engine::detail
