#include "actions.hpp"

#include <charconv>

namespace yagura::engine::detail {

std::uint32_t ActionTable::allocate() {
    std::uint32_t slot = 0;
    if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    ++in_use_;
    return slot;
}

void ActionTable::release(std::uint32_t slot) {
    ActionSlot& s = slots_[slot];
    s.status = SlotStatus::free;
    ++s.generation;
    s.element = kNoElement;
    s.contact = kNoIndex;
    s.check_flags = 0;
    s.command.clear();
    free_.push_back(slot);
    --in_use_;
}

void ActionTable::write_id(std::uint32_t slot, std::string& out) const {
    std::uint64_t value = (static_cast<std::uint64_t>(salt_) << 48) |
                          (static_cast<std::uint64_t>(slots_[slot].generation) << 32) | slot;
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, end);
}

std::optional<std::uint32_t> ActionTable::find(std::string_view id) const {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
    if (ec != std::errc() || end != id.data() + id.size()) {
        return std::nullopt;
    }
    if ((value >> 48) != salt_) {
        return std::nullopt;
    }
    auto slot = static_cast<std::uint32_t>(value & 0xFFFFFFFFULL);
    auto generation = static_cast<std::uint16_t>((value >> 32) & 0xFFFFULL);
    if (slot >= slots_.size() || slots_[slot].status == SlotStatus::free ||
        slots_[slot].generation != generation) {
        return std::nullopt;
    }
    return slot;
}

}  // namespace yagura::engine::detail
