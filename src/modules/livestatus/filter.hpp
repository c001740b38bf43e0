#pragma once

// Filters: one small class per column type (string, int/time, float, list, dict) plus the
// logical ones (and, or, not). Built from `Filter:`, `Stats:` and `WaitCondition:` headers.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/modules/livestatus/column.hpp>

namespace yagura::modules::livestatus {

// The six base relations; `!` negates, `>=` is "not <" and `<=` is "not >" (as in
// mk-livestatus), which also gives list columns their meaning: `<` "does not contain",
// `>=` "contains", `>` "does not contain (any case)", `<=` "contains (any case)".
enum class Relation { equal, regex, equal_icase, regex_icase, less, greater };

struct Operator {
    Relation relation = Relation::equal;
    bool negate = false;
};

std::optional<Operator> parse_operator(std::string_view text);

class Filter {
public:
    virtual ~Filter() = default;
    virtual bool accepts(Row row) const = 0;
    // Narrows [since, until] from conditions this filter imposes on a time column, so that the
    // log table reads only the range asked. Only conjunctions narrow.
    virtual void narrow_time(std::string_view, double&, double&) const {}
    // The value this filter requires the column to equal exactly ("host_name = web1"), so a
    // table can look the rows up by name instead of scanning. Only conjunctions tell.
    virtual std::optional<std::string> required_value(std::string_view) const {
        return std::nullopt;
    }
};

using FilterPtr = std::unique_ptr<Filter>;

FilterPtr make_and(std::vector<FilterPtr> parts);
FilterPtr make_or(std::vector<FilterPtr> parts);
FilterPtr make_not(FilterPtr inner);

// `column op value`. tz_offset (Localtime) is subtracted from time references. Throws
// QueryError(400) for a value or operator the column cannot take.
FilterPtr make_column_filter(const Column& column, Operator op, std::string_view value,
                             int tz_offset);

// Per-type builders, one source file each.
FilterPtr make_string_filter(const Column& column, Operator op, std::string_view value);
FilterPtr make_int_filter(const Column& column, Operator op, std::string_view value, int tz_offset);
FilterPtr make_float_filter(const Column& column, Operator op, std::string_view value);
FilterPtr make_list_filter(const Column& column, Operator op, std::string_view value);
FilterPtr make_dict_filter(const Column& column, Operator op, std::string_view value);

}  // namespace yagura::modules::livestatus
