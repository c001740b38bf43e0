#pragma once

// The words accepted by enumeration and option-letter fields. Private to the model library.

#include <array>

#include <yagura/model/field.hpp>

namespace yagura::model::detail {

template <std::size_t N>
struct ChoiceTable {
    std::array<Choice, N> items;
    Choices choices{items};
};

template <class... C>
constexpr auto choice_table(C... c) {
    return ChoiceTable<sizeof...(C)>{{c...}};
}

constexpr Choice c(std::string_view word, unsigned value) {
    return Choice{word, static_cast<std::uint8_t>(value)};
}

// Enumerations: the first word of a value is the one written back.
inline constexpr auto kHostStateTable =
    choice_table(c("UP", 0), c("DOWN", 1), c("UNREACHABLE", 2), c("PENDING", 4));
inline constexpr auto kServiceStateTable =
    choice_table(c("OK", 0), c("WARNING", 1), c("CRITICAL", 2), c("UNKNOWN", 3), c("PENDING", 4));
inline constexpr auto kHostInitialStateTable =
    choice_table(c("o", 0), c("up", 0), c("d", 1), c("down", 1), c("u", 2), c("unreachable", 2));
inline constexpr auto kServiceInitialStateTable =
    choice_table(c("o", 0), c("ok", 0), c("w", 1), c("warning", 1), c("c", 2), c("critical", 2),
                 c("u", 3), c("unknown", 3));
inline constexpr auto kStateTypeTable = choice_table(c("SOFT", 0), c("HARD", 1));
inline constexpr auto kCheckTypeTable = choice_table(c("ACTIVE", 0), c("PASSIVE", 1));
inline constexpr auto kDateFormatTable =
    choice_table(c("us", 0), c("euro", 1), c("iso8601", 2), c("strict-iso8601", 3));

// Option letters: each word stands for a letter; "a" or "all" means every letter but n.
inline constexpr auto kHostNotificationLetters =
    choice_table(c("d", 'd'), c("down", 'd'), c("u", 'u'), c("unreachable", 'u'), c("r", 'r'),
                 c("recovery", 'r'), c("f", 'f'), c("flapping", 'f'), c("s", 's'),
                 c("downtime", 's'), c("n", 'n'), c("none", 'n'));
inline constexpr auto kServiceNotificationLetters =
    choice_table(c("w", 'w'), c("warning", 'w'), c("u", 'u'), c("unknown", 'u'), c("c", 'c'),
                 c("critical", 'c'), c("r", 'r'), c("recovery", 'r'), c("f", 'f'),
                 c("flapping", 'f'), c("s", 's'), c("downtime", 's'), c("n", 'n'), c("none", 'n'));
inline constexpr auto kHostStateLetters =
    choice_table(c("o", 'o'), c("up", 'o'), c("d", 'd'), c("down", 'd'), c("u", 'u'),
                 c("unreachable", 'u'), c("n", 'n'), c("none", 'n'));
inline constexpr auto kServiceStateLetters =
    choice_table(c("o", 'o'), c("ok", 'o'), c("w", 'w'), c("warning", 'w'), c("u", 'u'),
                 c("unknown", 'u'), c("c", 'c'), c("critical", 'c'), c("n", 'n'), c("none", 'n'));
inline constexpr auto kHostDependencyLetters = choice_table(
    c("o", 'o'), c("up", 'o'), c("d", 'd'), c("down", 'd'), c("u", 'u'), c("unreachable", 'u'),
    c("p", 'p'), c("pending", 'p'), c("n", 'n'), c("none", 'n'));
inline constexpr auto kServiceDependencyLetters = choice_table(
    c("o", 'o'), c("ok", 'o'), c("w", 'w'), c("warning", 'w'), c("u", 'u'), c("unknown", 'u'),
    c("c", 'c'), c("critical", 'c'), c("p", 'p'), c("pending", 'p'), c("n", 'n'), c("none", 'n'));
inline constexpr auto kEscalationLetters = choice_table(
    c("d", 'd'), c("down", 'd'), c("u", 'u'), c("unreachable", 'u'), c("unknown", 'u'), c("r", 'r'),
    c("recovery", 'r'), c("w", 'w'), c("warning", 'w'), c("c", 'c'), c("critical", 'c'));

}  // namespace yagura::model::detail
