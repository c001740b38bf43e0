#include "deadline_heap.hpp"

#include <algorithm>
#include <map>
#include <random>

#include <gtest/gtest.h>

namespace yagura::exec::detail {
namespace {

TEST(DeadlineHeap, TopIsTheEarliestDeadline) {
    DeadlineHeap heap;
    heap.set(4, 30.0);
    heap.set(1, 10.0);
    heap.set(7, 20.0);
    EXPECT_EQ(heap.top_slot(), 1U);
    EXPECT_DOUBLE_EQ(heap.top_deadline(), 10.0);
}

TEST(DeadlineHeap, MovesAndErasesAnyEntry) {
    DeadlineHeap heap;
    heap.set(0, 10.0);
    heap.set(1, 20.0);
    heap.set(2, 30.0);
    heap.set(0, 40.0);  // later: 1 is first now
    EXPECT_EQ(heap.top_slot(), 1U);
    heap.set(2, 5.0);  // earlier: 2 is first now
    EXPECT_EQ(heap.top_slot(), 2U);
    heap.erase(2);
    EXPECT_FALSE(heap.contains(2));
    EXPECT_EQ(heap.top_slot(), 1U);
    heap.erase(2);  // erasing an absent slot changes nothing
    EXPECT_EQ(heap.size(), 2U);
}

// Against a std::multimap as the reference, through random operations.
TEST(DeadlineHeap, AgreesWithAReferenceUnderRandomOperations) {
    DeadlineHeap heap;
    std::map<std::size_t, double> reference;
    std::mt19937 rng(7);
    for (int step = 0; step < 20000; ++step) {
        std::size_t slot = rng() % 64;
        if (rng() % 3 == 0) {
            heap.erase(slot);
            reference.erase(slot);
        } else {
            double deadline = static_cast<double>(rng() % 1000);
            heap.set(slot, deadline);
            reference[slot] = deadline;
        }
        ASSERT_EQ(heap.size(), reference.size());
        if (!reference.empty()) {
            auto earliest = std::min_element(reference.begin(), reference.end(),
                                             [](auto& a, auto& b) { return a.second < b.second; });
            ASSERT_DOUBLE_EQ(heap.top_deadline(), earliest->second);
            ASSERT_DOUBLE_EQ(reference[heap.top_slot()], earliest->second);
        }
    }
}

}  // namespace
}  // namespace yagura::exec::detail
