// And, Or, Not, and the dispatch from a column's type to its filter.
#include <algorithm>

#include "filter.hpp"
#include "query_error.hpp"

namespace yagura::modules::livestatus {

namespace {

class AndFilter final : public Filter {
public:
    explicit AndFilter(std::vector<FilterPtr> parts) : parts_(std::move(parts)) {}
    bool accepts(Row row) const override {
        return std::all_of(parts_.begin(), parts_.end(),
                           [row](auto& f) { return f->accepts(row); });
    }
    void narrow_time(std::string_view column, double& since, double& until) const override {
        for (const auto& part : parts_) {
            part->narrow_time(column, since, until);
        }
    }
    std::optional<std::string> required_value(std::string_view column) const override {
        for (const auto& part : parts_) {
            if (auto value = part->required_value(column)) {
                return value;
            }
        }
        return std::nullopt;
    }

private:
    std::vector<FilterPtr> parts_;
};

class OrFilter final : public Filter {
public:
    explicit OrFilter(std::vector<FilterPtr> parts) : parts_(std::move(parts)) {}
    bool accepts(Row row) const override {
        return std::any_of(parts_.begin(), parts_.end(),
                           [row](auto& f) { return f->accepts(row); });
    }

private:
    std::vector<FilterPtr> parts_;
};

class NotFilter final : public Filter {
public:
    explicit NotFilter(FilterPtr inner) : inner_(std::move(inner)) {}
    bool accepts(Row row) const override { return !inner_->accepts(row); }

private:
    FilterPtr inner_;
};

}  // namespace

FilterPtr make_and(std::vector<FilterPtr> parts) {
    return std::make_unique<AndFilter>(std::move(parts));
}

FilterPtr make_or(std::vector<FilterPtr> parts) {
    return std::make_unique<OrFilter>(std::move(parts));
}

FilterPtr make_not(FilterPtr inner) {
    return std::make_unique<NotFilter>(std::move(inner));
}

std::optional<Operator> parse_operator(std::string_view text) {
    Operator op;
    if (!text.empty() && text.front() == '!') {
        op.negate = true;
        text.remove_prefix(1);
    }
    if (text == "=") {
        op.relation = Relation::equal;
    } else if (text == "~") {
        op.relation = Relation::regex;
    } else if (text == "=~") {
        op.relation = Relation::equal_icase;
    } else if (text == "~~") {
        op.relation = Relation::regex_icase;
    } else if (text == "<") {
        op.relation = Relation::less;
    } else if (text == ">") {
        op.relation = Relation::greater;
    } else if (text == ">=" && !op.negate) {
        op = {Relation::less, true};
    } else if (text == "<=" && !op.negate) {
        op = {Relation::greater, true};
    } else {
        return std::nullopt;
    }
    return op;
}

FilterPtr make_column_filter(const Column& column, Operator op, std::string_view value,
                             int tz_offset) {
    switch (column.type()) {
        case ColumnType::string:
            return make_string_filter(column, op, value);
        case ColumnType::integer:
        case ColumnType::time:
            return make_int_filter(column, op, value, tz_offset);
        case ColumnType::floating:
            return make_float_filter(column, op, value);
        case ColumnType::list:
            return make_list_filter(column, op, value);
        case ColumnType::dict:
            return make_dict_filter(column, op, value);
    }
    throw QueryError{Status::bad_request, "column '" + column.name() + "' cannot be filtered"};
}

}  // namespace yagura::modules::livestatus
