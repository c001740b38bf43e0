// Loads one configuration with config::load and prints how long each stage took, what was
// loaded and the process's peak memory; with --json also the shard path (the whole model to
// JSON and back through config::load_from_json). Run by run.sh once per generated site in a
// fresh process, so the peak resident size is this load's alone.
//
//   config_bench MAIN_CFG [--json]
//   config_bench            (no argument: bench/config/run.sh, the whole benchmark)

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>

#include <nlohmann/json.hpp>

#include <yagura/config/loader.hpp>
#include <yagura/model/json.hpp>

namespace {

double peak_rss_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    return s(usage.ru_utime) + s(usage.ru_stime);
}

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::string script = std::string(YAGURA_SOURCE_DIR) + "/bench/config/run.sh";
        std::string self = argv[0];
        return std::system(("bash " + script + " " + self).c_str()) == 0 ? 0 : 1;
    }
    const std::string main_cfg = argv[1];
    const bool json = argc > 2 && std::string(argv[2]) == "--json";
    auto start = std::chrono::steady_clock::now();
    auto result = yagura::config::load(main_cfg);
    const double total = seconds(start);
    if (!result.ok()) {
        std::fprintf(stderr, "%zu errors, first: %s\n", result.errors.size(),
                     result.errors.front().to_string().c_str());
        return 1;
    }
    const auto& s = result.stats;
    const auto& config = *result.config;
    const double services = static_cast<double>(config.services.size());
    const double peak = peak_rss_mib();
    const double cpu = cpu_seconds();
    std::printf(
        "hosts %zu services %zu files %zu (%.0f MiB)\n"
        "  read+parse %.3f s  resolve %.3f s  link %.3f s  validate %.3f s  total %.3f s "
        "(CPU %.3f s)\n"
        "  peak RSS %.0f MiB = %.0f bytes per service; model %.0f bytes per service\n",
        config.hosts.size(), config.services.size(), s.files,
        static_cast<double>(s.bytes) / (1 << 20), s.read_parse_seconds, s.resolve_seconds,
        s.link_seconds, s.validate_seconds, total, cpu, peak, peak * (1 << 20) / services,
        static_cast<double>(config.memory_bytes()) / services);
    if (json) {
        start = std::chrono::steady_clock::now();
        auto shard = yagura::model::config_to_json(config);
        const double to_json = seconds(start);
        start = std::chrono::steady_clock::now();
        auto back = yagura::config::load_from_json(shard);
        std::printf("  JSON: to_json %.3f s, load_from_json %.3f s (%s)\n", to_json, seconds(start),
                    back.ok() ? "ok" : "failed");
    }
    std::printf("RESULT %.3f %.0f %.3f\n", total, peak, cpu);
    return 0;
}
