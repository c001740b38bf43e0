#include "latency_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace yagura::retention {

int LatencyHistogram::bucket_of(std::uint64_t micros) {
    if (micros < kLinear) {
        return static_cast<int>(micros);
    }
    int exponent = std::bit_width(micros) - 1;  // >= 4
    auto sub = static_cast<int>((micros >> (exponent - 3)) & (kSubBuckets - 1));
    return std::min(kBuckets - 1, kLinear + (exponent - 4) * kSubBuckets + sub);
}

double LatencyHistogram::upper_bound_seconds(int bucket) {
    if (bucket < kLinear) {
        return (bucket + 1) * 1e-6;
    }
    int exponent = (bucket - kLinear) / kSubBuckets + 4;
    int sub = (bucket - kLinear) % kSubBuckets;
    double low = std::ldexp(1.0, exponent) + sub * std::ldexp(1.0, exponent - 3);
    return (low + std::ldexp(1.0, exponent - 3)) * 1e-6;
}

void LatencyHistogram::record(double seconds) {
    seconds = std::max(seconds, 0.0);
    ++counts_[bucket_of(static_cast<std::uint64_t>(seconds * 1e6))];
    ++count_;
    max_seconds_ = std::max(max_seconds_, seconds);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    for (int i = 0; i < kBuckets; ++i) {
        counts_[i] += other.counts_[i];
    }
    count_ += other.count_;
    max_seconds_ = std::max(max_seconds_, other.max_seconds_);
}

double LatencyHistogram::percentile(double fraction) const {
    if (count_ == 0) {
        return 0;
    }
    auto rank = static_cast<std::uint64_t>(std::ceil(fraction * static_cast<double>(count_)));
    rank = std::clamp<std::uint64_t>(rank, 1, count_);
    std::uint64_t seen = 0;
    for (int i = 0; i < kBuckets; ++i) {
        seen += counts_[i];
        if (seen >= rank) {
            return std::min(upper_bound_seconds(i), max_seconds_);
        }
    }
    return max_seconds_;
}

}  // namespace yagura::retention
