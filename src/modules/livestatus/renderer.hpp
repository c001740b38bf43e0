#pragma once

// Output formats: CSV with the query's separators, and JSON (which Python's literal syntax
// also reads, so "python" and "python3" share it). One renderer writes a whole answer.

#include <memory>
#include <string>

#include <yagura/modules/livestatus/column.hpp>

#include "query.hpp"

namespace yagura::modules::livestatus {

class Renderer {
public:
    explicit Renderer(std::string& out) : out_(out) {}
    virtual ~Renderer() = default;

    virtual void begin_answer() = 0;
    virtual void end_answer() = 0;
    virtual void begin_row() = 0;
    virtual void end_row() = 0;
    virtual void field_separator() = 0;

    virtual void integer(std::int64_t value) = 0;
    virtual void floating(double value) = 0;
    virtual void string(std::string_view value) = 0;
    virtual void list(const ValueList& values) = 0;
    virtual void dict(const CustomVars& vars) = 0;
    void value(const Value& value);

protected:
    std::string& out_;
};

std::unique_ptr<Renderer> make_renderer(const Query& query, std::string& out);

// Writes one cell: the column's value in the row, times shifted by the Localtime offset.
void render_cell(Renderer& renderer, const Column& column, Row row, int tz_offset);
// The same cell as a Value, for keys of StatsGroupBy rows.
Value cell_value(const Column& column, Row row, int tz_offset);

}  // namespace yagura::modules::livestatus
