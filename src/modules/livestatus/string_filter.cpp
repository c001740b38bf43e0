// Filters on string columns; the dict filter reuses the comparison for a variable's value.
#include <optional>
#include <string>

#include <yagura/core/strings.hpp>

#include "filter.hpp"
#include "regex.hpp"
#include "string_match.hpp"

namespace yagura::modules::livestatus {

StringMatch::StringMatch(Operator op, std::string_view reference) : op_(op), reference_(reference) {
    if (op.relation == Relation::regex || op.relation == Relation::regex_icase) {
        regex_.emplace(reference, op.relation == Relation::regex_icase);
    }
}

StringMatch::~StringMatch() = default;
StringMatch::StringMatch(StringMatch&&) noexcept = default;

bool StringMatch::matches(std::string_view actual) const {
    bool pass = false;
    switch (op_.relation) {
        case Relation::equal:
            pass = actual == reference_;
            break;
        case Relation::equal_icase:
            pass = core::iequals(actual, reference_);
            break;
        case Relation::regex:
        case Relation::regex_icase:
            pass = regex_->search(actual);
            break;
        case Relation::less:
            pass = actual < std::string_view(reference_);
            break;
        case Relation::greater:
            pass = actual > std::string_view(reference_);
            break;
    }
    return pass != op_.negate;
}

std::optional<std::string> StringMatch::exact_value() const {
    if (op_.relation == Relation::equal && !op_.negate) {
        return reference_;
    }
    return std::nullopt;
}

namespace {

class StringFilter final : public Filter {
public:
    StringFilter(const Column& column, Operator op, std::string_view value)
        : column_(column), match_(op, value) {}
    bool accepts(Row row) const override { return match_.matches(column_.string(row)); }
    std::optional<std::string> required_value(std::string_view column) const override {
        return column == column_.name() ? match_.exact_value() : std::nullopt;
    }

private:
    const Column& column_;
    StringMatch match_;
};

}  // namespace

FilterPtr make_string_filter(const Column& column, Operator op, std::string_view value) {
    return std::make_unique<StringFilter>(column, op, value);
}

}  // namespace yagura::modules::livestatus
