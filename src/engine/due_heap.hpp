#pragma once

#include <cstdint>
#include <vector>

#include "ids.hpp"

namespace yagura::engine::detail {

// The planned checks: at most one entry per element, keyed by due time, with the position of
// each element kept so a reschedule or a removal is O(log n) without searching. A 4-ary heap:
// shallower than a binary one, and its children share a cache line. 16 bytes per planned
// check plus 4 per element; no allocation once the vectors have grown.
class DueHeap {
public:
    struct Entry {
        EpochSeconds due;
        ElementId element;
    };

    void resize(std::uint32_t elements) { position_.assign(elements, kNone); }

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    const Entry& top() const { return heap_.front(); }
    bool contains(ElementId e) const { return position_[e] != kNone; }
    EpochSeconds due_of(ElementId e) const { return heap_[position_[e]].due; }

    // Inserts the element or moves it to its new due time.
    void set(ElementId e, EpochSeconds due) {
        std::uint32_t at = position_[e];
        if (at == kNone) {
            at = static_cast<std::uint32_t>(heap_.size());
            heap_.push_back({due, e});
            position_[e] = at;
            sift_up(at);
            return;
        }
        EpochSeconds old = heap_[at].due;
        heap_[at].due = due;
        if (due < old) {
            sift_up(at);
        } else {
            sift_down(at);
        }
    }

    void erase(ElementId e) {
        std::uint32_t at = position_[e];
        if (at == kNone) {
            return;
        }
        position_[e] = kNone;
        Entry last = heap_.back();
        heap_.pop_back();
        if (at == heap_.size()) {
            return;
        }
        heap_[at] = last;
        position_[last.element] = at;
        sift_up(at);
        sift_down(position_[last.element]);
    }

    Entry pop() {
        Entry top = heap_.front();
        erase(top.element);
        return top;
    }

private:
    static constexpr std::uint32_t kArity = 4;

    void place(std::uint32_t at, const Entry& entry) {
        heap_[at] = entry;
        position_[entry.element] = at;
    }
    void sift_up(std::uint32_t at) {
        Entry moving = heap_[at];
        while (at > 0) {
            std::uint32_t parent = (at - 1) / kArity;
            if (!(moving.due < heap_[parent].due)) {
                break;
            }
            place(at, heap_[parent]);
            at = parent;
        }
        place(at, moving);
    }
    void sift_down(std::uint32_t at) {
        Entry moving = heap_[at];
        const auto n = static_cast<std::uint32_t>(heap_.size());
        for (;;) {
            std::uint32_t first = at * kArity + 1;
            if (first >= n) {
                break;
            }
            std::uint32_t best = first;
            std::uint32_t end = first + kArity < n ? first + kArity : n;
            for (std::uint32_t c = first + 1; c < end; ++c) {
                if (heap_[c].due < heap_[best].due) {
                    best = c;
                }
            }
            if (!(heap_[best].due < moving.due)) {
                break;
            }
            place(at, heap_[best]);
            at = best;
        }
        place(at, moving);
    }

    std::vector<Entry> heap_;
    std::vector<std::uint32_t> position_;  // element -> index in heap_, kNone when absent
};

}  // namespace yagura::engine::detail
