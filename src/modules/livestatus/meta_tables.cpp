// The status table (one row about the core) and the columns table (one row per column of
// every table, the self-description `GET columns` returns).
#include "columns.hpp"
#include "tables.hpp"

namespace yagura::modules::livestatus {

namespace {

struct StatusRow {
    ProgramStatus program;
    std::int64_t num_hosts = 0;
    std::int64_t num_services = 0;
};

class StatusTable final : public Table {
public:
    StatusTable() : Table("status") {
        std::vector<ColumnPtr> columns;
        declare_status_columns(columns, [](Row r) { return &r.as<StatusRow>()->program; });
        ColumnDeclarer<StatusRow> d(columns, "", identity<StatusRow>());
        d.integer("num_hosts", "Number of hosts", [](const StatusRow& s) { return s.num_hosts; });
        d.integer("num_services", "Number of services",
                  [](const StatusRow& s) { return s.num_services; });
        adopt(std::move(columns));
    }
    void for_each_row(const Core& core, const RowScope&, const RowVisitor& visit) const override {
        StatusRow row{core.program_status(), static_cast<std::int64_t>(core.host_count()),
                      static_cast<std::int64_t>(core.service_count())};
        visit(Row{&row});
    }
    bool with_object(const Core& core, std::string_view, const RowVisitor& visit) const override {
        for_each_row(core, {}, visit);
        return true;
    }
};

struct ColumnRow {
    const Table* table;
    const Column* column;
};

class ColumnsTable final : public Table {
public:
    explicit ColumnsTable(const Tables& tables) : Table("columns"), tables_(tables) {
        std::vector<ColumnPtr> columns;
        ColumnDeclarer<ColumnRow> d(columns, "", identity<ColumnRow>());
        d.string("table", "Table the column belongs to",
                 [](const ColumnRow& r) -> std::string_view { return r.table->name(); });
        d.string("name", "Column name",
                 [](const ColumnRow& r) -> std::string_view { return r.column->name(); });
        d.string("description", "What the column holds",
                 [](const ColumnRow& r) -> std::string_view { return r.column->description(); });
        d.string("type", "int, float, string, list, dict or time",
                 [](const ColumnRow& r) { return to_string(r.column->type()); });
        adopt(std::move(columns));
    }
    void for_each_row(const Core&, const RowScope&, const RowVisitor& visit) const override {
        for (const auto& table : tables_.all()) {
            for (const auto& column : table->columns()) {
                ColumnRow row{table.get(), column.get()};
                if (!visit(Row{&row})) {
                    return;
                }
            }
        }
    }

private:
    const Tables& tables_;
};

}  // namespace

std::unique_ptr<Table> make_status_table() {
    return std::make_unique<StatusTable>();
}
std::unique_ptr<Table> make_columns_table(const Tables& tables) {
    return std::make_unique<ColumnsTable>(tables);
}

}  // namespace yagura::modules::livestatus
