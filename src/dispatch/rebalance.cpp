#include "rebalance.hpp"

#include <algorithm>
#include <numeric>

namespace yagura::dispatch {

namespace {

// Once a realm is badly off, shards move until every slot is this close to its share.
constexpr double kTargetHigh = 1.1;
constexpr double kTargetLow = 0.9;

class Balancer {
public:
    Balancer(std::vector<Slot>& slots, const Shards& shards) : slots_(slots), shards_(shards) {
        double weights = 0;
        for (const auto& s : slots_) {
            total_ += static_cast<double>(s.load);
            weights += s.weight;
        }
        for (const auto& s : slots_) {
            share_.push_back(total_ * s.weight / weights);
        }
    }

    double ratio(std::size_t k) const {
        return share_[k] > 0 ? static_cast<double>(slots_[k].load) / share_[k] : 0;
    }
    bool outside(std::size_t k, double low, double high) const {
        return ratio(k) > high || ratio(k) < low;
    }
    bool any_outside(double low, double high) const {
        for (std::size_t k = 0; k < slots_.size(); ++k) {
            if (outside(k, low, high)) {
                return true;
            }
        }
        return false;
    }

    // One sweep: the smallest shards of a donor go to the least loaded slot while that brings
    // the two closer. Returns whether anything moved.
    bool sweep() {
        std::vector<std::size_t> order(slots_.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](auto a, auto b) {
            return ratio(a) != ratio(b) ? ratio(a) > ratio(b) : a < b;
        });
        std::size_t receiver = order.back();
        for (auto donor : order) {
            if (donor == receiver || ratio(donor) <= ratio(receiver)) {
                break;
            }
            if (!outside(donor, kTargetLow, kTargetHigh) &&
                !outside(receiver, kTargetLow, kTargetHigh)) {
                continue;
            }
            if (move_smallest(donor, receiver)) {
                return true;
            }
        }
        return false;
    }

private:
    bool move_smallest(std::size_t d, std::size_t r) {
        auto& from = slots_[d].shards;
        std::sort(from.begin(), from.end(), [&](auto a, auto b) {
            const auto& sa = shards_.shards[a];
            const auto& sb = shards_.shards[b];
            return sa.load != sb.load ? sa.load < sb.load : sa.hosts.front() < sb.hosts.front();
        });
        std::size_t moved = 0;
        for (auto s : from) {
            if (!outside(d, kTargetLow, kTargetHigh) && !outside(r, kTargetLow, kTargetHigh)) {
                break;
            }
            // Only what the donor has above its share and the receiver lacks below its share
            // moves: no host moves twice, no move overshoots. Shards are sorted by load, so
            // once one is too big every later one is.
            auto load = static_cast<double>(shards_.shards[s].load);
            double excess = static_cast<double>(slots_[d].load) - share_[d];
            double deficit = share_[r] - static_cast<double>(slots_[r].load);
            if (load > std::min(excess, deficit) + 1e-9) {
                break;
            }
            slots_[d].load -= shards_.shards[s].load;
            slots_[r].load += shards_.shards[s].load;
            slots_[r].shards.push_back(s);
            ++moved;
        }
        from.erase(from.begin(), from.begin() + static_cast<std::ptrdiff_t>(moved));
        return moved > 0;
    }

    std::vector<Slot>& slots_;
    const Shards& shards_;
    double total_ = 0;
    std::vector<double> share_;
};

}  // namespace

void rebalance(std::vector<Slot>& slots, const Shards& shards, const PlacementOptions& options) {
    if (slots.size() < 2) {
        return;
    }
    Balancer balancer(slots, shards);
    if (!balancer.any_outside(options.underload, options.overload)) {
        return;
    }
    // Each sweep moves at least one shard between one pair; a pair is settled in one sweep.
    for (std::size_t pass = 0; pass < 2 * slots.size() * slots.size(); ++pass) {
        if (!balancer.any_outside(kTargetLow, kTargetHigh) || !balancer.sweep()) {
            break;
        }
    }
}

}  // namespace yagura::dispatch
