#pragma once

#include <atomic>
#include <ctime>

namespace yagura::core {

// Epoch seconds with sub-second precision, the unit Nagios and Shinken timestamps use.
using EpochSeconds = double;

// The engine and everything that decides "when" asks a Clock, never the system directly,
// so tests and simulations can drive time by hand.
class Clock {
public:
    virtual ~Clock() = default;
    virtual EpochSeconds now() const = 0;
    std::time_t now_seconds() const { return static_cast<std::time_t>(now()); }
};

class SystemClock final : public Clock {
public:
    EpochSeconds now() const override;
};

// A clock that only moves when told to. Safe to read from several threads.
class FakeClock final : public Clock {
public:
    explicit FakeClock(EpochSeconds start = 1'700'000'000.0) : now_(start) {}
    EpochSeconds now() const override { return now_.load(std::memory_order_relaxed); }
    void set(EpochSeconds t) { now_.store(t, std::memory_order_relaxed); }
    void advance(double seconds) { set(now() + seconds); }

private:
    std::atomic<EpochSeconds> now_;
};

// Seconds of a steady clock, for measuring durations (timeouts, latency) immune to clock jumps.
double monotonic_seconds();

}  // namespace yagura::core
