#include "acks_comments.hpp"

#include <algorithm>

#include "broks.hpp"
#include "notifications.hpp"

namespace yagura::engine::detail {

std::uint64_t add_comment(EngineState& s, ElementId e, model::CommentEntryType type,
                          model::CommentSource source, bool persistent, std::string_view author,
                          std::string_view text, EpochSeconds expire_time) {
    model::Comment comment;
    comment.id = s.ids.next_comment_id++;
    comment.entry_time = s.now();
    comment.author = std::string(author);
    comment.comment = std::string(text);
    comment.entry_type = type;
    comment.source = source;
    comment.persistent = persistent;
    comment.expires = expire_time > 0;
    comment.expire_time = expire_time;
    checkable(s, e).comments.push_back(comment);
    s.comment_owners[comment.id] = e;
    if (comment.expires) {
        s.timers.push({expire_time, TimerKind::comment_expire, e, comment.id});
    }
    publish_comment_add(s, e, comment);
    touch(s, e);
    touch_global(s);
    return comment.id;
}

bool delete_comment(EngineState& s, ElementId e, std::uint64_t id) {
    auto& comments = checkable(s, e).comments;
    auto it = std::find_if(comments.begin(), comments.end(),
                           [id](const model::Comment& c) { return c.id == id; });
    if (it == comments.end()) {
        return false;
    }
    comments.erase(it);
    s.comment_owners.erase(id);
    publish_comment_delete(s, id);
    touch(s, e);
    return true;
}

void delete_all_comments(EngineState& s, ElementId e) {
    std::vector<std::uint64_t> ids;
    for (const model::Comment& c : checkable(s, e).comments) {
        ids.push_back(c.id);
    }
    for (std::uint64_t id : ids) {
        delete_comment(s, e, id);
    }
}

ElementId comment_owner(const EngineState& s, std::uint64_t id) {
    auto it = s.comment_owners.find(id);
    return it == s.comment_owners.end() ? kNoElement : it->second;
}

void expire_comment(EngineState& s, ElementId e, std::uint64_t id, EpochSeconds now) {
    for (const model::Comment& c : checkable(s, e).comments) {
        if (c.id == id && c.expires && c.expire_time <= now) {
            delete_comment(s, e, id);
            return;
        }
    }
}

namespace {

void delete_ack_comments(EngineState& s, ElementId e) {
    std::vector<std::uint64_t> ids;
    for (const model::Comment& c : checkable(s, e).comments) {
        if (c.entry_type == model::CommentEntryType::acknowledgement && !c.persistent) {
            ids.push_back(c.id);
        }
    }
    for (std::uint64_t id : ids) {
        delete_comment(s, e, id);
    }
}

}  // namespace

std::string acknowledge(EngineState& s, ElementId e, int sticky, bool notify, bool persistent,
                        std::string_view author, std::string_view comment, EpochSeconds expire) {
    if (is_ok(s, e)) {
        return element_name(s, e) + " is " + std::string(state_name(s, e)) +
               ": there is no problem to acknowledge";
    }
    model::Checkable& c = checkable(s, e);
    if (c.problem_has_been_acknowledged) {
        delete_ack_comments(s, e);  // a new acknowledgement replaces the old one
    }
    if (notify) {
        create_notification(s, e, NotificationType::acknowledgement, author, comment);
    }
    model::Acknowledgement ack;
    ack.author = std::string(author);
    ack.comment = std::string(comment);
    ack.entry_time = s.now();
    ack.expire_time = expire;
    ack.sticky = sticky == 2;
    ack.notify = notify;
    ack.persistent = persistent;
    ack.comment_id = add_comment(s, e, model::CommentEntryType::acknowledgement,
                                 model::CommentSource::internal, persistent, author, comment);
    c.problem_has_been_acknowledged = true;
    c.acknowledgement = ack;
    if (expire > 0) {
        s.timers.push({expire, TimerKind::ack_expire, e, ack.comment_id});
    }
    publish_acknowledge(s, e, true);
    touch(s, e);
    return {};
}

void unacknowledge(EngineState& s, ElementId e) {
    model::Checkable& c = checkable(s, e);
    if (!c.problem_has_been_acknowledged) {
        return;
    }
    c.problem_has_been_acknowledged = false;
    c.acknowledgement.reset();
    delete_ack_comments(s, e);
    publish_acknowledge(s, e, false);
    touch(s, e);
    wake_parked_notifications(s, e);
}

void unacknowledge_if_not_sticky(EngineState& s, ElementId e) {
    const model::Checkable& c = checkable(s, e);
    if (c.problem_has_been_acknowledged && !(c.acknowledgement && c.acknowledgement->sticky)) {
        unacknowledge(s, e);
    }
}

void expire_acknowledgement(EngineState& s, ElementId e, EpochSeconds now) {
    const model::Checkable& c = checkable(s, e);
    if (c.problem_has_been_acknowledged && c.acknowledgement &&
        c.acknowledgement->expire_time > 0 && c.acknowledgement->expire_time <= now) {
        unacknowledge(s, e);
    }
}

}  // namespace yagura::engine::detail
