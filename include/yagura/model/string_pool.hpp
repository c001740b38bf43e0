#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <yagura/model/symbol.hpp>

namespace yagura::model {

// Iterates an interned list of symbols as Symbol values.
class SymbolRange {
public:
    class iterator {
    public:
        using value_type = Symbol;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(const std::uint32_t* p) : p_(p) {}
        Symbol operator*() const { return Symbol{*p_}; }
        iterator& operator++() {
            ++p_;
            return *this;
        }
        iterator operator++(int) {
            auto old = *this;
            ++p_;
            return old;
        }
        bool operator==(const iterator&) const = default;

    private:
        const std::uint32_t* p_ = nullptr;
    };

    SymbolRange() = default;
    explicit SymbolRange(std::span<const std::uint32_t> ids) : ids_(ids) {}
    iterator begin() const { return iterator(ids_.data()); }
    iterator end() const { return iterator(ids_.data() + ids_.size()); }
    std::size_t size() const { return ids_.size(); }
    bool empty() const { return ids_.empty(); }
    Symbol operator[](std::size_t i) const { return Symbol{ids_[i]}; }
    std::span<const std::uint32_t> ids() const { return ids_; }

private:
    std::span<const std::uint32_t> ids_;
};

// The interner of one model::Config: strings become 32-bit Symbols and sequences of 32-bit
// values (symbol lists, index lists, custom variable pairs) become 32-bit ListIds, each stored
// once. Views returned by str() and list() stay valid for the life of the pool (storage is
// never moved). Not thread safe: one pool belongs to one Config, used by one thread at a time.
// Nothing is ever removed; runtime strings that change (plugin output) are not interned.
class StringPool {
public:
    StringPool();
    ~StringPool();
    StringPool(StringPool&&) noexcept;
    StringPool& operator=(StringPool&&) noexcept;
    StringPool(const StringPool&) = delete;
    StringPool& operator=(const StringPool&) = delete;

    Symbol intern(std::string_view text);
    // The symbol of text if it was interned already; never inserts.
    std::optional<Symbol> find(std::string_view text) const;
    std::string_view str(Symbol symbol) const;

    ListId intern_list(std::span<const std::uint32_t> values);
    ListId intern_symbols(std::span<const Symbol> symbols);
    std::span<const std::uint32_t> list(ListId id) const;
    SymbolRange symbols(ListId id) const { return SymbolRange(list(id)); }

    // Identifies this pool among all pools the process made (caches keyed by pool use it);
    // a moved pool keeps its id.
    std::uint64_t id() const;

    std::size_t symbol_count() const;
    std::size_t list_count() const;
    // Bytes held by the pool (arenas and tables), for memory accounting in benchmarks.
    std::size_t memory_bytes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yagura::model
