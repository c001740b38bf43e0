#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace yagura::model {

// A string interned in a StringPool (string_pool.hpp): 32 bits instead of a std::string, so a
// million services naming the same host, template value or command line share one copy.
// Symbol{} (id 0) is the empty string in every pool. A symbol means nothing without the pool
// that made it: compare symbols of one pool by id, across pools by their text.
struct Symbol {
    std::uint32_t id = 0;

    constexpr bool empty() const { return id == 0; }
    friend constexpr auto operator<=>(Symbol, Symbol) = default;
};

// An interned, immutable sequence of 32-bit values in a StringPool: symbols (SymbolList) or
// object indices (IndexList). ListId{} is the empty list in every pool.
struct ListId {
    std::uint32_t id = 0;

    constexpr bool empty() const { return id == 0; }
    friend constexpr auto operator<=>(ListId, ListId) = default;
};

// Position of an object in its model::Config table (config.hpp). Resolved references are
// indices, so the engine walks the model without hashing names.
using Index = std::uint32_t;
inline constexpr Index kNoIndex = std::numeric_limits<Index>::max();

}  // namespace yagura::model
