#pragma once

#include <bitset>
#include <cstdint>

#include <yagura/model/object.hpp>

namespace yagura::model {

// How date macros ($DATE$, $SHORTDATETIME$) print dates (Nagios' date_format).
enum class DateFormat : std::uint8_t { us = 0, euro = 1, iso8601 = 2, strict_iso8601 = 3 };

// The main configuration file's `key=value` settings (yagura.cfg, Nagios' nagios.cfg) with
// Shinken 2.4's defaults, declared in schema_globals.cpp like the objects (see
// docs/objects.md). Nagios-only settings that yagura does not use are accepted with a
// warning saying why (type_info<Globals>().ignored).
struct Globals {
    // --- files and process ---
    LineList cfg_file;
    LineList cfg_dir;
    LineList resource_file;
    Symbol workdir;
    Symbol lock_file;
    Symbol local_log;
    Symbol log_level;
    bool use_local_log = true;
    bool use_syslog = false;
    bool human_timestamp_log = false;
    Symbol yagura_user;
    Symbol yagura_group;
    Symbol modules_dir;
    bool daemon_enabled = true;
    bool idontcareaboutsecurity = false;
    Symbol command_file;
    bool check_external_commands = true;
    Symbol state_retention_file;
    std::int32_t retention_update_interval = 60;  // minutes; 0 disables periodic saving

    // --- logging of events ---
    Symbol log_rotation_method;
    Symbol log_archive_path;
    bool log_notifications = true;
    bool log_service_retries = true;
    bool log_host_retries = true;
    bool log_event_handlers = true;
    bool log_initial_states = true;
    bool log_external_commands = true;
    bool log_passive_checks = true;

    // --- program-wide switches (also state: external commands flip them) ---
    bool enable_notifications = true;
    bool execute_service_checks = true;
    bool accept_passive_service_checks = true;
    bool execute_host_checks = true;
    bool accept_passive_host_checks = true;
    bool enable_event_handlers = true;
    bool enable_flap_detection = true;
    bool process_performance_data = true;
    bool obsess_over_services = false;
    bool obsess_over_hosts = false;
    bool check_service_freshness = true;
    bool check_host_freshness = true;
    bool check_for_orphaned_services = true;
    bool check_for_orphaned_hosts = true;
    bool enable_environment_macros = false;
    bool use_aggressive_host_checking = false;
    bool no_event_handlers_during_downtimes = false;
    bool enable_problem_impacts_states_change = false;
    bool accept_passive_unknown_check_results = false;
    bool disable_old_nagios_parameters_whining = false;
    std::uint32_t modified_attributes = 0;

    // --- scheduling ---
    std::int32_t interval_length = 60;           // seconds in one interval unit
    std::int32_t max_service_check_spread = 30;  // minutes
    std::int32_t max_host_check_spread = 30;
    std::int32_t cached_host_check_horizon = 0;
    std::int32_t cached_service_check_horizon = 0;
    std::int32_t service_freshness_check_interval = 60;
    std::int32_t host_freshness_check_interval = 60;
    std::int32_t additional_freshness_latency = 15;
    std::int32_t cleaning_queues_interval = 900;

    // --- timeouts (seconds) ---
    std::int32_t service_check_timeout = 60;
    std::int32_t host_check_timeout = 30;
    std::int32_t timeout_exit_status = 2;
    std::int32_t event_handler_timeout = 30;
    std::int32_t notification_timeout = 30;
    std::int32_t ocsp_timeout = 15;
    std::int32_t ochp_timeout = 15;
    std::int32_t perfdata_timeout = 5;

    // --- flapping ---
    double low_service_flap_threshold = 20;
    double high_service_flap_threshold = 30;
    double low_host_flap_threshold = 20;
    double high_host_flap_threshold = 30;
    std::int32_t flap_history = 20;

    // --- commands run by the scheduler ---
    Symbol global_host_event_handler;
    Symbol global_service_event_handler;
    Symbol ocsp_command;
    Symbol ochp_command;
    Symbol host_perfdata_command;
    Symbol service_perfdata_command;
    Symbol host_perfdata_file;
    Symbol service_perfdata_file;
    Symbol host_perfdata_file_template;
    Symbol service_perfdata_file_template;
    Symbol host_perfdata_file_mode;
    Symbol service_perfdata_file_mode;
    std::int32_t host_perfdata_file_processing_interval = 15;
    std::int32_t service_perfdata_file_processing_interval = 15;
    Symbol host_perfdata_file_processing_command;
    Symbol service_perfdata_file_processing_command;

    // --- output and macros ---
    std::int32_t max_plugins_output_length = 8192;
    Symbol use_timezone;
    Symbol illegal_object_name_chars;
    Symbol illegal_macro_output_chars;
    DateFormat date_format = DateFormat::us;
    Symbol admin_email;
    Symbol admin_pager;

    // --- TLS between daemons ---
    bool use_ssl = false;
    Symbol ca_cert;
    Symbol server_cert;
    Symbol server_key;
    bool hard_ssl_name_check = false;

    // --- statsd ---
    bool statsd_enabled = false;
    Symbol statsd_host;
    std::int32_t statsd_port = 8125;
    Symbol statsd_prefix;
    std::int32_t statsd_interval = 5;

    // Bit i: field i was set by the main file (see ObjectHeader::explicitly_set).
    std::bitset<kMaxFields> explicitly_set;
};

}  // namespace yagura::model
