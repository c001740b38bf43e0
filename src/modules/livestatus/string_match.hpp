#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "filter.hpp"
#include "regex.hpp"

namespace yagura::modules::livestatus {

// One string comparison of a filter: exact, case-insensitive, regex (any case or not), or
// lexicographic order, possibly negated. The regex is compiled once.
class StringMatch {
public:
    StringMatch(Operator op, std::string_view reference);
    ~StringMatch();
    StringMatch(StringMatch&&) noexcept;
    bool matches(std::string_view actual) const;
    // The reference when this is a plain, not negated, equality.
    std::optional<std::string> exact_value() const;

private:
    Operator op_;
    std::string reference_;
    std::optional<Regex> regex_;
};

}  // namespace yagura::modules::livestatus
