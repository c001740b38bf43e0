#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace yagura::model::detail {

// An open-addressing hash set of 32-bit ids whose keys live elsewhere (the interned strings or
// lists): 8 bytes a slot instead of a node per entry. The caller supplies the hash and an
// equality test against the stored key of an id.
class IdHashSet {
public:
    template <class Equal>
    std::optional<std::uint32_t> find(std::uint64_t hash, Equal&& equal) const {
        if (slots_.empty()) {
            return std::nullopt;
        }
        const auto tag = static_cast<std::uint32_t>(hash >> 32);
        for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
            const std::uint64_t slot = slots_[i];
            if (slot == 0) {
                return std::nullopt;
            }
            const auto id = static_cast<std::uint32_t>(slot) - 1;
            if (static_cast<std::uint32_t>(slot >> 32) == tag && equal(id)) {
                return id;
            }
        }
    }

    // Inserts an id known to be absent.
    void insert(std::uint64_t hash, std::uint32_t id, std::vector<std::uint64_t>* hashes) {
        if ((count_ + 1) * 2 > slots_.size()) {
            grow(hashes);
        }
        place(hash, id);
        ++count_;
    }

    std::size_t memory_bytes() const { return slots_.capacity() * sizeof(std::uint64_t); }

private:
    void place(std::uint64_t hash, std::uint32_t id) {
        std::size_t i = hash & mask_;
        while (slots_[i] != 0) {
            i = (i + 1) & mask_;
        }
        slots_[i] = (hash >> 32 << 32) | (static_cast<std::uint64_t>(id) + 1);
    }

    // Rehashing needs every key's hash: the owner keeps them in `hashes`, indexed by id.
    void grow(std::vector<std::uint64_t>* hashes) {
        const std::size_t size = slots_.empty() ? 64 : slots_.size() * 2;
        slots_.assign(size, 0);
        mask_ = size - 1;
        for (std::size_t id = 0; id < count_; ++id) {
            place((*hashes)[id], static_cast<std::uint32_t>(id));
        }
    }

    std::vector<std::uint64_t> slots_;
    std::size_t mask_ = 0;
    std::size_t count_ = 0;
};

}  // namespace yagura::model::detail
