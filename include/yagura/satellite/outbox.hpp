#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace yagura::satellite {

// A result waiting for its scheduler, serialised once (see wire.hpp result_entry), with the
// run of the scheduler it belongs to: a generation is bumped whenever the scheduler's
// running id changes, and results of an older run are never sent to the new one.
struct PendingResult {
    std::uint64_t generation = 0;
    std::string entry;
};

// The results a satellite owes one scheduler, oldest first. A result leaves only when a
// put_results call that contained it succeeded: a batch is taken out for the call and, if
// the call fails, given back in front, in its order, so nothing is lost or reordered.
class ResultOutbox {
public:
    void push(PendingResult result) { pending_.push_back(std::move(result)); }

    // The oldest `max` results (all when max is 0), removed from the outbox.
    std::vector<PendingResult> take(std::size_t max);
    // A batch whose call failed goes back in front. Results of generations older than
    // `current_generation` (the scheduler restarted meanwhile) are dropped instead; returns
    // how many were dropped.
    std::size_t give_back(std::vector<PendingResult> batch, std::uint64_t current_generation);
    // Drops everything; returns how many results that was.
    std::size_t clear();

    std::size_t size() const { return pending_.size(); }
    bool empty() const { return pending_.empty(); }

private:
    std::deque<PendingResult> pending_;
};

}  // namespace yagura::satellite
