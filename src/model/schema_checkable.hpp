#pragma once

// The fields hosts and services share (Checkable), declared once for both tables. Defaults
// and accepted letters that differ between hosts and services are chosen with kIsHost<T>.

#include <type_traits>

#include <yagura/model/host.hpp>
#include <yagura/model/service.hpp>

#include "choices.hpp"
#include "field_builder.hpp"

namespace yagura::model::detail {

template <class T>
inline constexpr bool kIsHost = std::is_same_v<T, Host>;

// Services take these from their host when unset; on hosts the flag means nothing.
template <class T>
inline constexpr int kFromHost = kIsHost<T> ? 0 : kImplicitFromHost;

template <class T>
constexpr const Choices* state_letters() {
    return kIsHost<T> ? &kHostStateLetters.choices : &kServiceStateLetters.choices;
}

template <class T>
constexpr auto checkable_check_fields() {
    using C = Checkable;
    return std::array{
        field<T, &C::display_name>(
            {.name = "display_name",
             .flags = kConfig,
             .doc = "Name shown by user interfaces instead of the real name."}),
        field<T, &C::check_command>(
            {.name = "check_command",
             .flags = static_cast<FieldFlags>(kConfig | kState | kReference |
                                              (kIsHost<T> ? 0 : kRequired)),
             .default_text = kIsHost<T> ? "_internal_host_up" : "",
             .doc = "Command and arguments, `name!arg1!arg2` (`\\!` for a literal `!`). "
                    "Hosts default to an internal check that is always UP.",
             .modattr = kModCheckCommand}),
        field<T, &C::initial_output>({.name = "initial_output",
                                      .flags = kConfig,
                                      .doc = "Output shown before the first check."}),
        field<T, &C::max_check_attempts>(
            {.name = "max_check_attempts",
             .flags = kConfig | kState,
             .default_text = "1",
             .doc = "Checks in a row a problem must fail before it becomes HARD.",
             .modattr = kModMaxCheckAttempts}),
        field<T, &C::check_interval>(
            {.name = "check_interval",
             .flags = static_cast<FieldFlags>(kConfig | kState | (kIsHost<T> ? 0 : kRequired)),
             .default_text = "0",
             .doc = "Interval units (interval_length seconds) between regular checks; 0: "
                    "hosts are only checked on demand.",
             .aliases = "normal_check_interval",
             .modattr = kModNormalCheckInterval}),
        field<T, &C::retry_interval>(
            {.name = "retry_interval",
             .flags = kConfig | kState,
             .default_text = "0",
             .doc = "Interval units between checks while a problem is SOFT; 0: check_interval.",
             .aliases = "retry_check_interval",
             .modattr = kModRetryCheckInterval}),
        field<T, &C::active_checks_enabled>({.name = "active_checks_enabled",
                                             .flags = kConfig | kState,
                                             .default_text = "1",
                                             .doc = "Run scheduled checks.",
                                             .aliases = "checks_enabled",
                                             .modattr = kModActiveChecksEnabled}),
        field<T, &C::passive_checks_enabled>({.name = "passive_checks_enabled",
                                              .flags = kConfig | kState,
                                              .default_text = "1",
                                              .doc = "Accept passive check results.",
                                              .modattr = kModPassiveChecksEnabled}),
        field<T, &C::check_period>(
            {.name = "check_period",
             .flags = static_cast<FieldFlags>(kConfig | kState | kFromHost<T> | kReference),
             .doc = "Timeperiod when checks may run; none: always.",
             .modattr = kModCheckTimeperiod}),
        field<T, &C::check_freshness>({.name = "check_freshness",
                                       .flags = kConfig | kState,
                                       .default_text = "0",
                                       .doc = "Run an active check when passive results are "
                                              "older than freshness_threshold.",
                                       .modattr = kModFreshnessChecksEnabled}),
        field<T, &C::freshness_threshold>(
            {.name = "freshness_threshold",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Seconds after which a result is stale; 0: computed from check_interval."}),
        field<T, &C::event_handler>({.name = "event_handler",
                                     .flags = kConfig | kState | kReference,
                                     .doc = "Command run on every state change (`name!args`).",
                                     .modattr = kModEventHandlerCommand}),
        field<T, &C::event_handler_enabled>({.name = "event_handler_enabled",
                                             .flags = kConfig | kState,
                                             .default_text = "0",
                                             .doc = "Run the event handler.",
                                             .modattr = kModEventHandlerEnabled}),
        field<T, &C::low_flap_threshold>(
            {.name = "low_flap_threshold",
             .flags = kConfig,
             .default_text = kIsHost<T> ? "25" : "-1",
             .doc = "Percent state change below which flapping stops; -1: the global value."}),
        field<T, &C::high_flap_threshold>(
            {.name = "high_flap_threshold",
             .flags = kConfig,
             .default_text = kIsHost<T> ? "50" : "-1",
             .doc = "Percent state change above which flapping starts; -1: the global value."}),
        field<T, &C::flap_detection_enabled>({.name = "flap_detection_enabled",
                                              .flags = kConfig | kState,
                                              .default_text = "1",
                                              .doc = "Detect flapping.",
                                              .modattr = kModFlapDetectionEnabled}),
        field<T, &C::flap_detection_options>({.name = "flap_detection_options",
                                              .flags = kConfig,
                                              .default_text = kIsHost<T> ? "o,d,u" : "o,w,c,u",
                                              .doc = "States counted by flap detection.",
                                              .choices = state_letters<T>()}),
        field<T, &C::process_perf_data>({.name = "process_perf_data",
                                         .flags = kConfig | kState,
                                         .default_text = "1",
                                         .doc = "Pass performance data on (broker modules).",
                                         .modattr = kModPerformanceDataEnabled}),
        field<T, &C::retain_status_information>(
            {.name = "retain_status_information",
             .flags = kConfig,
             .default_text = "1",
             .doc = "Keep the state across restarts (retention)."}),
        field<T, &C::retain_nonstatus_information>(
            {.name = "retain_nonstatus_information",
             .flags = kConfig,
             .default_text = "1",
             .doc = "Keep attributes changed by commands across restarts."}),
    };
}

template <class T>
constexpr auto checkable_notification_fields() {
    using C = Checkable;
    return std::array{
        field<T, &C::contacts>(
            {.name = "contacts",
             .flags = static_cast<FieldFlags>(kConfig | kFromHost<T> | kReference),
             .doc = "Contacts notified of problems."}),
        field<T, &C::contact_groups>(
            {.name = "contact_groups",
             .flags = static_cast<FieldFlags>(kConfig | kFromHost<T> | kReference),
             .doc = "Contact groups notified of problems."}),
        field<T, &C::notification_interval>(
            {.name = "notification_interval",
             .flags = static_cast<FieldFlags>(kConfig | kFromHost<T>),
             .default_text = "60",
             .doc = "Interval units between re-notifications of a problem; 0: notify once."}),
        field<T, &C::first_notification_delay>(
            {.name = "first_notification_delay",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Interval units to wait before the first notification of a problem."}),
        field<T, &C::notification_period>(
            {.name = "notification_period",
             .flags = static_cast<FieldFlags>(kConfig | kState | kFromHost<T> | kReference),
             .doc = "Timeperiod when notifications may go out; none: always.",
             .modattr = kModNotificationTimeperiod}),
        field<T, &C::notification_options>(
            {.name = "notification_options",
             .flags = kConfig,
             .default_text = kIsHost<T> ? "d,u,r,f" : "w,u,c,r,f,s",
             .doc = "Events notified: down/unreachable (hosts), warning/unknown/critical "
                    "(services), r recovery, f flapping, s downtime, n none.",
             .choices = kIsHost<T> ? &kHostNotificationLetters.choices
                                   : &kServiceNotificationLetters.choices}),
        field<T, &C::notifications_enabled>({.name = "notifications_enabled",
                                             .flags = kConfig | kState,
                                             .default_text = "1",
                                             .doc = "Send notifications.",
                                             .modattr = kModNotificationsEnabled}),
        field<T, &C::stalking_options>({.name = "stalking_options",
                                        .flags = kConfig,
                                        .doc = "States in which any output change is logged.",
                                        .choices = state_letters<T>()}),
        field<T, &C::escalations>(
            {.name = "escalations",
             .flags = static_cast<FieldFlags>(kConfig | kFromHost<T> | kReference),
             .doc = "Names of `define escalation` objects that apply."}),
    };
}

template <class T>
constexpr auto checkable_extra_fields() {
    using C = Checkable;
    const Choices* host_notif = &kHostNotificationLetters.choices;
    const Choices* service_notif = &kServiceNotificationLetters.choices;
    return std::array{
        field<T, &C::notes>({.name = "notes", .flags = kConfig, .doc = "Free text for operators."}),
        field<T, &C::notes_url>(
            {.name = "notes_url", .flags = kConfig, .doc = "URL of more notes."}),
        field<T, &C::action_url>(
            {.name = "action_url", .flags = kConfig, .doc = "URL of an action for operators."}),
        field<T, &C::icon_image>(
            {.name = "icon_image", .flags = kConfig, .doc = "Icon file name."}),
        field<T, &C::icon_image_alt>(
            {.name = "icon_image_alt", .flags = kConfig, .doc = "Alternative text of the icon."}),
        field<T, &C::icon_set>(
            {.name = "icon_set", .flags = kConfig, .doc = "Icon set (Shinken UI)."}),
        field<T, &C::poller_tag>(
            {.name = "poller_tag",
             .flags = static_cast<FieldFlags>(kConfig | kFromHost<T>),
             .default_text = "None",
             .doc = "Only pollers serving this tag run the checks; None: untagged pollers."}),
        field<T, &C::reactionner_tag>(
            {.name = "reactionner_tag",
             .flags = static_cast<FieldFlags>(kConfig | kFromHost<T>),
             .default_text = "None",
             .doc = "Only reactionners serving this tag run notifications and handlers."}),
        field<T, &C::resultmodulations>(
            {.name = "resultmodulations",
             .flags = static_cast<FieldFlags>(kConfig | kFromHost<T> | kReference),
             .doc = "Result modulations applied to check results."}),
        field<T, &C::business_impact_modulations>(
            {.name = "business_impact_modulations",
             .flags = kConfig | kReference,
             .doc = "Business impact modulations that apply."}),
        field<T, &C::time_to_orphanage>(
            {.name = "time_to_orphanage",
             .flags = kConfig,
             .default_text = "300",
             .doc = "Seconds a check may stay with a poller before it is rescheduled."}),
        field<T, &C::labels>({.name = "labels", .flags = kConfig, .doc = "Free labels (Shinken)."}),
        field<T, &C::business_rule_output_template>(
            {.name = "business_rule_output_template",
             .flags = kConfig,
             .doc = "Output template of a business rule check."}),
        field<T, &C::business_rule_smart_notifications>(
            {.name = "business_rule_smart_notifications",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Do not notify a business rule problem whose causes are all handled."}),
        field<T, &C::business_rule_downtime_as_ack>(
            {.name = "business_rule_downtime_as_ack",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Count downtimes as acknowledgements in smart notifications."}),
        field<T, &C::business_rule_host_notification_options>(
            {.name = "business_rule_host_notification_options",
             .flags = kConfig,
             .doc = "Notification options forced on the hosts of a business rule.",
             .choices = host_notif}),
        field<T, &C::business_rule_service_notification_options>(
            {.name = "business_rule_service_notification_options",
             .flags = kConfig,
             .doc = "Notification options forced on the services of a business rule.",
             .choices = service_notif}),
        field<T, &C::business_impact>({.name = "business_impact",
                                       .flags = static_cast<FieldFlags>(kConfig | kFromHost<T>),
                                       .default_text = "2",
                                       .doc = "Importance from 0 (none) to 5 (top for business).",
                                       .aliases = "criticity"}),
        field<T, &C::trigger>(
            {.name = "trigger", .flags = kConfig, .doc = "Inline trigger (Shinken)."}),
        field<T, &C::trigger_name>(
            {.name = "trigger_name", .flags = kConfig, .doc = "Trigger file to run (Shinken)."}),
        field<T, &C::trigger_broker_raise_enabled>({.name = "trigger_broker_raise_enabled",
                                                    .flags = kConfig,
                                                    .default_text = "0",
                                                    .doc = "Let triggers raise broks."}),
        field<T, &C::trending_policies>(
            {.name = "trending_policies", .flags = kConfig, .doc = "Trending policies (Shinken)."}),
        field<T, &C::checkmodulations>({.name = "checkmodulations",
                                        .flags = kConfig | kReference,
                                        .doc = "Check modulations that apply."}),
        field<T, &C::macromodulations>({.name = "macromodulations",
                                        .flags = kConfig | kReference,
                                        .doc = "Macro modulations that apply."}),
        field<T, &C::custom_views>(
            {.name = "custom_views", .flags = kConfig, .doc = "Custom views of the web UI."}),
        field<T, &C::snapshot_enabled>({.name = "snapshot_enabled",
                                        .flags = kConfig,
                                        .default_text = "0",
                                        .doc = "Run snapshot_command on problems."}),
        field<T, &C::snapshot_command>({.name = "snapshot_command",
                                        .flags = kConfig | kReference,
                                        .doc = "Command that records the context of a problem."}),
        field<T, &C::snapshot_period>({.name = "snapshot_period",
                                       .flags = kConfig | kReference,
                                       .doc = "Timeperiod when snapshots may run."}),
        field<T, &C::snapshot_criteria>({.name = "snapshot_criteria",
                                         .flags = kConfig,
                                         .default_text = kIsHost<T> ? "d,u" : "w,c,u",
                                         .doc = "States that trigger a snapshot.",
                                         .choices = state_letters<T>()}),
        field<T, &C::snapshot_interval>({.name = "snapshot_interval",
                                         .flags = kConfig,
                                         .default_text = "5",
                                         .doc = "Interval units between two snapshots."}),
        field<T, &C::maintenance_check_command>(
            {.name = "maintenance_check_command",
             .flags = kConfig | kReference,
             .doc = "Command whose result puts the object in maintenance (Shinken)."}),
        field<T, &C::maintenance_period>(
            {.name = "maintenance_period",
             .flags = static_cast<FieldFlags>(kConfig | kFromHost<T> | kReference),
             .doc = "Timeperiod during which the object is in a planned downtime."}),
        field<T, &C::maintenance_checks_enabled>({.name = "maintenance_checks_enabled",
                                                  .flags = kConfig | kState,
                                                  .default_text = "0",
                                                  .doc = "Run maintenance_check_command."}),
        field<T, &C::maintenance_check_period>(
            {.name = "maintenance_check_period",
             .flags = kConfig | kReference,
             .doc = "Timeperiod when maintenance checks may run."}),
        field<T, &C::maintenance_check_interval>(
            {.name = "maintenance_check_interval",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Interval units between maintenance checks."}),
        field<T, &C::maintenance_retry_interval>(
            {.name = "maintenance_retry_interval",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Interval units between maintenance checks while changing."}),
        field<T, &C::priority>({.name = "priority",
                                .flags = static_cast<FieldFlags>(kConfig | kFromHost<T>),
                                .default_text = "100",
                                .doc = "Order of checks and notifications, lower first."}),
    };
}

// State fields, in the order retention and status broks list them.
template <class T>
constexpr auto checkable_state_fields() {
    using C = Checkable;
    const Choices* state_type = &kStateTypeTable.choices;
    return std::array{
        field<T, &C::state_type>({.name = "state_type",
                                  .flags = kState,
                                  .default_text = "HARD",
                                  .doc = "SOFT while a problem is being retried, then HARD.",
                                  .choices = state_type}),
        field<T, &C::last_state_type>({.name = "last_state_type",
                                       .flags = kState,
                                       .default_text = "HARD",
                                       .doc = "State type before the last check.",
                                       .choices = state_type}),
        field<T, &C::attempt>({.name = "attempt",
                               .flags = kState,
                               .default_text = "0",
                               .doc = "Current check attempt (1 to max_check_attempts)."}),
        field<T, &C::has_been_checked>({.name = "has_been_checked",
                                        .flags = kState,
                                        .default_text = "0",
                                        .doc = "A check result has been received."}),
        field<T, &C::check_type>({.name = "check_type",
                                  .flags = kState,
                                  .default_text = "ACTIVE",
                                  .doc = "Whether the last result was active or passive.",
                                  .choices = &kCheckTypeTable.choices}),
        field<T, &C::last_chk>({.name = "last_chk",
                                .flags = kState,
                                .default_text = "0",
                                .doc = "Time of the last check."}),
        field<T, &C::next_chk>({.name = "next_chk",
                                .flags = kState,
                                .default_text = "0",
                                .doc = "Time of the next scheduled check."}),
        field<T, &C::last_state_change>({.name = "last_state_change",
                                         .flags = kState,
                                         .default_text = "0",
                                         .doc = "Time of the last state change (soft or hard)."}),
        field<T, &C::last_hard_state_change>({.name = "last_hard_state_change",
                                              .flags = kState,
                                              .default_text = "0",
                                              .doc = "Time of the last hard state change."}),
        field<T, &C::last_state_update>({.name = "last_state_update",
                                         .flags = kState,
                                         .default_text = "0",
                                         .doc = "Time the state was last updated."}),
        field<T, &C::output>(
            {.name = "output", .flags = kState, .doc = "First line of the last plugin output."}),
        field<T, &C::long_output>(
            {.name = "long_output", .flags = kState, .doc = "Further lines of the last output."}),
        field<T, &C::perf_data>(
            {.name = "perf_data", .flags = kState, .doc = "Performance data of the last check."}),
        field<T, &C::last_perf_data>({.name = "last_perf_data",
                                      .flags = kState,
                                      .doc = "Performance data of the check before."}),
        field<T, &C::latency>({.name = "latency",
                               .flags = kState,
                               .default_text = "0",
                               .doc = "Seconds between the planned and the real check start."}),
        field<T, &C::execution_time>({.name = "execution_time",
                                      .flags = kState,
                                      .default_text = "0",
                                      .doc = "Seconds the last check ran."}),
        field<T, &C::percent_state_change>(
            {.name = "percent_state_change",
             .flags = kState,
             .default_text = "0",
             .doc = "Weighted percent of state changes (flapping)."}),
        field<T, &C::is_flapping>(
            {.name = "is_flapping", .flags = kState, .default_text = "0", .doc = "Flapping now."}),
        field<T, &C::flapping_changes>({.name = "flapping_changes",
                                        .flags = kState,
                                        .doc = "Recent results: whether each changed the state."}),
        field<T, &C::flapping_comment_id>({.name = "flapping_comment_id",
                                           .flags = kState,
                                           .default_text = "0",
                                           .doc = "Comment added while flapping; 0: none."}),
        field<T, &C::problem_has_been_acknowledged>(
            {.name = "problem_has_been_acknowledged",
             .flags = kState,
             .default_text = "0",
             .doc = "The current problem is acknowledged (see acknowledgement)."}),
        field<T, &C::acknowledgement>({.name = "acknowledgement",
                                       .flags = kState,
                                       .doc = "Author, comment, sticky, notify, persistent, "
                                              "entry and expire time of the acknowledgement."}),
        field<T, &C::scheduled_downtime_depth>({.name = "scheduled_downtime_depth",
                                                .flags = kState,
                                                .default_text = "0",
                                                .doc = "Downtimes in effect now."}),
        field<T, &C::pending_flex_downtime>({.name = "pending_flex_downtime",
                                             .flags = kState,
                                             .default_text = "0",
                                             .doc = "Flexible downtimes waiting for a problem."}),
        field<T, &C::downtimes>(
            {.name = "downtimes", .flags = kState, .doc = "Scheduled downtimes."}),
        field<T, &C::comments>({.name = "comments", .flags = kState, .doc = "Comments."}),
        field<T, &C::current_notification_number>(
            {.name = "current_notification_number",
             .flags = kState,
             .default_text = "0",
             .doc = "Notifications sent for the current problem."}),
        field<T, &C::current_notification_id>({.name = "current_notification_id",
                                               .flags = kState,
                                               .default_text = "0",
                                               .doc = "Id of the last notification."}),
        field<T, &C::last_notification>({.name = "last_notification",
                                         .flags = kState,
                                         .default_text = "0",
                                         .doc = "Time of the last notification."}),
        field<T, &C::next_notification>({.name = "next_notification",
                                         .flags = kState,
                                         .default_text = "0",
                                         .doc = "Time the next re-notification is due."}),
        field<T, &C::notified_contacts>({.name = "notified_contacts",
                                         .flags = kState,
                                         .doc = "Contacts notified of the current problem."}),
        field<T, &C::modified_attributes>(
            {.name = "modified_attributes",
             .flags = kState,
             .default_text = "0",
             .doc = "Bits of the attributes changed by external commands (Nagios MODATTR)."}),
        field<T, &C::current_event_id>({.name = "current_event_id",
                                        .flags = kState,
                                        .default_text = "0",
                                        .doc = "Id of the last state change event."}),
        field<T, &C::last_event_id>({.name = "last_event_id",
                                     .flags = kState,
                                     .default_text = "0",
                                     .doc = "Id of the state change event before."}),
        field<T, &C::current_problem_id>({.name = "current_problem_id",
                                          .flags = kState,
                                          .default_text = "0",
                                          .doc = "Id of the current problem; 0: no problem."}),
        field<T, &C::last_problem_id>({.name = "last_problem_id",
                                       .flags = kState,
                                       .default_text = "0",
                                       .doc = "Id of the problem before."}),
    };
}

// Nagios and Shinken attributes of hosts and services that yagura accepts and ignores.
inline constexpr IgnoredAttribute kCheckableIgnored[] = {
    {"failure_prediction_enabled", "failure prediction was never implemented by Nagios"},
    {"failure_prediction_options", "failure prediction was never implemented by Nagios"},
    {"event_handler_period", "event handlers run whenever the state changes"},
    {"parallelize_check", "every check runs in parallel"},
    {"importance", "use business_impact (0 to 5)"},
    {"hourly_value", "use business_impact (0 to 5)"},
};

}  // namespace yagura::model::detail
