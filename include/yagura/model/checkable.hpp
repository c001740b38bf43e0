#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <yagura/model/compact.hpp>
#include <yagura/model/object.hpp>
#include <yagura/model/state_types.hpp>

namespace yagura::model {

// A command reference resolved by the linker: `check_command check_http!80!/` becomes the
// command's index and the interned arguments ("80", "/"), which fill $ARG1$, $ARG2$.
struct CommandCall {
    Index command = kNoIndex;
    SymbolList args;
    friend bool operator==(const CommandCall&, const CommandCall&) = default;
};

// Resolved references shared by hosts and services, filled by the config linker; the engine
// walks them by index. Not part of the JSON form: a daemon receiving a shard links it again.
struct CheckableLinks {
    CommandCall check_command;
    CommandCall event_handler;
    Index check_period = kNoIndex;         // kNoIndex: no period, always valid
    Index notification_period = kNoIndex;  // kNoIndex: no period, always valid
    Index maintenance_period = kNoIndex;
    IndexList contacts;  // every contact to notify, groups expanded
    IndexList contact_groups;
    IndexList escalations;   // Escalation objects that apply
    IndexList dependencies;  // dependency objects where this is the dependent
    IndexList dependents;    // dependency objects where this is the master
};

// What hosts and services have in common: the check, notification, flapping and event handler
// attributes (configuration) and the monitoring state the scheduler keeps (state fields).
// Host and Service add their identity, their state names and type-specific attributes. The
// field declarations live in schema_checkable.hpp, shared by both tables.
struct Checkable : ObjectHeader {
    // --- configuration ---
    Symbol display_name;
    Symbol check_command;  // "command!arg1!arg2" as written
    Symbol initial_output;
    std::int32_t max_check_attempts = 1;
    double check_interval = 0;  // in interval_length units
    double retry_interval = 0;
    bool active_checks_enabled = true;
    bool passive_checks_enabled = true;
    bool check_freshness = false;
    bool event_handler_enabled = false;
    bool flap_detection_enabled = true;
    bool process_perf_data = true;
    bool retain_status_information = true;
    bool retain_nonstatus_information = true;
    bool notifications_enabled = true;
    bool business_rule_smart_notifications = false;
    bool business_rule_downtime_as_ack = false;
    bool trigger_broker_raise_enabled = false;
    bool snapshot_enabled = false;
    bool maintenance_checks_enabled = false;
    Symbol check_period;
    std::int32_t freshness_threshold = 0;
    Symbol event_handler;
    double low_flap_threshold = 0;
    double high_flap_threshold = 0;
    Letters flap_detection_options;
    SymbolList contacts;
    SymbolList contact_groups;
    double notification_interval = 60;
    double first_notification_delay = 0;
    Symbol notification_period;
    Letters notification_options;
    Letters stalking_options;
    Symbol notes;
    Symbol notes_url;
    Symbol action_url;
    Symbol icon_image;
    Symbol icon_image_alt;
    Symbol icon_set;
    Symbol poller_tag;
    Symbol reactionner_tag;
    SymbolList resultmodulations;
    SymbolList business_impact_modulations;
    SymbolList escalations;
    std::int32_t time_to_orphanage = 300;
    SymbolList labels;
    Symbol business_rule_output_template;
    Letters business_rule_host_notification_options;
    Letters business_rule_service_notification_options;
    std::int32_t business_impact = 2;
    Symbol trigger;
    Symbol trigger_name;
    SymbolList trending_policies;
    SymbolList checkmodulations;
    SymbolList macromodulations;
    SymbolList custom_views;
    Symbol snapshot_command;
    Symbol snapshot_period;
    Letters snapshot_criteria;
    std::int32_t snapshot_interval = 5;
    Symbol maintenance_check_command;
    Symbol maintenance_period;
    Symbol maintenance_check_period;
    std::int32_t maintenance_check_interval = 0;
    std::int32_t maintenance_retry_interval = 0;
    std::int32_t priority = 100;

    // --- state ---
    StateType state_type = StateType::hard;
    StateType last_state_type = StateType::hard;
    CheckType check_type = CheckType::active;
    bool has_been_checked = false;
    bool is_flapping = false;
    bool problem_has_been_acknowledged = false;
    std::int32_t attempt = 0;
    std::int32_t scheduled_downtime_depth = 0;
    std::int32_t pending_flex_downtime = 0;
    std::int32_t current_notification_number = 0;
    std::uint32_t modified_attributes = 0;
    EpochSeconds last_chk = 0;
    EpochSeconds next_chk = 0;
    EpochSeconds last_state_change = 0;
    EpochSeconds last_hard_state_change = 0;
    EpochSeconds last_state_update = 0;
    EpochSeconds last_notification = 0;
    EpochSeconds next_notification = 0;
    double latency = 0;
    double execution_time = 0;
    double percent_state_change = 0;
    std::uint64_t current_event_id = 0;
    std::uint64_t last_event_id = 0;
    std::uint64_t current_problem_id = 0;
    std::uint64_t last_problem_id = 0;
    std::uint64_t current_notification_id = 0;
    std::uint64_t flapping_comment_id = 0;
    CompactString output;
    CompactString long_output;
    CompactString perf_data;
    CompactString last_perf_data;
    FlapHistory flapping_changes;
    // Present while the problem is acknowledged (with problem_has_been_acknowledged set).
    HeapOptional<Acknowledgement> acknowledgement;
    std::vector<Downtime> downtimes;
    std::vector<Comment> comments;
    std::vector<Symbol> notified_contacts;

    CheckableLinks links;

    bool in_scheduled_downtime() const { return scheduled_downtime_depth > 0; }
    // Livestatus' acknowledgement_type: 0 none, 1 normal, 2 sticky.
    int acknowledgement_type() const {
        return !problem_has_been_acknowledged
                   ? 0
                   : (acknowledgement && acknowledgement->sticky ? 2 : 1);
    }
};

}  // namespace yagura::model
