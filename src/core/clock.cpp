#include <chrono>

#include <yagura/core/clock.hpp>

namespace yagura::core {

EpochSeconds SystemClock::now() const {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

double monotonic_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace yagura::core
