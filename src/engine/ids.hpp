#pragma once

#include <cstdint>
#include <string_view>

#include <yagura/model/config.hpp>

// Elements (hosts and services) are numbered in one space so every per-element table is one
// vector: hosts first (0 .. H-1, their index in the host table), then services (H + index).
namespace yagura::engine::detail {

using core::EpochSeconds;
using model::Index;
using model::kNoIndex;

using ElementId = std::uint32_t;
inline constexpr ElementId kNoElement = 0xFFFFFFFFU;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFU;

// A time far enough away to mean "never" and still compare and print as a number.
inline constexpr EpochSeconds kNever = 1e18;

class Elements {
public:
    Elements() = default;
    Elements(std::uint32_t hosts, std::uint32_t services) : hosts_(hosts), services_(services) {}

    std::uint32_t size() const { return hosts_ + services_; }
    std::uint32_t host_count() const { return hosts_; }
    std::uint32_t service_count() const { return services_; }
    bool is_host(ElementId e) const { return e < hosts_; }
    Index host_index(ElementId e) const { return e; }
    Index service_index(ElementId e) const { return e - hosts_; }
    ElementId of_host(Index i) const { return i; }
    ElementId of_service(Index i) const { return hosts_ + i; }

private:
    std::uint32_t hosts_ = 0;
    std::uint32_t services_ = 0;
};

// The notification types of Nagios, in its macro spelling (to_string).
enum class NotificationType : std::uint8_t {
    problem,
    recovery,
    acknowledgement,
    flapping_start,
    flapping_stop,
    flapping_disabled,
    downtime_start,
    downtime_end,
    downtime_cancelled,
    custom,
};
std::string_view to_string(NotificationType type);
bool is_flapping_type(NotificationType type);
bool is_downtime_type(NotificationType type);

// SEND_CUSTOM_*_NOTIFICATION options (Nagios' NOTIFICATION_OPTION_* bits).
enum NotificationOption : std::uint8_t {
    kOptionBroadcast = 1,  // to every contact, escalated or not
    kOptionForced = 2,     // through every filter, element and contact
    kOptionIncrement = 4,  // counts as a notification number
};

// Small deterministic generator for the spread of checks (splitmix64): the same seed gives
// the same schedule, so simulations and tests repeat.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    std::uint64_t state_;
};

}  // namespace yagura::engine::detail
