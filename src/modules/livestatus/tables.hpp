#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "table.hpp"

namespace yagura::modules::livestatus {

// Every table, by name. Built once per Livestatus instance; read-only afterwards.
class Tables {
public:
    Tables();
    const Table* find(std::string_view name) const;
    const std::vector<std::unique_ptr<Table>>& all() const { return tables_; }

private:
    std::vector<std::unique_ptr<Table>> tables_;
};

// Factories, one per source file.
std::unique_ptr<Table> make_hosts_table();
std::unique_ptr<Table> make_services_table();
std::unique_ptr<Table> make_hostgroups_table();
std::unique_ptr<Table> make_servicegroups_table();
std::unique_ptr<Table> make_hostsbygroup_table();
std::unique_ptr<Table> make_servicesbygroup_table();
std::unique_ptr<Table> make_servicesbyhostgroup_table();
std::unique_ptr<Table> make_contacts_table();
std::unique_ptr<Table> make_contactgroups_table();
std::unique_ptr<Table> make_commands_table();
std::unique_ptr<Table> make_timeperiods_table();
std::unique_ptr<Table> make_comments_table();
std::unique_ptr<Table> make_downtimes_table();
std::unique_ptr<Table> make_status_table();
std::unique_ptr<Table> make_log_table();
std::unique_ptr<Table> make_columns_table(const Tables& tables);

}  // namespace yagura::modules::livestatus
