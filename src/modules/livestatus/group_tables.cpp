// The by-group tables: one row per (member, group) pair, with the member's columns and the
// group's columns under a prefix.
#include "auth.hpp"
#include "columns.hpp"
#include "tables.hpp"

namespace yagura::modules::livestatus {

namespace {

struct HostInGroup {
    const Host* host;
    const HostGroup* group;
};

struct ServiceInGroup {
    const Service* service;
    const ServiceGroup* group;
};

struct ServiceInHostGroup {
    const Service* service;
    const HostGroup* group;
};

class HostsByGroupTable final : public Table {
public:
    HostsByGroupTable() : Table("hostsbygroup") {
        std::vector<ColumnPtr> columns;
        declare_host_columns(columns, "", [](Row r) { return r.as<HostInGroup>()->host; });
        declare_hostgroup_columns(columns, "hostgroup_",
                                  [](Row r) { return r.as<HostInGroup>()->group; });
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope&, const RowVisitor& visit) const override {
        core.for_each_hostgroup([&](const HostGroup& group) {
            for (const Host* host : group.members) {
                HostInGroup row{host, &group};
                if (!visit(Row{&row})) {
                    return false;
                }
            }
            return true;
        });
    }
    bool visible(Row row, const Contact& user, const Core& core) const override {
        return may_see_host(row.as<HostInGroup>()->host, user, core);
    }
};

class ServicesByGroupTable final : public Table {
public:
    ServicesByGroupTable() : Table("servicesbygroup") {
        std::vector<ColumnPtr> columns;
        declare_service_columns(columns, "", [](Row r) { return r.as<ServiceInGroup>()->service; });
        declare_host_columns(columns, "host_",
                             [](Row r) { return r.as<ServiceInGroup>()->service->host; });
        declare_servicegroup_columns(columns, "servicegroup_",
                                     [](Row r) { return r.as<ServiceInGroup>()->group; });
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope&, const RowVisitor& visit) const override {
        core.for_each_servicegroup([&](const ServiceGroup& group) {
            for (const Service* service : group.members) {
                ServiceInGroup row{service, &group};
                if (!visit(Row{&row})) {
                    return false;
                }
            }
            return true;
        });
    }
    bool visible(Row row, const Contact& user, const Core& core) const override {
        return may_see_service(row.as<ServiceInGroup>()->service, user, core);
    }
};

class ServicesByHostGroupTable final : public Table {
public:
    ServicesByHostGroupTable() : Table("servicesbyhostgroup") {
        std::vector<ColumnPtr> columns;
        declare_service_columns(columns, "",
                                [](Row r) { return r.as<ServiceInHostGroup>()->service; });
        declare_host_columns(columns, "host_",
                             [](Row r) { return r.as<ServiceInHostGroup>()->service->host; });
        declare_hostgroup_columns(columns, "hostgroup_",
                                  [](Row r) { return r.as<ServiceInHostGroup>()->group; });
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope&, const RowVisitor& visit) const override {
        core.for_each_hostgroup([&](const HostGroup& group) {
            for (const Host* host : group.members) {
                for (const Service* service : host->services) {
                    ServiceInHostGroup row{service, &group};
                    if (!visit(Row{&row})) {
                        return false;
                    }
                }
            }
            return true;
        });
    }
    bool visible(Row row, const Contact& user, const Core& core) const override {
        return may_see_service(row.as<ServiceInHostGroup>()->service, user, core);
    }
};

}  // namespace

std::unique_ptr<Table> make_hostsbygroup_table() {
    return std::make_unique<HostsByGroupTable>();
}
std::unique_ptr<Table> make_servicesbygroup_table() {
    return std::make_unique<ServicesByGroupTable>();
}
std::unique_ptr<Table> make_servicesbyhostgroup_table() {
    return std::make_unique<ServicesByHostGroupTable>();
}

}  // namespace yagura::modules::livestatus
