#include "renderer.hpp"

#include <cmath>

#include <fmt/format.h>

namespace yagura::modules::livestatus {

void Renderer::value(const Value& value) {
    std::visit(
        [this](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::int64_t>) {
                integer(v);
            } else if constexpr (std::is_same_v<T, double>) {
                floating(v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                string(v);
            } else {
                list(v);
            }
        },
        value.data);
}

namespace {

void append_number(std::string& out, double value) {
    if (!std::isfinite(value)) {
        value = 0;  // JSON has no inf or nan
    }
    fmt::format_to(std::back_inserter(out), "{}", value);
}

class CsvRenderer final : public Renderer {
public:
    CsvRenderer(std::string& out, const Separators& separators)
        : Renderer(out), separators_(separators) {}

    void begin_answer() override {}
    void end_answer() override {}
    void begin_row() override {}
    void end_row() override { out_ += separators_.dataset; }
    void field_separator() override { out_ += separators_.field; }

    void integer(std::int64_t value) override {
        fmt::format_to(std::back_inserter(out_), "{}", value);
    }
    void floating(double value) override { append_number(out_, value); }
    void string(std::string_view value) override { out_ += value; }
    void list(const ValueList& values) override {
        bool first = true;
        for (const auto& item : values) {
            if (!first) {
                out_ += separators_.list;
            }
            first = false;
            tuple_or_value(item);
        }
    }
    void dict(const CustomVars& vars) override {
        bool first = true;
        for (const auto& [name, value] : vars) {
            if (!first) {
                out_ += separators_.list;
            }
            first = false;
            out_ += name;
            out_ += separators_.host_service;
            out_ += value;
        }
    }

private:
    // Elements of a tuple (e.g. [description, state]) are joined with the host/service separator.
    void tuple_or_value(const Value& item) {
        const auto* tuple = std::get_if<ValueList>(&item.data);
        if (tuple == nullptr) {
            value(item);
            return;
        }
        bool first = true;
        for (const auto& part : *tuple) {
            if (!first) {
                out_ += separators_.host_service;
            }
            first = false;
            value(part);
        }
    }

    const Separators& separators_;
};

class JsonRenderer final : public Renderer {
public:
    using Renderer::Renderer;

    void begin_answer() override { out_ += '['; }
    void end_answer() override { out_ += "]\n"; }
    void begin_row() override {
        if (rows_++ > 0) {
            out_ += ",\n";
        }
        out_ += '[';
    }
    void end_row() override { out_ += ']'; }
    void field_separator() override { out_ += ','; }

    void integer(std::int64_t value) override {
        fmt::format_to(std::back_inserter(out_), "{}", value);
    }
    void floating(double value) override { append_number(out_, value); }
    void string(std::string_view value) override {
        out_ += '"';
        for (char c : value) {
            escape(c);
        }
        out_ += '"';
    }
    void list(const ValueList& values) override {
        out_ += '[';
        bool first = true;
        for (const auto& item : values) {
            if (!first) {
                out_ += ',';
            }
            first = false;
            value(item);
        }
        out_ += ']';
    }
    void dict(const CustomVars& vars) override {
        out_ += '{';
        bool first = true;
        for (const auto& [name, value] : vars) {
            if (!first) {
                out_ += ',';
            }
            first = false;
            string(name);
            out_ += ':';
            string(value);
        }
        out_ += '}';
    }

private:
    void escape(char c) {
        switch (c) {
            case '"':
                out_ += "\\\"";
                return;
            case '\\':
                out_ += "\\\\";
                return;
            case '\n':
                out_ += "\\n";
                return;
            case '\r':
                out_ += "\\r";
                return;
            case '\t':
                out_ += "\\t";
                return;
            default:
                break;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            fmt::format_to(std::back_inserter(out_), "\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out_ += c;
        }
    }

    std::size_t rows_ = 0;
};

}  // namespace

std::unique_ptr<Renderer> make_renderer(const Query& query, std::string& out) {
    if (query.format == OutputFormat::csv) {
        return std::make_unique<CsvRenderer>(out, query.separators);
    }
    return std::make_unique<JsonRenderer>(out);
}

void render_cell(Renderer& renderer, const Column& column, Row row, int tz_offset) {
    switch (column.type()) {
        case ColumnType::integer:
            renderer.integer(column.integer(row));
            return;
        case ColumnType::time: {
            auto t = column.integer(row);
            renderer.integer(t == 0 ? 0 : t + tz_offset);
            return;
        }
        case ColumnType::floating:
            renderer.floating(column.floating(row));
            return;
        case ColumnType::string:
            renderer.string(column.string(row));
            return;
        case ColumnType::list: {
            ValueList items;
            column.list(row, items);
            renderer.list(items);
            return;
        }
        case ColumnType::dict:
            renderer.dict(column.dict(row));
            return;
    }
}

Value cell_value(const Column& column, Row row, int tz_offset) {
    switch (column.type()) {
        case ColumnType::integer:
            return Value{column.integer(row)};
        case ColumnType::time: {
            auto t = column.integer(row);
            return Value{t == 0 ? t : t + tz_offset};
        }
        case ColumnType::floating:
            return Value{column.floating(row)};
        case ColumnType::string:
            return Value{std::string(column.string(row))};
        case ColumnType::list: {
            ValueList items;
            column.list(row, items);
            return Value{std::move(items)};
        }
        case ColumnType::dict: {
            ValueList pairs;
            for (const auto& [name, value] : column.dict(row)) {
                pairs.push_back(Value{ValueList{Value{name}, Value{value}}});
            }
            return Value{std::move(pairs)};
        }
    }
    return Value{std::int64_t{0}};
}

}  // namespace yagura::modules::livestatus
