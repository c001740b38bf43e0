#pragma once

// The monitoring objects a Livestatus core exposes, as plain records. The library never looks
// into a core's own structures: a core (the broker's regenerated state, a test's in-memory
// core) fills these records and hands them out through the Core interface (core.hpp).

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace yagura::modules::livestatus {

// Custom variables without their leading underscore, upper-cased, sorted by name.
using CustomVars = std::vector<std::pair<std::string, std::string>>;

struct Service;

// What hosts and services share: the check state and its settings.
struct Checkable {
    int instance_id = 0;  // the scheduler part that owns the object
    std::string display_name;
    std::string check_command, check_period, notification_period, event_handler;
    std::string notes, notes_url, action_url, icon_image, icon_image_alt;

    int state = 0;       // 0..3 for services (OK..UNKNOWN), 0..2 for hosts (UP, DOWN, UNREACHABLE)
    int state_type = 0;  // 0 soft, 1 hard
    int last_state = 0;
    int last_hard_state = 0;
    bool has_been_checked = false;
    int current_attempt = 1;
    int max_check_attempts = 1;
    int check_type = 0;  // 0 active, 1 passive
    std::string plugin_output, long_plugin_output, perf_data;

    double last_check = 0, next_check = 0, last_state_change = 0, last_hard_state_change = 0;
    double last_notification = 0;
    std::array<double, 4>
        last_time_in_state{};  // hosts: up/down/unreachable; services: ok..unknown
    double latency = 0, execution_time = 0, percent_state_change = 0;
    double check_interval = 0, retry_interval = 0, notification_interval = 0;
    double first_notification_delay = 0, low_flap_threshold = 0, high_flap_threshold = 0;

    bool is_flapping = false;
    bool acknowledged = false;
    int acknowledgement_type = 0;  // 0 none, 1 normal, 2 sticky
    int scheduled_downtime_depth = 0;
    int current_notification_number = 0;
    bool notifications_enabled = true, active_checks_enabled = true, accept_passive_checks = true;
    bool event_handler_enabled = true, flap_detection_enabled = true, check_freshness = false;
    bool process_performance_data = true, obsess = false;
    bool in_check_period = true, in_notification_period = true;
    bool is_problem = false, is_impact = false;
    int business_impact = 2;
    int modified_attributes = 0;

    std::vector<std::string> contacts, contact_groups, groups;
    CustomVars custom_variables;
    std::vector<std::int64_t> comment_ids, downtime_ids;
};

struct Host : Checkable {
    std::string name, alias, address;
    std::vector<std::string> parents, childs;
    std::vector<const Service*> services;  // the core keeps these linked
};

struct Service : Checkable {
    std::string host_name, description;
    bool is_volatile = false;
    const Host* host = nullptr;  // never null in a linked core
};

struct HostGroup {
    std::string name, alias, notes, notes_url, action_url;
    std::vector<const Host*> members;
};

struct ServiceGroup {
    std::string name, alias, notes, notes_url, action_url;
    std::vector<const Service*> members;
};

struct Contact {
    std::string name, alias, email, pager;
    std::string host_notification_period, service_notification_period;
    bool can_submit_commands = true;
    bool host_notifications_enabled = true, service_notifications_enabled = true;
    bool in_host_notification_period = true, in_service_notification_period = true;
    int modified_attributes = 0;
    std::vector<std::string> groups;
    CustomVars custom_variables;
};

struct ContactGroup {
    std::string name, alias;
    std::vector<std::string> members;  // contact names
};

struct Command {
    std::string name, line;
};

struct TimePeriod {
    std::string name, alias;
    bool in = true;  // whether now is inside the period, as the scheduler last reported
};

struct Comment {
    std::int64_t id = 0;
    std::string host_name, service_description;  // description empty for a host comment
    std::string author, text;
    double entry_time = 0, expire_time = 0;
    int entry_type = 1;  // 1 user, 2 downtime, 3 flapping, 4 acknowledgement
    int source = 0;      // 0 internal, 1 external
    bool persistent = false, expires = false;
    bool is_service() const { return !service_description.empty(); }
};

struct Downtime {
    std::int64_t id = 0;
    std::string host_name, service_description;
    std::string author, comment;
    double entry_time = 0, start_time = 0, end_time = 0, duration = 0;
    bool fixed = true, is_in_effect = false;
    std::int64_t triggered_by = 0;
    bool is_service() const { return !service_description.empty(); }
};

// The status table: one row for the whole broker view (all scheduler parts together).
struct ProgramStatus {
    double program_start = 0, last_command_check = 0, last_log_rotation = 0;
    std::int64_t pid = 0;
    std::string program_version;
    int interval_length = 60;
    bool enable_notifications = true, execute_service_checks = true, execute_host_checks = true;
    bool accept_passive_service_checks = true, accept_passive_host_checks = true;
    bool enable_event_handlers = true, enable_flap_detection = true;
    bool process_performance_data = true, check_service_freshness = true,
         check_host_freshness = true;
    bool obsess_over_services = false, obsess_over_hosts = false;
    int instances = 0;  // scheduler parts known
};

// Log classes of Nagios/Checkmk's log table.
enum class LogClass : int {
    info = 0,
    alert = 1,
    program = 2,
    notification = 3,
    passive_check = 4,
    command = 5,
    state = 6,
    text = 7,
};

// One line of the monitoring log, parsed into the log table's columns.
struct LogEntry {
    double time = 0;
    std::int64_t lineno = 0;
    LogClass log_class = LogClass::info;
    std::string message;  // the whole line without the "[time] " prefix
    std::string type;     // "SERVICE ALERT", "HOST NOTIFICATION", ... (text before ':')
    std::string options;  // text after "TYPE: "
    std::string host_name, service_description, contact_name, command_name;
    std::string state_type, plugin_output, comment;
    int state = 0;
    int attempt = 0;
};

}  // namespace yagura::modules::livestatus
