// Columns of comments, downtimes and log entries.
#include "columns.hpp"

namespace yagura::modules::livestatus {

void declare_comment_columns(std::vector<ColumnPtr>& out, Projection<Comment> project) {
    using C = Comment;
    ColumnDeclarer<C> d(out, "", std::move(project));
    d.integer("id", "Comment id", [](const C& c) { return c.id; });
    d.string("author", "Author", [](const C& c) -> std::string_view { return c.author; });
    d.string("comment", "Comment text", [](const C& c) -> std::string_view { return c.text; });
    d.time("entry_time", "Time the comment was made", [](const C& c) { return c.entry_time; });
    d.integer("entry_type", "1 user, 2 downtime, 3 flapping, 4 acknowledgement",
              [](const C& c) { return c.entry_type; });
    d.integer("type", "1 host comment, 2 service comment",
              [](const C& c) { return c.is_service() ? 2 : 1; });
    d.integer("is_service", "Whether this is a service comment",
              [](const C& c) { return c.is_service() ? 1 : 0; });
    d.integer("persistent", "Whether the comment survives a restart",
              [](const C& c) { return c.persistent ? 1 : 0; });
    d.integer("source", "0 internal, 1 external", [](const C& c) { return c.source; });
    d.integer("expires", "Whether the comment expires",
              [](const C& c) { return c.expires ? 1 : 0; });
    d.time("expire_time", "Time the comment expires", [](const C& c) { return c.expire_time; });
}

void declare_downtime_columns(std::vector<ColumnPtr>& out, Projection<Downtime> project) {
    using D = Downtime;
    ColumnDeclarer<D> d(out, "", std::move(project));
    d.integer("id", "Downtime id", [](const D& t) { return t.id; });
    d.string("author", "Author", [](const D& t) -> std::string_view { return t.author; });
    d.string("comment", "Comment", [](const D& t) -> std::string_view { return t.comment; });
    d.time("entry_time", "Time the downtime was scheduled",
           [](const D& t) { return t.entry_time; });
    d.time("start_time", "Start of the downtime", [](const D& t) { return t.start_time; });
    d.time("end_time", "End of the downtime", [](const D& t) { return t.end_time; });
    d.integer("fixed", "1 fixed, 0 flexible", [](const D& t) { return t.fixed ? 1 : 0; });
    d.integer("duration", "Duration in seconds of a flexible downtime",
              [](const D& t) { return t.duration; });
    d.integer("triggered_by", "Id of the downtime that triggers this one",
              [](const D& t) { return t.triggered_by; });
    d.integer("type", "1 host downtime, 2 service downtime",
              [](const D& t) { return t.is_service() ? 2 : 1; });
    d.integer("is_service", "Whether this is a service downtime",
              [](const D& t) { return t.is_service() ? 1 : 0; });
    d.integer("is_pending", "Whether the downtime has not started yet",
              [](const D& t) { return t.is_in_effect ? 0 : 1; });
    d.integer("is_active", "Whether the downtime is in effect",
              [](const D& t) { return t.is_in_effect ? 1 : 0; });
}

void declare_log_columns(std::vector<ColumnPtr>& out, Projection<LogEntry> project) {
    using L = LogEntry;
    ColumnDeclarer<L> d(out, "", std::move(project));
    d.time("time", "Time of the event", [](const L& l) { return l.time; });
    d.integer("lineno", "Line number in the log history", [](const L& l) { return l.lineno; });
    d.integer("class",
              "0 info, 1 alert, 2 program, 3 notification, 4 passive check, 5 command, "
              "6 state, 7 text",
              [](const L& l) { return static_cast<int>(l.log_class); });
    d.string("message", "The whole log line",
             [](const L& l) -> std::string_view { return l.message; });
    d.string("type", "Kind of event, e.g. SERVICE ALERT",
             [](const L& l) -> std::string_view { return l.type; });
    d.string("options", "Text after the type",
             [](const L& l) -> std::string_view { return l.options; });
    d.string("comment", "Comment, for acknowledgements and downtimes",
             [](const L& l) -> std::string_view { return l.comment; });
    d.string("plugin_output", "Check output in the event",
             [](const L& l) -> std::string_view { return l.plugin_output; });
    d.integer("state", "State in the event", [](const L& l) { return l.state; });
    d.string("state_type", "State type in the event (HARD, SOFT, or the notification type)",
             [](const L& l) -> std::string_view { return l.state_type; });
    d.integer("attempt", "Check attempt in the event", [](const L& l) { return l.attempt; });
    d.string("host_name", "Host of the event",
             [](const L& l) -> std::string_view { return l.host_name; });
    d.string("service_description", "Service of the event",
             [](const L& l) -> std::string_view { return l.service_description; });
    d.string("contact_name", "Contact notified",
             [](const L& l) -> std::string_view { return l.contact_name; });
    d.string("command_name", "Notification command",
             [](const L& l) -> std::string_view { return l.command_name; });
}

}  // namespace yagura::modules::livestatus
