#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>

#include <yagura/model/string_pool.hpp>

#include "id_hash_set.hpp"

namespace yagura::model {

namespace {

constexpr std::size_t kBlockBytes = 64 * 1024;

// Bump allocator whose blocks never move, so views into it stay valid.
class Arena {
public:
    void* allocate(std::size_t bytes, std::size_t align) {
        std::size_t pad = (align - reinterpret_cast<std::uintptr_t>(cursor_) % align) % align;
        if (bytes + pad > left_) {
            std::size_t size = std::max(kBlockBytes, bytes + align);
            blocks_.push_back(std::make_unique<std::byte[]>(size));
            cursor_ = blocks_.back().get();
            left_ = size;
            reserved_ += size;
            pad = (align - reinterpret_cast<std::uintptr_t>(cursor_) % align) % align;
        }
        std::byte* out = cursor_ + pad;
        cursor_ = out + bytes;
        left_ -= bytes + pad;
        return out;
    }
    std::size_t reserved() const { return reserved_; }

private:
    std::vector<std::unique_ptr<std::byte[]>> blocks_;
    std::byte* cursor_ = nullptr;
    std::size_t left_ = 0;
    std::size_t reserved_ = 0;
};

std::uint64_t hash_text(std::string_view text) {
    return std::hash<std::string_view>{}(text);
}

std::uint64_t hash_values(std::span<const std::uint32_t> values) {
    std::string_view bytes(reinterpret_cast<const char*>(values.data()),
                           values.size() * sizeof(std::uint32_t));
    return std::hash<std::string_view>{}(bytes) ^ values.size();
}

std::uint64_t next_pool_id() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
}

}  // namespace

struct StringPool::Impl {
    std::uint64_t id = next_pool_id();
    Arena arena;
    std::vector<std::string_view> strings;
    std::vector<std::uint64_t> string_hashes;
    detail::IdHashSet string_index;
    std::vector<std::span<const std::uint32_t>> lists;
    std::vector<std::uint64_t> list_hashes;
    detail::IdHashSet list_index;
};

StringPool::StringPool() : impl_(std::make_unique<Impl>()) {
    intern(std::string_view{});
    intern_list({});
}

StringPool::~StringPool() = default;
StringPool::StringPool(StringPool&&) noexcept = default;
StringPool& StringPool::operator=(StringPool&&) noexcept = default;

Symbol StringPool::intern(std::string_view text) {
    const std::uint64_t hash = hash_text(text);
    auto& s = impl_->strings;
    if (auto id = impl_->string_index.find(hash, [&](std::uint32_t i) { return s[i] == text; })) {
        return Symbol{*id};
    }
    char* copy = static_cast<char*>(impl_->arena.allocate(text.size() + 1, 1));
    if (!text.empty()) {
        std::memcpy(copy, text.data(), text.size());
    }
    copy[text.size()] = '\0';
    const auto id = static_cast<std::uint32_t>(s.size());
    s.emplace_back(copy, text.size());
    impl_->string_hashes.push_back(hash);
    impl_->string_index.insert(hash, id, &impl_->string_hashes);
    return Symbol{id};
}

std::optional<Symbol> StringPool::find(std::string_view text) const {
    const auto& s = impl_->strings;
    auto id =
        impl_->string_index.find(hash_text(text), [&](std::uint32_t i) { return s[i] == text; });
    if (!id) {
        return std::nullopt;
    }
    return Symbol{*id};
}

std::string_view StringPool::str(Symbol symbol) const {
    return symbol.id < impl_->strings.size() ? impl_->strings[symbol.id] : std::string_view{};
}

ListId StringPool::intern_list(std::span<const std::uint32_t> values) {
    const std::uint64_t hash = hash_values(values);
    auto& l = impl_->lists;
    auto same = [&](std::uint32_t i) { return std::ranges::equal(l[i], values); };
    if (auto id = impl_->list_index.find(hash, same)) {
        return ListId{*id};
    }
    auto* copy = static_cast<std::uint32_t*>(impl_->arena.allocate(
        std::max<std::size_t>(values.size(), 1) * sizeof(std::uint32_t), alignof(std::uint32_t)));
    std::copy(values.begin(), values.end(), copy);
    const auto id = static_cast<std::uint32_t>(l.size());
    l.emplace_back(copy, values.size());
    impl_->list_hashes.push_back(hash);
    impl_->list_index.insert(hash, id, &impl_->list_hashes);
    return ListId{id};
}

ListId StringPool::intern_symbols(std::span<const Symbol> symbols) {
    std::vector<std::uint32_t> ids;
    ids.reserve(symbols.size());
    for (Symbol s : symbols) {
        ids.push_back(s.id);
    }
    return intern_list(ids);
}

std::span<const std::uint32_t> StringPool::list(ListId id) const {
    return id.id < impl_->lists.size() ? impl_->lists[id.id] : std::span<const std::uint32_t>{};
}

std::uint64_t StringPool::id() const {
    return impl_->id;
}

std::size_t StringPool::symbol_count() const {
    return impl_->strings.size();
}
std::size_t StringPool::list_count() const {
    return impl_->lists.size();
}

std::size_t StringPool::memory_bytes() const {
    const Impl& i = *impl_;
    return i.arena.reserved() + i.strings.capacity() * sizeof(std::string_view) +
           i.string_hashes.capacity() * sizeof(std::uint64_t) + i.string_index.memory_bytes() +
           i.lists.capacity() * sizeof(std::span<const std::uint32_t>) +
           i.list_hashes.capacity() * sizeof(std::uint64_t) + i.list_index.memory_bytes();
}

}  // namespace yagura::model
