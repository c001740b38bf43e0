#pragma once

#include <array>
#include <cstdint>

namespace yagura::retention {

// Counts durations in log-linear buckets (8 per power of two, so a percentile is off by at
// most 1/8) from a microsecond to days, in constant memory whatever the number of samples.
class LatencyHistogram {
public:
    void record(double seconds);
    void merge(const LatencyHistogram& other);
    double percentile(double fraction) const;  // 0.5 for the median; 0 when empty
    double max() const { return max_seconds_; }
    std::uint64_t count() const { return count_; }

private:
    static constexpr int kLinear = 16;  // microseconds below this are counted exactly
    static constexpr int kSubBuckets = 8;
    static constexpr int kBuckets = kLinear + (64 - 4) * kSubBuckets;
    static int bucket_of(std::uint64_t micros);
    static double upper_bound_seconds(int bucket);

    std::array<std::uint64_t, kBuckets> counts_{};
    std::uint64_t count_ = 0;
    double max_seconds_ = 0;
};

}  // namespace yagura::retention
