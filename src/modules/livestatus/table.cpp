#include "table.hpp"

#include "tables.hpp"

namespace yagura::modules::livestatus {

std::optional<std::string> RowScope::required_value(std::string_view column) const {
    if (filters == nullptr) {
        return std::nullopt;
    }
    for (const auto& filter : *filters) {
        if (auto value = filter->required_value(column)) {
            return value;
        }
    }
    return std::nullopt;
}

const Column* Table::column(std::string_view name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
}

void Table::adopt(std::vector<ColumnPtr> columns) {
    for (auto& column : columns) {
        if (by_name_.count(column->name()) != 0) {
            continue;  // a joined column never shadows the table's own column of that name
        }
        by_name_.emplace(column->name(), column.get());
        columns_.push_back(std::move(column));
    }
}

Tables::Tables() {
    tables_.push_back(make_hosts_table());
    tables_.push_back(make_services_table());
    tables_.push_back(make_hostgroups_table());
    tables_.push_back(make_servicegroups_table());
    tables_.push_back(make_contacts_table());
    tables_.push_back(make_contactgroups_table());
    tables_.push_back(make_commands_table());
    tables_.push_back(make_timeperiods_table());
    tables_.push_back(make_comments_table());
    tables_.push_back(make_downtimes_table());
    tables_.push_back(make_hostsbygroup_table());
    tables_.push_back(make_servicesbygroup_table());
    tables_.push_back(make_servicesbyhostgroup_table());
    tables_.push_back(make_status_table());
    tables_.push_back(make_log_table());
    tables_.push_back(make_columns_table(*this));
}

const Table* Tables::find(std::string_view name) const {
    for (const auto& table : tables_) {
        if (table->name() == name) {
            return table.get();
        }
    }
    return nullptr;
}

}  // namespace yagura::modules::livestatus
