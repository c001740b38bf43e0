// Filters on list columns (membership, emptiness, regex over elements) and dict columns
// (custom variables: "Filter: custom_variables = NAME value").
#include <algorithm>
#include <string>

#include <yagura/core/strings.hpp>

#include "filter.hpp"
#include "query_error.hpp"
#include "string_match.hpp"

namespace yagura::modules::livestatus {

namespace {

class ListEmptyFilter final : public Filter {
public:
    ListEmptyFilter(const Column& column, bool want_empty)
        : column_(column), want_empty_(want_empty) {}
    bool accepts(Row row) const override {
        ValueList items;
        column_.list(row, items);
        return items.empty() == want_empty_;
    }

private:
    const Column& column_;
    bool want_empty_;
};

// "Some element satisfies the match", negated as a whole: `!~ x` means no element matches.
class ListAnyFilter final : public Filter {
public:
    ListAnyFilter(const Column& column, StringMatch match, bool negate)
        : column_(column), match_(std::move(match)), negate_(negate) {}
    bool accepts(Row row) const override {
        ValueList items;
        column_.list(row, items);
        bool any = std::any_of(items.begin(), items.end(), [this](const Value& item) {
            return match_.matches(element_text(item));
        });
        return any != negate_;
    }

private:
    const Column& column_;
    StringMatch match_;
    bool negate_;
};

class DictFilter final : public Filter {
public:
    DictFilter(const Column& column, std::string name, StringMatch match)
        : column_(column), name_(std::move(name)), match_(std::move(match)) {}
    bool accepts(Row row) const override {
        const auto& vars = column_.dict(row);
        auto it = std::find_if(vars.begin(), vars.end(),
                               [this](const auto& var) { return var.first == name_; });
        return match_.matches(it == vars.end() ? std::string_view() : std::string_view(it->second));
    }

private:
    const Column& column_;
    std::string name_;
    StringMatch match_;
};

}  // namespace

FilterPtr make_list_filter(const Column& column, Operator op, std::string_view value) {
    switch (op.relation) {
        case Relation::equal:
            if (!core::trim(value).empty()) {
                throw QueryError{Status::bad_request,
                                 "list column '" + column.name() +
                                     "' takes = and != only with an empty value (emptiness "
                                     "test); use >= to test membership"};
            }
            return std::make_unique<ListEmptyFilter>(column, !op.negate);
        case Relation::less:  // "does not contain"; negated it is ">=", "contains"
            return std::make_unique<ListAnyFilter>(column, StringMatch({Relation::equal}, value),
                                                   !op.negate);
        case Relation::greater:  // "does not contain, any case"; negated "<="
            return std::make_unique<ListAnyFilter>(
                column, StringMatch({Relation::equal_icase}, value), !op.negate);
        case Relation::regex:
        case Relation::regex_icase:
        case Relation::equal_icase:
            return std::make_unique<ListAnyFilter>(column, StringMatch({op.relation}, value),
                                                   op.negate);
    }
    throw QueryError{Status::bad_request, "operator not defined on list column " + column.name()};
}

FilterPtr make_dict_filter(const Column& column, Operator op, std::string_view value) {
    auto text = core::trim(value);
    auto cut = text.find_first_of(" \t");
    std::string name(text.substr(0, cut));
    std::string_view reference =
        cut == std::string_view::npos ? std::string_view() : core::trim(text.substr(cut));
    if (!name.empty() && name.front() == '_') {
        name.erase(0, 1);  // accept "_FOO" as Shinken users write it
    }
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    return std::make_unique<DictFilter>(column, std::move(name), StringMatch(op, reference));
}

}  // namespace yagura::modules::livestatus
