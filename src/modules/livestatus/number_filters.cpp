// Filters on int, time and float columns.
#include <cmath>
#include <optional>
#include <string>

#include <yagura/core/strings.hpp>

#include "filter.hpp"
#include "query_error.hpp"

namespace yagura::modules::livestatus {

namespace {

double parse_number(const Column& column, std::string_view value) {
    auto text = core::trim(value);
    if (text.empty()) {
        return 0;  // mk-livestatus reads an empty reference as 0
    }
    auto number = core::parse_double(text);
    if (!number || !std::isfinite(*number)) {
        throw QueryError{Status::bad_request, "expected a number for column '" + column.name() +
                                                  "', got '" + std::string(value) + "'"};
    }
    return *number;
}

// The order relations every number column takes; nullopt for the others.
template <class Number>
std::optional<bool> ordered(Relation relation, Number actual, Number reference) {
    switch (relation) {
        case Relation::equal:
            return actual == reference;
        case Relation::less:
            return actual < reference;
        case Relation::greater:
            return actual > reference;
        default:
            return std::nullopt;
    }
}

// Ints also take the regex operators, read as bit sets (Checkmk's generalisation):
// `~` superset, `=~` subset, `~~` intersects.
class IntFilter final : public Filter {
public:
    IntFilter(const Column& column, Operator op, std::int64_t reference)
        : column_(column), op_(op), reference_(reference) {}

    bool accepts(Row row) const override {
        std::int64_t actual = column_.integer(row);
        bool pass = false;
        if (auto result = ordered(op_.relation, actual, reference_)) {
            return *result != op_.negate;
        }
        switch (op_.relation) {
            case Relation::regex:
                pass = (actual & reference_) == reference_;
                break;
            case Relation::equal_icase:
                pass = (actual & reference_) == actual;
                break;
            case Relation::regex_icase:
                pass = (actual & reference_) != 0;
                break;
            default:
                break;
        }
        return pass != op_.negate;
    }

    void narrow_time(std::string_view column, double& since, double& until) const override {
        if (column != column_.name()) {
            return;
        }
        auto ref = static_cast<double>(reference_);
        bool at_least = (op_.relation == Relation::less && op_.negate) ||
                        (op_.relation == Relation::greater && !op_.negate);
        bool at_most = (op_.relation == Relation::greater && op_.negate) ||
                       (op_.relation == Relation::less && !op_.negate);
        bool exactly = op_.relation == Relation::equal && !op_.negate;
        if (at_least || exactly) {
            since = std::max(since, ref);
        }
        if (at_most || exactly) {
            until = std::min(until, ref);
        }
    }

private:
    const Column& column_;
    Operator op_;
    std::int64_t reference_;
};

class FloatFilter final : public Filter {
public:
    FloatFilter(const Column& column, Operator op, double reference)
        : column_(column), op_(op), reference_(reference) {}

    bool accepts(Row row) const override {
        // The other relations are rejected when the filter is built.
        return ordered(op_.relation, column_.floating(row), reference_).value_or(false) !=
               op_.negate;
    }

private:
    const Column& column_;
    Operator op_;
    double reference_;
};

}  // namespace

FilterPtr make_int_filter(const Column& column, Operator op, std::string_view value,
                          int tz_offset) {
    double reference = parse_number(column, value);
    if (column.type() == ColumnType::time) {
        reference -= tz_offset;  // the client speaks its local time
    }
    if (reference > 9.2e18 || reference < -9.2e18) {
        throw QueryError{Status::bad_request,
                         "number out of range for column '" + column.name() + "'"};
    }
    return std::make_unique<IntFilter>(column, op, static_cast<std::int64_t>(reference));
}

FilterPtr make_float_filter(const Column& column, Operator op, std::string_view value) {
    if (op.relation != Relation::equal && op.relation != Relation::less &&
        op.relation != Relation::greater) {
        throw QueryError{Status::bad_request,
                         "regular expression operators are not defined on "
                         "float column '" +
                             column.name() + "'"};
    }
    return std::make_unique<FloatFilter>(column, op, parse_number(column, value));
}

}  // namespace yagura::modules::livestatus
