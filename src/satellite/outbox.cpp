#include <algorithm>
#include <iterator>

#include <yagura/satellite/outbox.hpp>

namespace yagura::satellite {

std::vector<PendingResult> ResultOutbox::take(std::size_t max) {
    auto count = max == 0 ? pending_.size() : std::min(max, pending_.size());
    std::vector<PendingResult> batch(std::make_move_iterator(pending_.begin()),
                                     std::make_move_iterator(pending_.begin() + count));
    pending_.erase(pending_.begin(), pending_.begin() + count);
    return batch;
}

std::size_t ResultOutbox::give_back(std::vector<PendingResult> batch,
                                    std::uint64_t current_generation) {
    auto stale = std::stable_partition(batch.begin(), batch.end(), [&](const PendingResult& r) {
        return r.generation >= current_generation;
    });
    auto dropped = static_cast<std::size_t>(batch.end() - stale);
    pending_.insert(pending_.begin(), std::make_move_iterator(batch.begin()),
                    std::make_move_iterator(stale));
    return dropped;
}

std::size_t ResultOutbox::clear() {
    auto count = pending_.size();
    pending_.clear();
    return count;
}

}  // namespace yagura::satellite
