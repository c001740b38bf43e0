#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/engine/action.hpp>

#include "ids.hpp"

namespace yagura::engine::detail {

// Where a check came from, kept with it until its result is consumed.
enum CheckFlag : std::uint8_t {
    kCheckForced = 1,     // SCHEDULE_FORCED_*: runs even with active checks disabled
    kCheckDependent = 2,  // on-demand check of a parent or host: not counted as an attempt
    kCheckFreshness = 4,  // results went stale: logged, and runs for a passive element
    kCheckScheduled = 8,  // a regular scheduled check (its due time drives the next one)
};

enum class SlotStatus : std::uint8_t {
    free,
    pending,    // reactionner action waiting for a worker
    in_flight,  // handed to a worker
};

// One action the engine has created and not yet seen come back. Checks are only put in a slot
// when handed out (their command line is built then); notifications and event handlers are
// built when created and wait in a reactionner queue.
struct ActionSlot {
    std::uint16_t generation = 0;  // bumped on release: a stale id never matches a new action
    SlotStatus status = SlotStatus::free;
    ActionKind kind = ActionKind::check;
    std::uint8_t check_flags = 0;
    NotificationType notification_type = NotificationType::problem;
    bool escalated = false;
    std::uint16_t route = 0;  // reactionner route (notifications, handlers)
    ElementId element = kNoElement;
    Index contact = kNoIndex;  // notifications
    int number = 0;            // notification number
    int priority = 100;
    double timeout = 0;
    EpochSeconds t_to_go = 0;
    EpochSeconds handed_out_at = 0;
    model::Symbol worker;
    model::Symbol command_name;  // notifications: for the log line and warnings
    std::string command;         // reactionner actions: the expanded command line
};

// The slots, reused through a free list; an action id names a slot and its generation.
class ActionTable {
public:
    explicit ActionTable(std::uint16_t id_salt = 0) : salt_(id_salt) {}

    std::uint32_t allocate();
    void release(std::uint32_t slot);
    ActionSlot& operator[](std::uint32_t slot) { return slots_[slot]; }
    const ActionSlot& operator[](std::uint32_t slot) const { return slots_[slot]; }
    std::uint32_t capacity() const { return static_cast<std::uint32_t>(slots_.size()); }
    std::uint32_t in_use() const { return in_use_; }

    // "<number>": salt, generation and slot in one 64-bit value, written in decimal.
    void write_id(std::uint32_t slot, std::string& out) const;
    // The slot an id names if it is in use with that generation.
    std::optional<std::uint32_t> find(std::string_view id) const;

private:
    std::vector<ActionSlot> slots_;
    std::vector<std::uint32_t> free_;
    std::uint32_t in_use_ = 0;
    std::uint16_t salt_;
};

}  // namespace yagura::engine::detail
