#include <yagura/model/schema.hpp>

#include "choices.hpp"
#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;
using G = Globals;

constexpr auto file_fields() {
    return std::array{
        field<G, &G::cfg_file>({.name = "cfg_file",
                                .flags = kRepeatable,
                                .doc = "Object file to read, relative to this file; repeat."}),
        field<G, &G::cfg_dir>({.name = "cfg_dir",
                               .flags = kRepeatable,
                               .doc = "Directory whose *.cfg files are read, recursively."}),
        field<G, &G::resource_file>({.name = "resource_file",
                                     .flags = kRepeatable,
                                     .doc = "File of `$NAME$=value` macros ($USER1$, ...)."}),
        field<G, &G::workdir>({.name = "workdir",
                               .default_text = "/var/lib/yagura",
                               .doc = "Working directory of the arbiter."}),
        field<G, &G::lock_file>({.name = "lock_file",
                                 .default_text = "/run/yagura/arbiter.pid",
                                 .doc = "Pid file of the arbiter."}),
        field<G, &G::local_log>({.name = "local_log",
                                 .default_text = "/var/log/yagura/arbiter.log",
                                 .doc = "Log file of the arbiter."}),
        field<G, &G::log_level>(
            {.name = "log_level", .default_text = "info", .doc = "debug, info, warning, error."}),
        field<G, &G::use_local_log>(
            {.name = "use_local_log", .default_text = "1", .doc = "Write local_log."}),
        field<G, &G::use_syslog>(
            {.name = "use_syslog", .default_text = "0", .doc = "Also log to the journal."}),
        field<G, &G::human_timestamp_log>({.name = "human_timestamp_log",
                                           .default_text = "0",
                                           .doc = "Dates instead of epochs in the event log."}),
        field<G, &G::yagura_user>({.name = "yagura_user",
                                   .default_text = "yagura",
                                   .doc = "User the daemons run as.",
                                   .aliases = "shinken_user,nagios_user"}),
        field<G, &G::yagura_group>({.name = "yagura_group",
                                    .default_text = "yagura",
                                    .doc = "Group the daemons run as.",
                                    .aliases = "shinken_group,nagios_group"}),
        field<G, &G::modules_dir>({.name = "modules_dir",
                                   .doc = "Shinken module directory (unused).",
                                   .aliases = "modulesdir"}),
        field<G, &G::daemon_enabled>(
            {.name = "daemon_enabled", .default_text = "1", .doc = "0: the arbiter does not run."}),
        field<G, &G::idontcareaboutsecurity>({.name = "idontcareaboutsecurity",
                                              .default_text = "0",
                                              .doc = "Allow running as root."}),
        field<G, &G::command_file>(
            {.name = "command_file", .doc = "Named pipe of external commands ($COMMANDFILE$)."}),
        field<G, &G::check_external_commands>(
            {.name = "check_external_commands", .default_text = "1", .doc = "Read command_file."}),
        field<G, &G::state_retention_file>(
            {.name = "state_retention_file", .doc = "Retention file (file store)."}),
        field<G, &G::retention_update_interval>(
            {.name = "retention_update_interval",
             .flags = kConfig,
             .default_text = "60",
             .doc = "Minutes between full retention saves (changes are also saved as they "
                    "happen); 0: only at stop."}),
    };
}

constexpr auto log_fields() {
    return std::array{
        field<G, &G::log_rotation_method>(
            {.name = "log_rotation_method", .default_text = "d", .doc = "n, h, d, w, m."}),
        field<G, &G::log_archive_path>({.name = "log_archive_path",
                                        .default_text = "/var/log/yagura/archives",
                                        .doc = "Where rotated event logs go."}),
        field<G, &G::log_notifications>({.name = "log_notifications",
                                         .flags = kConfig,
                                         .default_text = "1",
                                         .doc = "Log notifications."}),
        field<G, &G::log_service_retries>({.name = "log_service_retries",
                                           .flags = kConfig,
                                           .default_text = "1",
                                           .doc = "Log SOFT service states."}),
        field<G, &G::log_host_retries>({.name = "log_host_retries",
                                        .flags = kConfig,
                                        .default_text = "1",
                                        .doc = "Log SOFT host states."}),
        field<G, &G::log_event_handlers>({.name = "log_event_handlers",
                                          .flags = kConfig,
                                          .default_text = "1",
                                          .doc = "Log event handlers."}),
        field<G, &G::log_initial_states>({.name = "log_initial_states",
                                          .flags = kConfig,
                                          .default_text = "1",
                                          .doc = "Log the initial states."}),
        field<G, &G::log_external_commands>({.name = "log_external_commands",
                                             .flags = kConfig,
                                             .default_text = "1",
                                             .doc = "Log external commands."}),
        field<G, &G::log_passive_checks>({.name = "log_passive_checks",
                                          .flags = kConfig,
                                          .default_text = "1",
                                          .doc = "Log passive results."}),
    };
}

constexpr auto switch_fields() {
    constexpr FieldFlags kSwitch = kConfig | kState;
    return std::array{
        field<G, &G::enable_notifications>({.name = "enable_notifications",
                                            .flags = kSwitch,
                                            .default_text = "1",
                                            .doc = "Send notifications at all."}),
        field<G, &G::execute_service_checks>({.name = "execute_service_checks",
                                              .flags = kSwitch,
                                              .default_text = "1",
                                              .doc = "Run active service checks."}),
        field<G, &G::accept_passive_service_checks>({.name = "accept_passive_service_checks",
                                                     .flags = kSwitch,
                                                     .default_text = "1",
                                                     .doc = "Accept passive service results."}),
        field<G, &G::execute_host_checks>({.name = "execute_host_checks",
                                           .flags = kSwitch,
                                           .default_text = "1",
                                           .doc = "Run active host checks."}),
        field<G, &G::accept_passive_host_checks>({.name = "accept_passive_host_checks",
                                                  .flags = kSwitch,
                                                  .default_text = "1",
                                                  .doc = "Accept passive host results."}),
        field<G, &G::enable_event_handlers>({.name = "enable_event_handlers",
                                             .flags = kSwitch,
                                             .default_text = "1",
                                             .doc = "Run event handlers."}),
        field<G, &G::enable_flap_detection>({.name = "enable_flap_detection",
                                             .flags = kSwitch,
                                             .default_text = "1",
                                             .doc = "Detect flapping."}),
        field<G, &G::process_performance_data>({.name = "process_performance_data",
                                                .flags = kSwitch,
                                                .default_text = "1",
                                                .doc = "Process performance data."}),
        field<G, &G::obsess_over_services>({.name = "obsess_over_services",
                                            .flags = kSwitch,
                                            .default_text = "0",
                                            .doc = "Run ocsp_command after service checks."}),
        field<G, &G::obsess_over_hosts>({.name = "obsess_over_hosts",
                                         .flags = kSwitch,
                                         .default_text = "0",
                                         .doc = "Run ochp_command after host checks."}),
        field<G, &G::check_service_freshness>({.name = "check_service_freshness",
                                               .flags = kSwitch,
                                               .default_text = "1",
                                               .doc = "Check the freshness of services."}),
        field<G, &G::check_host_freshness>({.name = "check_host_freshness",
                                            .flags = kSwitch,
                                            .default_text = "1",
                                            .doc = "Check the freshness of hosts."}),
        field<G, &G::check_for_orphaned_services>(
            {.name = "check_for_orphaned_services",
             .flags = kConfig,
             .default_text = "1",
             .doc = "Reschedule service checks lost by a poller."}),
        field<G, &G::check_for_orphaned_hosts>({.name = "check_for_orphaned_hosts",
                                                .flags = kConfig,
                                                .default_text = "1",
                                                .doc = "Reschedule host checks lost by a poller."}),
        field<G, &G::enable_environment_macros>(
            {.name = "enable_environment_macros",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Pass macros as NAGIOS_* environment variables to every command."}),
        field<G, &G::use_aggressive_host_checking>(
            {.name = "use_aggressive_host_checking",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Nagios compatibility; host results are never cached.",
             .aliases = "use_agressive_host_checking"}),
        field<G, &G::no_event_handlers_during_downtimes>(
            {.name = "no_event_handlers_during_downtimes",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Do not run event handlers during downtimes."}),
        field<G, &G::enable_problem_impacts_states_change>(
            {.name = "enable_problem_impacts_states_change",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Impacts of a problem take the UNKNOWN/UNREACHABLE state (Shinken)."}),
        field<G, &G::accept_passive_unknown_check_results>(
            {.name = "accept_passive_unknown_check_results",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Pass on passive results of unknown hosts and services as broks."}),
        field<G, &G::disable_old_nagios_parameters_whining>(
            {.name = "disable_old_nagios_parameters_whining",
             .default_text = "0",
             .doc = "Do not warn about Nagios-only settings."}),
        field<G, &G::modified_attributes>({.name = "modified_attributes",
                                           .flags = kState,
                                           .default_text = "0",
                                           .doc = "Program settings changed by commands."}),
    };
}

constexpr auto scheduling_fields() {
    return std::array{
        field<G, &G::interval_length>(
            {.name = "interval_length",
             .flags = kConfig,
             .default_text = "60",
             .doc = "Seconds in one interval unit (check_interval ...)."}),
        field<G, &G::max_service_check_spread>(
            {.name = "max_service_check_spread",
             .flags = kConfig,
             .default_text = "30",
             .doc = "Minutes over which the first service checks are spread at start."}),
        field<G, &G::max_host_check_spread>(
            {.name = "max_host_check_spread",
             .flags = kConfig,
             .default_text = "30",
             .doc = "Minutes over which the first host checks are spread at start."}),
        field<G, &G::cached_host_check_horizon>(
            {.name = "cached_host_check_horizon",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Seconds a host result may be reused for dependency checks."}),
        field<G, &G::cached_service_check_horizon>(
            {.name = "cached_service_check_horizon",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Seconds a service result may be reused for dependency checks."}),
        field<G, &G::service_freshness_check_interval>(
            {.name = "service_freshness_check_interval",
             .flags = kConfig,
             .default_text = "60",
             .doc = "Seconds between service freshness checks.",
             .aliases = "freshness_check_interval"}),
        field<G, &G::host_freshness_check_interval>(
            {.name = "host_freshness_check_interval",
             .flags = kConfig,
             .default_text = "60",
             .doc = "Seconds between host freshness checks."}),
        field<G, &G::additional_freshness_latency>(
            {.name = "additional_freshness_latency",
             .flags = kConfig,
             .default_text = "15",
             .doc = "Seconds added to computed freshness thresholds."}),
        field<G, &G::cleaning_queues_interval>(
            {.name = "cleaning_queues_interval",
             .flags = kConfig,
             .default_text = "900",
             .doc = "Seconds between clean-ups of the scheduler's queues."}),
    };
}

constexpr auto timeout_fields() {
    return std::array{
        field<G, &G::service_check_timeout>({.name = "service_check_timeout",
                                             .flags = kConfig,
                                             .default_text = "60",
                                             .doc = "Seconds before a service check is killed."}),
        field<G, &G::host_check_timeout>({.name = "host_check_timeout",
                                          .flags = kConfig,
                                          .default_text = "30",
                                          .doc = "Seconds before a host check is killed."}),
        field<G, &G::timeout_exit_status>({.name = "timeout_exit_status",
                                           .flags = kConfig,
                                           .default_text = "2",
                                           .doc = "State of a check that timed out (2: "
                                                  "CRITICAL)."}),
        field<G, &G::event_handler_timeout>({.name = "event_handler_timeout",
                                             .flags = kConfig,
                                             .default_text = "30",
                                             .doc = "Seconds before an event handler is killed."}),
        field<G, &G::notification_timeout>({.name = "notification_timeout",
                                            .flags = kConfig,
                                            .default_text = "30",
                                            .doc = "Seconds before a notification is killed."}),
        field<G, &G::ocsp_timeout>({.name = "ocsp_timeout",
                                    .flags = kConfig,
                                    .default_text = "15",
                                    .doc = "Seconds before ocsp_command is killed."}),
        field<G, &G::ochp_timeout>({.name = "ochp_timeout",
                                    .flags = kConfig,
                                    .default_text = "15",
                                    .doc = "Seconds before ochp_command is killed."}),
        field<G, &G::perfdata_timeout>({.name = "perfdata_timeout",
                                        .flags = kConfig,
                                        .default_text = "5",
                                        .doc = "Seconds before a perfdata command is killed."}),
    };
}

constexpr auto flap_fields() {
    return std::array{
        field<G, &G::low_service_flap_threshold>(
            {.name = "low_service_flap_threshold",
             .flags = kConfig,
             .default_text = "20",
             .doc = "Default low flap threshold of services (percent)."}),
        field<G, &G::high_service_flap_threshold>(
            {.name = "high_service_flap_threshold",
             .flags = kConfig,
             .default_text = "30",
             .doc = "Default high flap threshold of services (percent)."}),
        field<G, &G::low_host_flap_threshold>({.name = "low_host_flap_threshold",
                                               .flags = kConfig,
                                               .default_text = "20",
                                               .doc = "Default low flap threshold of hosts."}),
        field<G, &G::high_host_flap_threshold>({.name = "high_host_flap_threshold",
                                                .flags = kConfig,
                                                .default_text = "30",
                                                .doc = "Default high flap threshold of hosts."}),
        field<G, &G::flap_history>({.name = "flap_history",
                                    .flags = kConfig,
                                    .default_text = "20",
                                    .doc = "Results kept for flap detection (at most 32)."}),
    };
}

constexpr auto command_fields() {
    return std::array{
        field<G, &G::global_host_event_handler>({.name = "global_host_event_handler",
                                                 .flags = kConfig,
                                                 .doc = "Command run on every host state change."}),
        field<G, &G::global_service_event_handler>(
            {.name = "global_service_event_handler",
             .flags = kConfig,
             .doc = "Command run on every service state change."}),
        field<G, &G::ocsp_command>(
            {.name = "ocsp_command", .flags = kConfig, .doc = "Command run after service checks."}),
        field<G, &G::ochp_command>(
            {.name = "ochp_command", .flags = kConfig, .doc = "Command run after host checks."}),
        field<G, &G::host_perfdata_command>({.name = "host_perfdata_command",
                                             .flags = kConfig,
                                             .doc = "Command run with host performance data."}),
        field<G, &G::service_perfdata_command>(
            {.name = "service_perfdata_command",
             .flags = kConfig,
             .doc = "Command run with service performance data."}),
        field<G, &G::host_perfdata_file>(
            {.name = "host_perfdata_file", .flags = kConfig, .doc = "File of host perfdata."}),
        field<G, &G::service_perfdata_file>({.name = "service_perfdata_file",
                                             .flags = kConfig,
                                             .doc = "File of service perfdata."}),
        field<G, &G::host_perfdata_file_template>({.name = "host_perfdata_file_template",
                                                   .flags = kConfig,
                                                   .doc = "Line template of host_perfdata_file."}),
        field<G, &G::service_perfdata_file_template>(
            {.name = "service_perfdata_file_template",
             .flags = kConfig,
             .doc = "Line template of service_perfdata_file."}),
        field<G, &G::host_perfdata_file_mode>({.name = "host_perfdata_file_mode",
                                               .flags = kConfig,
                                               .default_text = "a",
                                               .doc = "a append, w write, p pipe."}),
        field<G, &G::service_perfdata_file_mode>({.name = "service_perfdata_file_mode",
                                                  .flags = kConfig,
                                                  .default_text = "a",
                                                  .doc = "a append, w write, p pipe."}),
        field<G, &G::host_perfdata_file_processing_interval>(
            {.name = "host_perfdata_file_processing_interval",
             .flags = kConfig,
             .default_text = "15",
             .doc = "Seconds between runs of the host perfdata file command."}),
        field<G, &G::service_perfdata_file_processing_interval>(
            {.name = "service_perfdata_file_processing_interval",
             .flags = kConfig,
             .default_text = "15",
             .doc = "Seconds between runs of the service perfdata file command."}),
        field<G, &G::host_perfdata_file_processing_command>(
            {.name = "host_perfdata_file_processing_command",
             .flags = kConfig,
             .doc = "Command that processes host_perfdata_file."}),
        field<G, &G::service_perfdata_file_processing_command>(
            {.name = "service_perfdata_file_processing_command",
             .flags = kConfig,
             .doc = "Command that processes service_perfdata_file."}),
    };
}

constexpr auto misc_fields() {
    return std::array{
        field<G, &G::max_plugins_output_length>(
            {.name = "max_plugins_output_length",
             .flags = kConfig,
             .default_text = "8192",
             .doc = "Bytes of plugin output kept; the rest is cut."}),
        field<G, &G::use_timezone>(
            {.name = "use_timezone", .flags = kConfig, .doc = "Time zone (TZ) of timeperiods."}),
        field<G, &G::illegal_object_name_chars>({.name = "illegal_object_name_chars",
                                                 .flags = kConfig,
                                                 .default_text = "`~!$%^&*\"|'<>?,()=",
                                                 .doc = "Characters refused in object names."}),
        field<G, &G::illegal_macro_output_chars>(
            {.name = "illegal_macro_output_chars",
             .flags = kConfig,
             .doc = "Characters removed from output macros in commands."}),
        field<G, &G::date_format>({.name = "date_format",
                                   .flags = kConfig,
                                   .default_text = "us",
                                   .doc = "Dates in macros: us, euro, iso8601, strict-iso8601.",
                                   .choices = &detail::kDateFormatTable.choices}),
        field<G, &G::admin_email>({.name = "admin_email",
                                   .flags = kConfig,
                                   .doc = "Administrator's e-mail ($ADMINEMAIL$)."}),
        field<G, &G::admin_pager>({.name = "admin_pager",
                                   .flags = kConfig,
                                   .doc = "Administrator's pager ($ADMINPAGER$)."}),
        field<G, &G::use_ssl>({.name = "use_ssl",
                               .default_text = "0",
                               .doc = "Shinken compatibility; yagura always uses TLS."}),
        field<G, &G::ca_cert>({.name = "ca_cert",
                               .default_text = "/etc/yagura/certs/ca.pem",
                               .doc = "CA certificate of the daemons."}),
        field<G, &G::server_cert>({.name = "server_cert",
                                   .default_text = "/etc/yagura/certs/server.cert",
                                   .doc = "Certificate of the arbiter."}),
        field<G, &G::server_key>({.name = "server_key",
                                  .default_text = "/etc/yagura/certs/server.key",
                                  .doc = "Private key of the arbiter."}),
        field<G, &G::hard_ssl_name_check>({.name = "hard_ssl_name_check",
                                           .default_text = "0",
                                           .doc = "Check certificate names."}),
        field<G, &G::statsd_enabled>(
            {.name = "statsd_enabled", .default_text = "0", .doc = "Send statistics to statsd."}),
        field<G, &G::statsd_host>(
            {.name = "statsd_host", .default_text = "localhost", .doc = "statsd host."}),
        field<G, &G::statsd_port>(
            {.name = "statsd_port", .default_text = "8125", .doc = "statsd UDP port."}),
        field<G, &G::statsd_prefix>(
            {.name = "statsd_prefix", .default_text = "yagura", .doc = "Prefix of statsd names."}),
        field<G, &G::statsd_interval>({.name = "statsd_interval",
                                       .default_text = "5",
                                       .doc = "Seconds between statsd sends."}),
    };
}

constexpr auto kGlobalsFields =
    detail::concat(file_fields(), log_fields(), switch_fields(), scheduling_fields(),
                   timeout_fields(), flap_fields(), command_fields(), misc_fields());
static_assert(kGlobalsFields.size() <= kMaxFields);

constexpr std::string_view kNagiosFiles = "yagura keeps no such file";
constexpr std::string_view kRetention = "retention is always on and saves every change";
constexpr std::string_view kScheduling = "checks are scheduled and spread by the scheduler";
constexpr std::string_view kNoReaper = "results arrive from pollers over HTTP, not files";
constexpr std::string_view kUnused = "not used by yagura";

// Nagios 4 and Shinken settings accepted with a warning (Shinken's UnusedProp and its
// unmanaged settings, plus Nagios 4's own).
constexpr IgnoredAttribute kIgnoredGlobals[] = {
    {"log_file", "the event log is written by the broker's log module"},
    {"object_cache_file", kNagiosFiles},
    {"precached_object_file", kNagiosFiles},
    {"temp_file", kNagiosFiles},
    {"temp_path", kNagiosFiles},
    {"status_file", "status is served by the broker (Livestatus, HTTP)"},
    {"status_update_interval", "status is served by the broker (Livestatus, HTTP)"},
    {"p1_file", "there is no embedded Perl"},
    {"enable_embedded_perl", "there is no embedded Perl"},
    {"use_embedded_perl_implicitly", "there is no embedded Perl"},
    {"command_check_interval", "the command pipe is read as soon as commands arrive"},
    {"external_command_buffer_slots", "external commands are not limited"},
    {"check_for_updates", "use your distribution's packages"},
    {"bare_update_check", "use your distribution's packages"},
    {"retain_state_information", kRetention},
    {"use_retained_program_state", kRetention},
    {"use_retained_scheduling_info", kRetention},
    {"retention_scheduling_horizon", kRetention},
    {"retained_host_attribute_mask", kRetention},
    {"retained_service_attribute_mask", kRetention},
    {"retained_process_host_attribute_mask", kRetention},
    {"retained_process_service_attribute_mask", kRetention},
    {"retained_contact_host_attribute_mask", kRetention},
    {"retained_contact_service_attribute_mask", kRetention},
    {"sleep_time", kScheduling},
    {"service_inter_check_delay_method", kScheduling},
    {"host_inter_check_delay_method", kScheduling},
    {"service_interleave_factor", kScheduling},
    {"max_concurrent_checks", "pollers limit their own concurrency (max_workers)"},
    {"check_workers", "pollers run the checks (max_workers)"},
    {"check_result_reaper_frequency", kNoReaper},
    {"service_reaper_frequency", kNoReaper},
    {"max_check_result_reaper_time", kNoReaper},
    {"check_result_path", kNoReaper},
    {"max_check_result_file_age", kNoReaper},
    {"auto_reschedule_checks", kScheduling},
    {"auto_rescheduling_interval", kScheduling},
    {"auto_rescheduling_window", kScheduling},
    {"translate_passive_host_checks", kUnused},
    {"passive_host_checks_are_soft", kUnused},
    {"enable_predictive_host_dependency_checks", kUnused},
    {"enable_predictive_service_dependency_checks", kUnused},
    {"soft_state_dependencies", kUnused},
    {"use_large_installation_tweaks", "yagura is built for large installations"},
    {"free_child_process_memory", "plugins are started vfork-style, never with fork"},
    {"child_processes_fork_twice", "plugins are started vfork-style, never with fork"},
    {"enable_failure_prediction", "failure prediction was never implemented by Nagios"},
    {"use_regexp_matching", "object names are matched literally"},
    {"use_true_regexp_matching", "object names are matched literally"},
    {"event_broker_options", "broker modules replace the event broker"},
    {"broker_module", "broker modules are `define module` objects"},
    {"debug_file", "use log_level"},
    {"debug_level", "use log_level"},
    {"debug_verbosity", "use log_level"},
    {"max_debug_file_size", "use log_level"},
    {"daemon_dumps_core", "systemd decides about core dumps"},
    {"log_current_states", kUnused},
    {"allow_empty_hostgroup_assignment", "empty host groups are always allowed"},
    {"query_socket", "daemons answer HTTP"},
    {"loadctl_options", kUnused},
    {"website_url", kUnused},
    {"time_change_threshold", kUnused},
    {"auth_file", kUnused},
    {"prefix", kUnused},
    {"daemon_thread_pool_size", "each daemon runs one event loop"},
    {"graceful_enabled", kUnused},
    {"aggressive_memory_management", kUnused},
    {"http_backend", kUnused},
    {"pack_distribution_file", "placement is computed from the configuration"},
    {"use_multiprocesses_serializer", kUnused},
    {"webui_lock_file", kUnused},
    {"webui_port", kUnused},
    {"webui_host", kUnused},
    {"api_key", kUnused},
    {"secret", kUnused},
    {"http_proxy", kUnused},
    {"statsd_types", kUnused},
    {"statsd_pattern", kUnused},
    {"strip_idname_fqdn", kUnused},
    {"runners_timeout", kUnused},
    {"config_base_dir", kUnused},
};

}  // namespace

template <>
const TypeInfo<Globals>& type_info<Globals>() {
    static const TypeInfo<Globals> info{
        .name = "main configuration",
        .plural = "globals",
        .doc = "The `key=value` settings of the main file (yagura.cfg).",
        .fields = kGlobalsFields,
        .ignored = kIgnoredGlobals,
    };
    return info;
}

}  // namespace yagura::model
