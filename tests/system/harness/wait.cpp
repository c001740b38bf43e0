#include "harness/wait.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <thread>

namespace yagura::harness {

bool wait_for(std::chrono::milliseconds bound, const std::function<bool()>& condition) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (std::chrono::steady_clock::now() < deadline) {
        try {
            if (condition()) {
                return true;
            }
        } catch (const std::exception& e) {
            if (std::getenv("YAGURA_TEST_DEBUG") != nullptr) {
                std::fprintf(stderr, "wait_for: %s\n", e.what());
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

}  // namespace yagura::harness
