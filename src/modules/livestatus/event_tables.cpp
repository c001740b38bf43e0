// Comments, downtimes and the log: rows that name a host (and maybe a service), joined with
// that object's current columns.
#include "auth.hpp"
#include "columns.hpp"
#include "tables.hpp"

namespace yagura::modules::livestatus {

namespace {

// A record and the objects it names, looked up in the core when the row is visited.
template <class Record>
struct Joined {
    const Record* record;
    const Host* host;
    const Service* service;
};

template <class Record>
Joined<Record> join(const Core& core, const Record& record) {
    const Host* host = core.find_host(record.host_name);
    const Service* service = record.service_description.empty()
                                 ? nullptr
                                 : core.find_service(record.host_name, record.service_description);
    return {&record, host, service};
}

template <class Record>
bool may_see(const Joined<Record>& row, const Contact& user, const Core& core) {
    if (row.service != nullptr) {
        return may_see_service(row.service, user, core);
    }
    return may_see_host(row.host, user, core);
}

template <class Record>
void declare_joined_objects(std::vector<ColumnPtr>& columns, const std::string& host_prefix,
                            const std::string& service_prefix) {
    declare_host_columns(columns, host_prefix, [](Row r) { return r.as<Joined<Record>>()->host; });
    declare_service_columns(columns, service_prefix,
                            [](Row r) { return r.as<Joined<Record>>()->service; });
}

template <class Record>
class EventTable final : public Table {
public:
    using Walk = void (Core::*)(const Visitor<Record>&) const;
    using Declare = void (*)(std::vector<ColumnPtr>&, Projection<Record>);
    EventTable(std::string name, Walk walk, Declare declare) : Table(std::move(name)), walk_(walk) {
        std::vector<ColumnPtr> columns;
        declare(columns, [](Row r) { return r.as<Joined<Record>>()->record; });
        declare_joined_objects<Record>(columns, "host_", "service_");
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope&, const RowVisitor& visit) const override {
        (core.*walk_)([&](const Record& record) {
            auto row = join(core, record);
            return visit(Row{&row});
        });
    }
    bool visible(Row row, const Contact& user, const Core& core) const override {
        return may_see(*row.as<Joined<Record>>(), user, core);
    }

private:
    Walk walk_;
};

class LogTable final : public Table {
public:
    LogTable() : Table("log") {
        std::vector<ColumnPtr> columns;
        declare_log_columns(columns, [](Row r) { return r.as<Joined<LogEntry>>()->record; });
        declare_joined_objects<LogEntry>(columns, "current_host_", "current_service_");
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope& scope,
                      const RowVisitor& visit) const override {
        core.for_each_log(scope.since, scope.until, [&](const LogEntry& entry) {
            auto row = join(core, entry);
            return visit(Row{&row});
        });
    }
    // Entries about no host (program events) are for everyone; the rest follow the object.
    bool visible(Row row, const Contact& user, const Core& core) const override {
        const auto& joined = *row.as<Joined<LogEntry>>();
        if (joined.record->host_name.empty()) {
            return true;
        }
        return may_see(joined, user, core);
    }
};

}  // namespace

std::unique_ptr<Table> make_comments_table() {
    return std::make_unique<EventTable<Comment>>("comments", &Core::for_each_comment,
                                                 &declare_comment_columns);
}

std::unique_ptr<Table> make_downtimes_table() {
    return std::make_unique<EventTable<Downtime>>("downtimes", &Core::for_each_downtime,
                                                  &declare_downtime_columns);
}

std::unique_ptr<Table> make_log_table() {
    return std::make_unique<LogTable>();
}

}  // namespace yagura::modules::livestatus
