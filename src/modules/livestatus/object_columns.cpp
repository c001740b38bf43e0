// Columns of the configuration objects (contacts, contact groups, commands, time periods) and
// of the program status.
#include "columns.hpp"

namespace yagura::modules::livestatus {

void declare_contact_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                             Projection<Contact> project) {
    using C = Contact;
    ColumnDeclarer<C> d(out, prefix, std::move(project));
    d.string("name", "Contact name", [](const C& c) -> std::string_view { return c.name; });
    d.string("alias", "Full name", [](const C& c) -> std::string_view { return c.alias; });
    d.string("email", "E-mail address", [](const C& c) -> std::string_view { return c.email; });
    d.string("pager", "Pager number", [](const C& c) -> std::string_view { return c.pager; });
    d.string("host_notification_period", "Time period of host notifications",
             [](const C& c) -> std::string_view { return c.host_notification_period; });
    d.string("service_notification_period", "Time period of service notifications",
             [](const C& c) -> std::string_view { return c.service_notification_period; });
    d.integer("can_submit_commands", "Whether the contact may send commands",
              [](const C& c) { return c.can_submit_commands ? 1 : 0; });
    d.integer("host_notifications_enabled", "Whether host notifications are enabled",
              [](const C& c) { return c.host_notifications_enabled ? 1 : 0; });
    d.integer("service_notifications_enabled", "Whether service notifications are enabled",
              [](const C& c) { return c.service_notifications_enabled ? 1 : 0; });
    d.integer("in_host_notification_period", "Whether now is in the host notification period",
              [](const C& c) { return c.in_host_notification_period ? 1 : 0; });
    d.integer("in_service_notification_period", "Whether now is in the service notification period",
              [](const C& c) { return c.in_service_notification_period ? 1 : 0; });
    d.integer("modified_attributes", "Bit mask of attributes changed at run time",
              [](const C& c) { return c.modified_attributes; });
    d.list("groups", "Contact groups of the contact",
           [](const C& c, ValueList& list) { append_strings(c.groups, list); });
    d.dict("custom_variables", "Custom variables",
           [](const C& c) -> const CustomVars& { return c.custom_variables; });
    d.list("custom_variable_names", "Names of the custom variables",
           [](const C& c, ValueList& list) {
               for (const auto& [name, value] : c.custom_variables) {
                   list.push_back(Value{name});
               }
           });
}

void declare_contactgroup_columns(std::vector<ColumnPtr>& out, Projection<ContactGroup> project) {
    using G = ContactGroup;
    ColumnDeclarer<G> d(out, "", std::move(project));
    d.string("name", "Contact group name", [](const G& g) -> std::string_view { return g.name; });
    d.string("alias", "Alias", [](const G& g) -> std::string_view { return g.alias; });
    d.list("members", "Names of the member contacts",
           [](const G& g, ValueList& list) { append_strings(g.members, list); });
}

void declare_command_columns(std::vector<ColumnPtr>& out, Projection<Command> project) {
    ColumnDeclarer<Command> d(out, "", std::move(project));
    d.string("name", "Command name", [](const Command& c) -> std::string_view { return c.name; });
    d.string("line", "Command line", [](const Command& c) -> std::string_view { return c.line; });
}

void declare_timeperiod_columns(std::vector<ColumnPtr>& out, Projection<TimePeriod> project) {
    using T = TimePeriod;
    ColumnDeclarer<T> d(out, "", std::move(project));
    d.string("name", "Time period name", [](const T& t) -> std::string_view { return t.name; });
    d.string("alias", "Alias", [](const T& t) -> std::string_view { return t.alias; });
    d.integer("in", "Whether now is inside the period", [](const T& t) { return t.in ? 1 : 0; });
}

void declare_status_columns(std::vector<ColumnPtr>& out, Projection<ProgramStatus> project) {
    using P = ProgramStatus;
    ColumnDeclarer<P> d(out, "", std::move(project));
    d.time("program_start", "Time the oldest scheduler part started",
           [](const P& p) { return p.program_start; });
    d.integer("nagios_pid", "Process id of the scheduler", [](const P& p) { return p.pid; });
    d.string("program_version", "Version of the monitoring core",
             [](const P& p) -> std::string_view { return p.program_version; });
    d.string("livestatus_version", "Version of this Livestatus",
             [](const P&) -> std::string_view { return "yagura-livestatus-1"; });
    d.time("last_command_check", "Time external commands were last processed",
           [](const P& p) { return p.last_command_check; });
    d.time("last_log_rotation", "Time the log was last rotated",
           [](const P& p) { return p.last_log_rotation; });
    d.integer("interval_length", "Seconds of one interval unit",
              [](const P& p) { return p.interval_length; });
    d.integer("check_external_commands", "Always 1: COMMAND and the command routes are open",
              [](const P&) { return 1; });
    d.integer("num_instances", "Scheduler parts known to the broker",
              [](const P& p) { return p.instances; });
    struct Flag {
        const char* name;
        const char* description;
        bool P::*field;
    };
    static const Flag flags[] = {
        {"enable_notifications", "Whether notifications are enabled", &P::enable_notifications},
        {"execute_service_checks", "Whether active service checks run", &P::execute_service_checks},
        {"execute_host_checks", "Whether active host checks run", &P::execute_host_checks},
        {"accept_passive_service_checks", "Whether passive service results are accepted",
         &P::accept_passive_service_checks},
        {"accept_passive_host_checks", "Whether passive host results are accepted",
         &P::accept_passive_host_checks},
        {"enable_event_handlers", "Whether event handlers are enabled", &P::enable_event_handlers},
        {"enable_flap_detection", "Whether flap detection is enabled", &P::enable_flap_detection},
        {"process_performance_data", "Whether performance data is processed",
         &P::process_performance_data},
        {"check_service_freshness", "Whether service freshness is checked",
         &P::check_service_freshness},
        {"check_host_freshness", "Whether host freshness is checked", &P::check_host_freshness},
        {"obsess_over_services", "Whether OCSP commands run", &P::obsess_over_services},
        {"obsess_over_hosts", "Whether OCHP commands run", &P::obsess_over_hosts},
    };
    for (const auto& flag : flags) {
        d.integer(flag.name, flag.description,
                  [field = flag.field](const P& p) { return (p.*field) ? 1 : 0; });
    }
}

}  // namespace yagura::modules::livestatus
