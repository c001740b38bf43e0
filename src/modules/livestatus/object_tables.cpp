// Tables with one row per object: hosts, services, groups and configuration objects.
#include <algorithm>

#include "auth.hpp"
#include "columns.hpp"
#include "tables.hpp"

namespace yagura::modules::livestatus {

namespace {

// "host;service" or "host service", as WaitObject names a service.
std::pair<std::string_view, std::string_view> split_service_spec(std::string_view spec) {
    auto cut = spec.find(';');
    if (cut == std::string_view::npos) {
        cut = spec.find(' ');
    }
    if (cut == std::string_view::npos) {
        return {spec, {}};
    }
    return {spec.substr(0, cut), spec.substr(cut + 1)};
}

class HostsTable final : public Table {
public:
    HostsTable() : Table("hosts") {
        std::vector<ColumnPtr> columns;
        declare_host_columns(columns, "", identity<Host>());
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope& scope,
                      const RowVisitor& visit) const override {
        if (auto name = scope.required_value("name")) {
            if (const Host* host = core.find_host(*name)) {
                visit(Row{host});
            }
            return;
        }
        core.for_each_host([&](const Host& h) { return visit(Row{&h}); });
    }
    bool visible(Row row, const Contact& user, const Core& core) const override {
        return may_see_host(row.as<Host>(), user, core);
    }
    bool with_object(const Core& core, std::string_view spec,
                     const RowVisitor& visit) const override {
        const Host* host = core.find_host(spec);
        return host != nullptr && (visit(Row{host}), true);
    }
};

class ServicesTable final : public Table {
public:
    ServicesTable() : Table("services") {
        std::vector<ColumnPtr> columns;
        declare_service_columns(columns, "", identity<Service>());
        declare_host_columns(columns, "host_", [](Row row) { return row.as<Service>()->host; });
        adopt(std::move(columns));
    }
    // "Filter: host_name = X", the one-host view of every GUI, reads only that host's services.
    void for_each_row(const Core& core, const RowScope& scope,
                      const RowVisitor& visit) const override {
        if (auto name = scope.required_value("host_name")) {
            if (const Host* host = core.find_host(*name)) {
                for (const Service* service : host->services) {
                    if (!visit(Row{service})) {
                        return;
                    }
                }
            }
            return;
        }
        core.for_each_service([&](const Service& s) { return visit(Row{&s}); });
    }
    bool visible(Row row, const Contact& user, const Core& core) const override {
        return may_see_service(row.as<Service>(), user, core);
    }
    bool with_object(const Core& core, std::string_view spec,
                     const RowVisitor& visit) const override {
        auto [host, description] = split_service_spec(spec);
        const Service* service = core.find_service(host, description);
        return service != nullptr && (visit(Row{service}), true);
    }
};

class HostGroupsTable final : public Table {
public:
    HostGroupsTable() : Table("hostgroups") {
        std::vector<ColumnPtr> columns;
        declare_hostgroup_columns(columns, "", identity<HostGroup>());
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope&, const RowVisitor& visit) const override {
        core.for_each_hostgroup([&](const HostGroup& g) { return visit(Row{&g}); });
    }
    bool visible(Row row, const Contact& user, const Core& core) const override {
        const auto& members = row.as<HostGroup>()->members;
        return !members.empty() && std::all_of(members.begin(), members.end(), [&](auto* h) {
            return may_see_host(h, user, core);
        });
    }
    bool with_object(const Core& core, std::string_view spec,
                     const RowVisitor& visit) const override {
        const HostGroup* group = core.find_hostgroup(spec);
        return group != nullptr && (visit(Row{group}), true);
    }
};

class ServiceGroupsTable final : public Table {
public:
    ServiceGroupsTable() : Table("servicegroups") {
        std::vector<ColumnPtr> columns;
        declare_servicegroup_columns(columns, "", identity<ServiceGroup>());
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope&, const RowVisitor& visit) const override {
        core.for_each_servicegroup([&](const ServiceGroup& g) { return visit(Row{&g}); });
    }
    bool visible(Row row, const Contact& user, const Core& core) const override {
        const auto& members = row.as<ServiceGroup>()->members;
        return !members.empty() && std::all_of(members.begin(), members.end(), [&](auto* s) {
            return may_see_service(s, user, core);
        });
    }
    bool with_object(const Core& core, std::string_view spec,
                     const RowVisitor& visit) const override {
        const ServiceGroup* group = core.find_servicegroup(spec);
        return group != nullptr && (visit(Row{group}), true);
    }
};

// A table of configuration records, visible to every user.
template <class Record>
class RecordTable final : public Table {
public:
    using Walk = void (Core::*)(const Visitor<Record>&) const;
    RecordTable(std::string name, Walk walk, std::vector<ColumnPtr> columns)
        : Table(std::move(name)), walk_(walk) {
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope&, const RowVisitor& visit) const override {
        (core.*walk_)([&](const Record& r) { return visit(Row{&r}); });
    }

private:
    Walk walk_;
};

}  // namespace

std::unique_ptr<Table> make_hosts_table() {
    return std::make_unique<HostsTable>();
}
std::unique_ptr<Table> make_services_table() {
    return std::make_unique<ServicesTable>();
}
std::unique_ptr<Table> make_hostgroups_table() {
    return std::make_unique<HostGroupsTable>();
}
std::unique_ptr<Table> make_servicegroups_table() {
    return std::make_unique<ServiceGroupsTable>();
}

std::unique_ptr<Table> make_contacts_table() {
    std::vector<ColumnPtr> columns;
    declare_contact_columns(columns, "", identity<Contact>());
    return std::make_unique<RecordTable<Contact>>("contacts", &Core::for_each_contact,
                                                  std::move(columns));
}

std::unique_ptr<Table> make_contactgroups_table() {
    std::vector<ColumnPtr> columns;
    declare_contactgroup_columns(columns, identity<ContactGroup>());
    return std::make_unique<RecordTable<ContactGroup>>(
        "contactgroups", &Core::for_each_contactgroup, std::move(columns));
}

std::unique_ptr<Table> make_commands_table() {
    std::vector<ColumnPtr> columns;
    declare_command_columns(columns, identity<Command>());
    return std::make_unique<RecordTable<Command>>("commands", &Core::for_each_command,
                                                  std::move(columns));
}

std::unique_ptr<Table> make_timeperiods_table() {
    std::vector<ColumnPtr> columns;
    declare_timeperiod_columns(columns, identity<TimePeriod>());
    return std::make_unique<RecordTable<TimePeriod>>("timeperiods", &Core::for_each_timeperiod,
                                                     std::move(columns));
}

}  // namespace yagura::modules::livestatus
