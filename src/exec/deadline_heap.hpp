#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace yagura::exec::detail {

// A binary min-heap of (deadline, slot) that can also move or remove any slot's entry in
// O(log n): each slot remembers where its entry sits. The runner keeps one entry per
// running plugin, so the heap never holds more than max_running entries, however long the
// timeouts are, and one steady_timer serves every child.
class DeadlineHeap {
public:
    static constexpr std::size_t kAbsent = SIZE_MAX;

    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }
    double top_deadline() const { return entries_.front().deadline; }
    std::size_t top_slot() const { return entries_.front().slot; }
    bool contains(std::size_t slot) const {
        return slot < position_.size() && position_[slot] != kAbsent;
    }

    // Adds the slot's entry, or moves it if it is already there.
    void set(std::size_t slot, double deadline) {
        if (slot >= position_.size()) {
            position_.resize(slot + 1, kAbsent);
        }
        if (position_[slot] == kAbsent) {
            position_[slot] = entries_.size();
            entries_.push_back({deadline, slot});
            sift_up(entries_.size() - 1);
            return;
        }
        std::size_t at = position_[slot];
        double old = entries_[at].deadline;
        entries_[at].deadline = deadline;
        if (deadline < old) {
            sift_up(at);
        } else {
            sift_down(at);
        }
    }

    void erase(std::size_t slot) {
        if (!contains(slot)) {
            return;
        }
        std::size_t at = position_[slot];
        std::size_t last = entries_.size() - 1;
        if (at != last) {
            move_entry(last, at);
        }
        entries_.pop_back();
        position_[slot] = kAbsent;
        if (at < entries_.size()) {
            sift_down(at);
            sift_up(at);
        }
    }

private:
    struct Entry {
        double deadline;
        std::size_t slot;
    };

    void move_entry(std::size_t from, std::size_t to) {
        entries_[to] = entries_[from];
        position_[entries_[to].slot] = to;
    }

    void swap_entries(std::size_t a, std::size_t b) {
        std::swap(entries_[a], entries_[b]);
        position_[entries_[a].slot] = a;
        position_[entries_[b].slot] = b;
    }

    void sift_up(std::size_t at) {
        while (at > 0) {
            std::size_t parent = (at - 1) / 2;
            if (entries_[parent].deadline <= entries_[at].deadline) {
                return;
            }
            swap_entries(parent, at);
            at = parent;
        }
    }

    void sift_down(std::size_t at) {
        while (true) {
            std::size_t smallest = at;
            for (std::size_t child = 2 * at + 1; child <= 2 * at + 2; ++child) {
                if (child < entries_.size() &&
                    entries_[child].deadline < entries_[smallest].deadline) {
                    smallest = child;
                }
            }
            if (smallest == at) {
                return;
            }
            swap_entries(at, smallest);
            at = smallest;
        }
    }

    std::vector<Entry> entries_;
    std::vector<std::size_t> position_;  // by slot; kAbsent when the slot has no entry
};

}  // namespace yagura::exec::detail
