#pragma once

// Declares typed columns over one kind of object, for any table whose rows lead to that
// object. The hosts table declares the host columns with the identity projection; the services
// table declares the same ones again with the prefix "host_" and a projection to the service's
// host. Every column is written once, with its name, type and description.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "table.hpp"

namespace yagura::modules::livestatus {

template <class Object>
using Projection = std::function<const Object*(Row)>;

template <class Object>
Projection<Object> identity() {
    return [](Row row) { return row.as<Object>(); };
}

namespace detail {

template <class Object, class Getter>
class TypedColumn final : public Column {
public:
    TypedColumn(std::string name, std::string description, ColumnType type,
                Projection<Object> project, Getter get)
        : Column(std::move(name), std::move(description), type),
          project_(std::move(project)),
          get_(std::move(get)) {}

    std::int64_t integer(Row row) const override {
        if constexpr (std::is_invocable_r_v<std::int64_t, Getter, const Object&>) {
            const Object* object = project_(row);
            return object != nullptr ? static_cast<std::int64_t>(get_(*object)) : 0;
        }
        return 0;
    }
    double floating(Row row) const override {
        if constexpr (std::is_invocable_r_v<double, Getter, const Object&>) {
            const Object* object = project_(row);
            return object != nullptr ? static_cast<double>(get_(*object)) : 0.0;
        }
        return 0.0;
    }
    std::string_view string(Row row) const override {
        if constexpr (std::is_invocable_r_v<std::string_view, Getter, const Object&>) {
            const Object* object = project_(row);
            return object != nullptr ? std::string_view(get_(*object)) : std::string_view();
        }
        return {};
    }
    void list(Row row, ValueList& out) const override {
        if constexpr (std::is_invocable_v<Getter, const Object&, ValueList&>) {
            if (const Object* object = project_(row)) {
                get_(*object, out);
            }
        }
    }
    const CustomVars& dict(Row row) const override {
        if constexpr (std::is_invocable_r_v<const CustomVars&, Getter, const Object&>) {
            if (const Object* object = project_(row)) {
                return get_(*object);
            }
        }
        return Column::dict(row);
    }

private:
    Projection<Object> project_;
    Getter get_;
};

}  // namespace detail

template <class Object>
class ColumnDeclarer {
public:
    using IntGetter = std::function<std::int64_t(const Object&)>;
    using FloatGetter = std::function<double(const Object&)>;
    using StringGetter = std::function<std::string_view(const Object&)>;
    using ListGetter = std::function<void(const Object&, ValueList&)>;
    using DictGetter = std::function<const CustomVars&(const Object&)>;

    ColumnDeclarer(std::vector<ColumnPtr>& out, std::string prefix, Projection<Object> project)
        : out_(out), prefix_(std::move(prefix)), project_(std::move(project)) {}

    void integer(const char* name, const char* description, IntGetter get) {
        add(name, description, ColumnType::integer, std::move(get));
    }
    void time(const char* name, const char* description, IntGetter get) {
        add(name, description, ColumnType::time, std::move(get));
    }
    void floating(const char* name, const char* description, FloatGetter get) {
        add(name, description, ColumnType::floating, std::move(get));
    }
    void string(const char* name, const char* description, StringGetter get) {
        add(name, description, ColumnType::string, std::move(get));
    }
    void list(const char* name, const char* description, ListGetter get) {
        add(name, description, ColumnType::list, std::move(get));
    }
    void dict(const char* name, const char* description, DictGetter get) {
        add(name, description, ColumnType::dict, std::move(get));
    }

    const std::string& prefix() const { return prefix_; }

private:
    template <class Getter>
    void add(const char* name, const char* description, ColumnType type, Getter get) {
        out_.push_back(std::make_unique<detail::TypedColumn<Object, Getter>>(
            prefix_ + name, description, type, project_, std::move(get)));
    }

    std::vector<ColumnPtr>& out_;
    std::string prefix_;
    Projection<Object> project_;
};

// Helpers for list columns of names.
void append_strings(const std::vector<std::string>& names, ValueList& out);

}  // namespace yagura::modules::livestatus
