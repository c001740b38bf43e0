#pragma once

// A Livestatus table: its columns (declared once, in the table's source file) and how to walk
// its rows in a core.

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <yagura/modules/livestatus/column.hpp>
#include <yagura/modules/livestatus/core.hpp>

#include "filter.hpp"

namespace yagura::modules::livestatus {

// Limits a walk where a table can use them: the log table reads only the time range asked,
// and the hosts and services tables look rows up by name when a filter requires one.
struct RowScope {
    double since = -std::numeric_limits<double>::infinity();
    double until = std::numeric_limits<double>::infinity();
    const std::vector<FilterPtr>* filters = nullptr;  // the query's top-level filters

    std::optional<std::string> required_value(std::string_view column) const;
};

using RowVisitor = std::function<bool(Row)>;

class Table {
public:
    explicit Table(std::string name) : name_(std::move(name)) {}
    virtual ~Table() = default;
    Table(const Table&) = delete;
    Table& operator=(const Table&) = delete;

    const std::string& name() const { return name_; }
    const std::vector<ColumnPtr>& columns() const { return columns_; }
    const Column* column(std::string_view name) const;

    // Visits every row in the table's order until visit returns false.
    virtual void for_each_row(const Core& core, const RowScope& scope,
                              const RowVisitor& visit) const = 0;
    // AuthUser: may this contact see the row? Tables of configuration are open to everyone.
    virtual bool visible(Row, const Contact&, const Core&) const { return true; }
    // WaitObject: calls visit with the row named by spec ("host", "host;service", "group");
    // returns false when the table has no such object.
    virtual bool with_object(const Core&, std::string_view, const RowVisitor&) const {
        return false;
    }

protected:
    // Takes the columns a table declared; later names do not shadow earlier ones.
    void adopt(std::vector<ColumnPtr> columns);

private:
    std::string name_;
    std::vector<ColumnPtr> columns_;
    std::unordered_map<std::string_view, const Column*> by_name_;
};

}  // namespace yagura::modules::livestatus
