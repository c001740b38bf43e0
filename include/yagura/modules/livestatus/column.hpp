#pragma once

// Columns: typed, named and described once. A table's rows are opaque to everything but the
// column that reads them, so filters, aggregators and renderers work on any table.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <yagura/modules/livestatus/objects.hpp>

namespace yagura::modules::livestatus {

enum class ColumnType { integer, floating, string, list, dict, time };
std::string_view to_string(ColumnType type);

// One row of a table: a pointer to the table's row record, typed by the table.
struct Row {
    const void* data = nullptr;
    template <class T>
    const T* as() const {
        return static_cast<const T*>(data);
    }
};

// An element of a list column: a name, a number, or a tuple such as [description, state].
struct Value {
    std::variant<std::int64_t, double, std::string, std::vector<Value>> data;
};
using ValueList = std::vector<Value>;

// The text a list element is compared as in filters (a tuple compares as its first element).
std::string element_text(const Value& value);

class Column {
public:
    Column(std::string name, std::string description, ColumnType type)
        : name_(std::move(name)), description_(std::move(description)), type_(type) {}
    virtual ~Column() = default;
    Column(const Column&) = delete;
    Column& operator=(const Column&) = delete;

    const std::string& name() const { return name_; }
    const std::string& description() const { return description_; }
    ColumnType type() const { return type_; }

    // Each column answers the accessor of its type; the others give neutral values.
    virtual std::int64_t integer(Row) const { return 0; }
    virtual double floating(Row row) const { return static_cast<double>(integer(row)); }
    virtual std::string_view string(Row) const { return {}; }
    virtual void list(Row, ValueList&) const {}
    virtual const CustomVars& dict(Row) const;

private:
    std::string name_, description_;
    ColumnType type_;
};

using ColumnPtr = std::unique_ptr<Column>;

}  // namespace yagura::modules::livestatus
