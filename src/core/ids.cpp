#include <ctime>
#include <mutex>
#include <random>

#include <fmt/format.h>

#include <yagura/core/ids.hpp>

namespace yagura::core {

namespace {

std::mt19937_64& generator() {
    static std::mt19937_64 engine{std::random_device{}()};
    return engine;
}

std::mutex& generator_mutex() {
    static std::mutex m;
    return m;
}

}  // namespace

std::uint64_t random_u64() {
    std::lock_guard lock(generator_mutex());
    return generator()();
}

std::uint64_t random_between(std::uint64_t low, std::uint64_t high) {
    std::uniform_int_distribution<std::uint64_t> dist(low, high);
    std::lock_guard lock(generator_mutex());
    return dist(generator());
}

const std::string& running_id() {
    static const std::string id = fmt::format("{}.{}", static_cast<long long>(std::time(nullptr)),
                                              random_u64() % 1'000'000'000);
    return id;
}

std::string random_hex_id(int bytes) {
    std::string out;
    while (static_cast<int>(out.size()) < bytes * 2) {
        out += fmt::format("{:016x}", random_u64());
    }
    out.resize(static_cast<std::size_t>(bytes) * 2);
    return out;
}

}  // namespace yagura::core
