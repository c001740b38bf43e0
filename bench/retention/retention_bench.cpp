// Retention under load: 100k elements, state changes at a paced rate (10k/s and up) or as fast
// as one thread can make them, through the write-behind Writer into Redis and into the file
// store. Prints, per store and rate: changes accepted per second, keys written per second
// (after coalescing), the delay from put() to durable (p50/p99), the cost of put() on the
// caller's thread, and the time to load every element back. See bench/README.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <time.h>
#include <vector>

#include <CLI/CLI.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/retention/file_store.hpp>
#include <yagura/retention/keys.hpp>
#include <yagura/retention/redis_store.hpp>
#include <yagura/retention/writer.hpp>

#include "redis_server.hpp"

namespace {

using namespace yagura::retention;
using Clock = std::chrono::steady_clock;

struct Options {
    int elements = 100'000;
    int value_bytes = 512;
    double seconds = 5;
    std::vector<std::string> rates = {"10000", "30000", "100000", "max"};
    std::string stores = "both";
    std::string directory;  // for the file store; a temporary one by default
};

// CPU time of the calling thread: immune to the preemption a busy shared machine causes, so
// the cost of put() is not inflated by time spent waiting for a core.
double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<std::string> element_keys(int count) {
    // Ten services per host, as in a typical shard.
    std::vector<std::string> keys;
    keys.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        if (i % 11 == 0) {
            keys.push_back(host_key("host-" + std::to_string(i / 11)));
        } else {
            keys.push_back(service_key("host-" + std::to_string(i / 11),
                                       "Service number " + std::to_string(i % 11)));
        }
    }
    return keys;
}

// A state record of about the requested size, different for every change.
std::string make_value(std::uint64_t sequence, int bytes) {
    std::string value = "{\"seq\":" + std::to_string(sequence) + ",\"output\":\"";
    value.resize(static_cast<std::size_t>(std::max(bytes - 2, 0)), 'x');
    value += "\"}";
    return value;
}

struct PhaseResult {
    double accepted_per_second = 0;
    double written_per_second = 0;
    double put_nanoseconds = 0;
    WriterStats stats;
};

// Puts changes to random elements at `rate` per second (0: as fast as possible) for the
// configured time, then flushes. put() ns is CPU time on the calling thread per change.
PhaseResult run_phase(const std::shared_ptr<Store>& store, const std::vector<std::string>& keys,
                      const Options& options, double rate) {
    Writer writer(store, WriterSettings{});
    std::mt19937_64 random(42);
    std::uniform_int_distribution<std::size_t> pick(0, keys.size() - 1);
    std::vector<std::string> values;  // made ahead, so that put() alone is timed
    for (int i = 0; i < 4096; ++i) {
        values.push_back(make_value(static_cast<std::uint64_t>(i), options.value_bytes));
    }
    std::uint64_t changes = 0;
    double in_put = 0;
    auto start = Clock::now();
    while (seconds_since(start) < options.seconds) {
        auto due =
            rate > 0 ? static_cast<std::uint64_t>(seconds_since(start) * rate) : changes + 1000;
        if (due <= changes) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            continue;
        }
        auto burst_start = thread_cpu_seconds();
        for (; changes < due; ++changes) {
            writer.put(keys[pick(random)], values[changes % values.size()]);
        }
        in_put += thread_cpu_seconds() - burst_start;
    }
    double elapsed = seconds_since(start);
    writer.flush();
    PhaseResult result;
    result.stats = writer.stats();
    result.accepted_per_second = static_cast<double>(changes) / elapsed;
    result.written_per_second =
        static_cast<double>(result.stats.written_keys) / seconds_since(start);
    result.put_nanoseconds =
        in_put * 1e9 / static_cast<double>(std::max<std::uint64_t>(changes, 1));
    return result;
}

// The cost of put() alone on the caller's thread, flusher idle (one-hour interval), with
// `distinct` keys queued: about 10k at 10k changes/s flushed every second, the whole shard
// while the store is down.
void measure_put(const std::shared_ptr<Store>& store, const std::vector<std::string>& keys,
                 std::size_t distinct, const Options& options) {
    Writer writer(store, WriterSettings{.flush_interval = std::chrono::hours(1)});
    std::mt19937_64 random(7);
    std::uniform_int_distribution<std::size_t> pick(0, std::min(distinct, keys.size()) - 1);
    std::vector<std::size_t> order(1'000'000);
    for (auto& index : order) {
        index = pick(random);
    }
    auto value = make_value(1, options.value_bytes);
    auto start = thread_cpu_seconds();
    for (auto index : order) {
        writer.put(keys[index], value);
    }
    double elapsed = thread_cpu_seconds() - start;
    std::printf("  put() alone, %6zu keys queued: %4.0f ns CPU per call (1M calls)\n",
                writer.stats().pending_keys, elapsed * 1e9 / static_cast<double>(order.size()));
    writer.flush();
}

void populate(const std::shared_ptr<Store>& store, const std::vector<std::string>& keys,
              const Options& options) {
    auto start = Clock::now();
    Writer writer(store);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        writer.put(keys[i], make_value(i, options.value_bytes));
    }
    writer.flush();
    std::printf("  initial write of %zu elements: %.2f s (%.0f keys/s)\n", keys.size(),
                seconds_since(start), static_cast<double>(keys.size()) / seconds_since(start));
}

void measure_load(Store& store, const std::vector<std::string>& keys) {
    std::vector<double> times;
    std::size_t found = 0;
    for (int run = 0; run < 3; ++run) {
        auto start = Clock::now();
        found = store.load(keys).found;
        times.push_back(seconds_since(start));
    }
    std::sort(times.begin(), times.end());
    std::printf("  load of %zu elements (%zu found): median %.3f s, best %.3f s\n", keys.size(),
                found, times[1], times[0]);
}

void run_store(const std::string& name, const std::shared_ptr<Store>& store,
               const std::vector<std::string>& keys, const Options& options) {
    std::printf("\n%s (%s)\n", name.c_str(), store->describe().c_str());
    populate(store, keys, options);
    measure_load(*store, keys);
    measure_put(store, keys, 10'000, options);
    measure_put(store, keys, keys.size(), options);
    std::printf("  %-8s %12s %12s %10s %10s %10s %9s\n", "rate", "accepted/s", "written/s",
                "delay p50", "delay p99", "delay max", "put() ns");
    for (const auto& rate_text : options.rates) {
        double rate = rate_text == "max" ? 0 : std::stod(rate_text);
        auto result = run_phase(store, keys, options, rate);
        std::printf("  %-8s %12.0f %12.0f %9.0fms %9.0fms %9.0fms %9.0f\n", rate_text.c_str(),
                    result.accepted_per_second, result.written_per_second,
                    result.stats.delay_p50 * 1e3, result.stats.delay_p99 * 1e3,
                    result.stats.delay_max * 1e3, result.put_nanoseconds);
    }
    measure_load(*store, keys);  // after the churn (for the file store: journals to read)
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app("retention write-behind benchmark");
    app.add_option("--elements", options.elements, "elements in the shard");
    app.add_option("--value-bytes", options.value_bytes, "bytes per retained record");
    app.add_option("--seconds", options.seconds, "length of each rate phase");
    app.add_option("--rates", options.rates, "changes per second per phase; 'max': unpaced");
    app.add_option("--stores", options.stores, "redis, file or both");
    app.add_option("--dir", options.directory, "file store directory (default: a temporary one)");
    CLI11_PARSE(app, argc, argv);
    yagura::core::configure_logging({.level = "warning"});

    auto keys = element_keys(options.elements);
    std::printf("retention bench: %d elements, %d-byte values, %.0f s per rate, %u cores\n",
                options.elements, options.value_bytes, options.seconds,
                std::thread::hardware_concurrency());
    if (options.stores == "redis" || options.stores == "both") {
        yagura::testing::RedisServer server;
        RedisSettings settings;
        settings.port = server.port();
        run_store("redis", std::make_shared<RedisStore>(settings), keys, options);
    }
    if (options.stores == "file" || options.stores == "both") {
        bool temporary = options.directory.empty();
        std::filesystem::path directory =
            temporary ? std::filesystem::temp_directory_path() /
                            ("yagura-retention-bench-" + std::to_string(::getpid()))
                      : std::filesystem::path(options.directory);
        {
            auto store = std::make_shared<FileStore>(FileSettings{.directory = directory});
            run_store("file", store, keys, options);
            auto stats = store->stats();
            std::printf("  file store: %llu compactions, last output %.1f MB\n",
                        static_cast<unsigned long long>(stats.compactions),
                        static_cast<double>(stats.compacted_bytes) / 1e6);
        }
        if (temporary) {
            std::filesystem::remove_all(directory);
        }
    }
    return 0;
}
