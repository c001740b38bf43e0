// Columns that hosts and services share, declared once for both.
// GCC 12 reports a false maybe-uninitialized inside std::variant's move constructor when the
// list lambdas below push ids; the values are always initialised.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "checkable_columns.hpp"

namespace yagura::modules::livestatus {

namespace {

using C = Checkable;

// Nagios' MODATTR_* bits, named as Livestatus lists them.
void modified_attribute_names(int mask, ValueList& out) {
    static const char* const names[] = {
        "notifications_enabled",    "active_checks_enabled",
        "passive_checks_enabled",   "event_handler_enabled",
        "flap_detection_enabled",   "failure_prediction_enabled",
        "performance_data_enabled", "obsessive_handler_enabled",
        "event_handler_command",    "check_command",
        "normal_check_interval",    "retry_check_interval",
        "max_check_attempts",       "freshness_checks_enabled",
        "check_timeperiod",         "custom_variable",
        "notification_timeperiod",
    };
    for (std::size_t bit = 0; bit < std::size(names); ++bit) {
        if ((mask & (1 << bit)) != 0) {
            out.push_back(Value{std::string(names[bit])});
        }
    }
}

void declare_identity(ColumnDeclarer<C>& d) {
    d.string("display_name", "Name shown in user interfaces",
             [](const C& o) -> std::string_view { return o.display_name; });
    d.string("check_command", "Check command with its arguments (name!arg1!arg2)",
             [](const C& o) -> std::string_view { return o.check_command; });
    d.string("check_period", "Time period in which active checks run",
             [](const C& o) -> std::string_view { return o.check_period; });
    d.string("notification_period", "Time period in which notifications are sent",
             [](const C& o) -> std::string_view { return o.notification_period; });
    d.string("event_handler", "Event handler command",
             [](const C& o) -> std::string_view { return o.event_handler; });
    d.string("notes", "Notes text", [](const C& o) -> std::string_view { return o.notes; });
    d.string("notes_url", "URL with notes",
             [](const C& o) -> std::string_view { return o.notes_url; });
    d.string("action_url", "URL of an action",
             [](const C& o) -> std::string_view { return o.action_url; });
    d.string("icon_image", "Icon file name",
             [](const C& o) -> std::string_view { return o.icon_image; });
    d.string("icon_image_alt", "Alternative text of the icon",
             [](const C& o) -> std::string_view { return o.icon_image_alt; });
    d.integer("instance_id", "Scheduler part (instance) that owns the object",
              [](const C& o) { return o.instance_id; });
}

void declare_state(ColumnDeclarer<C>& d) {
    d.integer("state", "Current state (service 0 OK..3 UNKNOWN, host 0 UP..2 UNREACHABLE)",
              [](const C& o) { return o.state; });
    d.integer("state_type", "State type: 0 soft, 1 hard", [](const C& o) { return o.state_type; });
    d.integer("last_state", "State before the current one",
              [](const C& o) { return o.last_state; });
    d.integer("last_hard_state", "Last hard state", [](const C& o) { return o.last_hard_state; });
    d.integer("hard_state", "Current state if hard, else the last hard state",
              [](const C& o) { return o.state_type == 1 ? o.state : o.last_hard_state; });
    d.integer("has_been_checked", "Whether a check has run (0 means pending)",
              [](const C& o) { return o.has_been_checked ? 1 : 0; });
    d.integer("current_attempt", "Current check attempt",
              [](const C& o) { return o.current_attempt; });
    d.integer("max_check_attempts", "Attempts before a hard state",
              [](const C& o) { return o.max_check_attempts; });
    d.integer("check_type", "Type of the last check: 0 active, 1 passive",
              [](const C& o) { return o.check_type; });
    d.string("plugin_output", "First line of the last check's output",
             [](const C& o) -> std::string_view { return o.plugin_output; });
    d.string("long_plugin_output", "Further lines of the last check's output",
             [](const C& o) -> std::string_view { return o.long_plugin_output; });
    d.string("perf_data", "Performance data of the last check",
             [](const C& o) -> std::string_view { return o.perf_data; });
    d.integer("is_problem", "Whether the object is a problem (non-OK, Shinken's notion)",
              [](const C& o) { return o.is_problem ? 1 : 0; });
    d.integer("is_impact", "Whether the object is an impact of another problem",
              [](const C& o) { return o.is_impact ? 1 : 0; });
    d.integer("business_impact", "Business impact (0..5)",
              [](const C& o) { return o.business_impact; });
    d.integer("modified_attributes", "Bit mask of attributes changed at run time",
              [](const C& o) { return o.modified_attributes; });
    d.list(
        "modified_attributes_list", "Names of the attributes changed at run time",
        [](const C& o, ValueList& out) { modified_attribute_names(o.modified_attributes, out); });
    // Columns that clients ask for and the broker has no data behind: constant, documented.
    d.integer("is_executing", "Always 0: the broker does not see checks in flight",
              [](const C&) { return 0; });
    d.integer("pending_flex_downtime", "Always 0: flexible downtimes appear when they start",
              [](const C&) { return 0; });
    d.integer("check_options", "Always 0 (no forced check pending)", [](const C&) { return 0; });
}

void declare_times(ColumnDeclarer<C>& d) {
    d.time("last_check", "Time of the last check", [](const C& o) { return o.last_check; });
    d.time("next_check", "Time the next check is scheduled",
           [](const C& o) { return o.next_check; });
    d.time("last_state_change", "Time of the last state change",
           [](const C& o) { return o.last_state_change; });
    d.time("last_hard_state_change", "Time of the last hard state change",
           [](const C& o) { return o.last_hard_state_change; });
    d.time("last_notification", "Time of the last notification",
           [](const C& o) { return o.last_notification; });
    d.floating("latency", "Seconds the last check started late",
               [](const C& o) { return o.latency; });
    d.floating("execution_time", "Seconds the last check ran",
               [](const C& o) { return o.execution_time; });
    d.floating("percent_state_change", "Flapping measure in percent",
               [](const C& o) { return o.percent_state_change; });
    d.floating("check_interval", "Normal check interval (in interval lengths)",
               [](const C& o) { return o.check_interval; });
    d.floating("retry_interval", "Retry check interval (in interval lengths)",
               [](const C& o) { return o.retry_interval; });
    d.floating("notification_interval", "Notification interval (in interval lengths)",
               [](const C& o) { return o.notification_interval; });
    d.floating("first_notification_delay", "Delay of the first notification (interval lengths)",
               [](const C& o) { return o.first_notification_delay; });
    d.floating("low_flap_threshold", "Flapping stops below this percent state change",
               [](const C& o) { return o.low_flap_threshold; });
    d.floating("high_flap_threshold", "Flapping starts above this percent state change",
               [](const C& o) { return o.high_flap_threshold; });
}

void declare_switches(ColumnDeclarer<C>& d) {
    d.integer("is_flapping", "Whether the state is flapping",
              [](const C& o) { return o.is_flapping ? 1 : 0; });
    d.integer("acknowledged", "Whether the problem has been acknowledged",
              [](const C& o) { return o.acknowledged ? 1 : 0; });
    d.integer("acknowledgement_type", "0 none, 1 normal, 2 sticky",
              [](const C& o) { return o.acknowledgement_type; });
    d.integer("scheduled_downtime_depth", "Number of downtimes in effect",
              [](const C& o) { return o.scheduled_downtime_depth; });
    d.integer("current_notification_number", "Number of notifications sent for this problem",
              [](const C& o) { return o.current_notification_number; });
    d.integer("notifications_enabled", "Whether notifications are enabled",
              [](const C& o) { return o.notifications_enabled ? 1 : 0; });
    d.integer("active_checks_enabled", "Whether active checks are enabled",
              [](const C& o) { return o.active_checks_enabled ? 1 : 0; });
    d.integer("checks_enabled", "Whether active checks are enabled (alias)",
              [](const C& o) { return o.active_checks_enabled ? 1 : 0; });
    d.integer("accept_passive_checks", "Whether passive check results are accepted",
              [](const C& o) { return o.accept_passive_checks ? 1 : 0; });
    d.integer("event_handler_enabled", "Whether the event handler is enabled",
              [](const C& o) { return o.event_handler_enabled ? 1 : 0; });
    d.integer("flap_detection_enabled", "Whether flap detection is enabled",
              [](const C& o) { return o.flap_detection_enabled ? 1 : 0; });
    d.integer("check_freshness", "Whether freshness checking is enabled",
              [](const C& o) { return o.check_freshness ? 1 : 0; });
    d.integer("process_performance_data", "Whether performance data is processed",
              [](const C& o) { return o.process_performance_data ? 1 : 0; });
    d.integer("in_check_period", "Whether now is inside the check period",
              [](const C& o) { return o.in_check_period ? 1 : 0; });
    d.integer("in_notification_period", "Whether now is inside the notification period",
              [](const C& o) { return o.in_notification_period ? 1 : 0; });
}

void declare_relations(ColumnDeclarer<C>& d) {
    d.list("contacts", "Contacts of the object (including those of its contact groups)",
           [](const C& o, ValueList& out) { append_strings(o.contacts, out); });
    d.list("contact_groups", "Contact groups of the object",
           [](const C& o, ValueList& out) { append_strings(o.contact_groups, out); });
    d.list("groups", "Groups the object is a member of",
           [](const C& o, ValueList& out) { append_strings(o.groups, out); });
    d.list("comments", "Ids of the object's comments", [](const C& o, ValueList& out) {
        for (auto id : o.comment_ids) {
            out.push_back(Value{id});
        }
    });
    d.list("downtimes", "Ids of the object's downtimes", [](const C& o, ValueList& out) {
        for (auto id : o.downtime_ids) {
            out.push_back(Value{id});
        }
    });
    d.dict("custom_variables", "Custom variables (name without '_', upper case)",
           [](const C& o) -> const CustomVars& { return o.custom_variables; });
    d.list("custom_variable_names", "Names of the custom variables",
           [](const C& o, ValueList& out) {
               for (const auto& [name, value] : o.custom_variables) {
                   out.push_back(Value{name});
               }
           });
    d.list("custom_variable_values", "Values of the custom variables",
           [](const C& o, ValueList& out) {
               for (const auto& [name, value] : o.custom_variables) {
                   out.push_back(Value{value});
               }
           });
}

}  // namespace

void declare_checkable_columns(ColumnDeclarer<Checkable>& declarer) {
    declare_identity(declarer);
    declare_state(declarer);
    declare_times(declarer);
    declare_switches(declarer);
    declare_relations(declarer);
}

void append_strings(const std::vector<std::string>& names, ValueList& out) {
    out.reserve(out.size() + names.size());
    for (const auto& name : names) {
        out.push_back(Value{name});
    }
}

}  // namespace yagura::modules::livestatus
