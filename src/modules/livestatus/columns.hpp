#pragma once

// The column sets of each object, declared once and reused by every table that joins them
// (services carry the host columns as host_*, hostsbygroup the hostgroup columns as
// hostgroup_*, comments the host_* and service_* columns, ...).

#include <string>
#include <vector>

#include "column_declarer.hpp"

namespace yagura::modules::livestatus {

void declare_host_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                          Projection<Host> project);
void declare_service_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                             Projection<Service> project);
void declare_hostgroup_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                               Projection<HostGroup> project);
void declare_servicegroup_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                                  Projection<ServiceGroup> project);
void declare_contact_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                             Projection<Contact> project);
void declare_contactgroup_columns(std::vector<ColumnPtr>& out, Projection<ContactGroup> project);
void declare_command_columns(std::vector<ColumnPtr>& out, Projection<Command> project);
void declare_timeperiod_columns(std::vector<ColumnPtr>& out, Projection<TimePeriod> project);
void declare_comment_columns(std::vector<ColumnPtr>& out, Projection<Comment> project);
void declare_downtime_columns(std::vector<ColumnPtr>& out, Projection<Downtime> project);
void declare_log_columns(std::vector<ColumnPtr>& out, Projection<LogEntry> project);
void declare_status_columns(std::vector<ColumnPtr>& out, Projection<ProgramStatus> project);

// Service state rank for worst_service_state: OK < WARNING < UNKNOWN < CRITICAL, as Nagios does.
int service_state_severity(int state);

}  // namespace yagura::modules::livestatus
