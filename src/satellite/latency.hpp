#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace yagura::satellite {

// How late actions start: the latest `capacity` delays between when an action was due at
// its scheduler and when its plugin started here, for the percentiles of /stats. A window,
// not an average since the start, so that it shows how things are now.
class LatencyWindow {
public:
    explicit LatencyWindow(std::size_t capacity = 4096) : capacity_(capacity) {}

    void record(double seconds) {
        seconds = std::max(0.0, seconds);  // clocks of two machines may disagree a little
        if (samples_.size() < capacity_) {
            samples_.push_back(seconds);
        } else {
            samples_[next_] = seconds;
        }
        next_ = (next_ + 1) % capacity_;
    }

    struct Summary {
        std::size_t samples = 0;
        double p50 = 0;
        double p90 = 0;
        double p99 = 0;
        double max = 0;
    };

    Summary summary() const {
        Summary out;
        if (samples_.empty()) {
            return out;
        }
        auto sorted = samples_;
        std::sort(sorted.begin(), sorted.end());
        auto at = [&](double fraction) {
            auto index =
                static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
            return sorted[index];
        };
        out.samples = sorted.size();
        out.p50 = at(0.50);
        out.p90 = at(0.90);
        out.p99 = at(0.99);
        out.max = sorted.back();
        return out;
    }

private:
    std::size_t capacity_;
    std::vector<double> samples_;
    std::size_t next_ = 0;
};

}  // namespace yagura::satellite
