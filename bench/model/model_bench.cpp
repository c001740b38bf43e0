// Model benchmarks: memory per service of a populated configuration, then the costs of the
// operations the config stage, the engine, retention and brokers call per object.
//
//   build/ci/bench/model/model_bench                 # 1M services (100k hosts x 10)
//   MODEL_BENCH_HOSTS=10000 build/ci/bench/model/model_bench --benchmark_filter=Json
//
// It prints its memory figures first, then Google Benchmark's table.

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <string>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <yagura/model/calendar.hpp>
#include <yagura/model/config.hpp>
#include <yagura/model/json.hpp>
#include <yagura/model/macro_resolver.hpp>

namespace {

using namespace yagura::model;

constexpr std::array<const char*, 10> kDescriptions = {
    "CPU", "Memory", "Disk /", "Disk /var", "HTTP", "SSH", "Load", "Swap", "NTP", "Users"};
constexpr std::array<const char*, 10> kChecks = {"check_nrpe!check_cpu!-w 80 -c 90",
                                                 "check_nrpe!check_mem!-w 80 -c 90",
                                                 "check_nrpe!check_disk!-w 20% -c 10% -p /",
                                                 "check_nrpe!check_disk!-w 20% -c 10% -p /var",
                                                 "check_http!80!/",
                                                 "check_ssh",
                                                 "check_nrpe!check_load!5,4,3!10,8,6",
                                                 "check_nrpe!check_swap!-w 50% -c 20%",
                                                 "check_ntp_time!-w 0.5 -c 1",
                                                 "check_nrpe!check_users"};

void set(auto& obj, Config& cfg, std::string_view key, std::string_view value) {
    auto r = set_attribute(obj, key, value, cfg.pool);
    if (!r.ok()) {
        std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(key.size()), key.data(),
                     r.message.c_str());
        std::exit(1);
    }
}

// What the config stage does per object: define block attributes as text, then templates.
void populate(Config& cfg, int hosts) {
    Host host_tpl = cfg.make<Host>();
    set(host_tpl, cfg, "name", "generic-host");
    set(host_tpl, cfg, "register", "0");
    set(host_tpl, cfg, "check_interval", "5");
    set(host_tpl, cfg, "max_check_attempts", "3");
    set(host_tpl, cfg, "contact_groups", "admins");
    set(host_tpl, cfg, "notification_period", "24x7");
    Service svc_tpl = cfg.make<Service>();
    set(svc_tpl, cfg, "name", "generic-service");
    set(svc_tpl, cfg, "register", "0");
    set(svc_tpl, cfg, "check_interval", "5");
    set(svc_tpl, cfg, "retry_interval", "1");
    set(svc_tpl, cfg, "max_check_attempts", "3");
    set(svc_tpl, cfg, "notification_interval", "60");
    set(svc_tpl, cfg, "check_period", "24x7");
    cfg.hosts.reserve(static_cast<std::size_t>(hosts));
    cfg.services.reserve(static_cast<std::size_t>(hosts) * kDescriptions.size());
    char name[32];
    char address[32];
    for (int i = 0; i < hosts; ++i) {
        std::snprintf(name, sizeof name, "host-%06d", i);
        std::snprintf(address, sizeof address, "10.%d.%d.%d", i >> 16 & 255, i >> 8 & 255, i & 255);
        Host h = cfg.make<Host>();
        set(h, cfg, "use", "generic-host");
        set(h, cfg, "host_name", name);
        set(h, cfg, "address", address);
        set(h, cfg, "hostgroups", i % 2 == 0 ? "linux,web" : "linux");
        set(h, cfg, "_RACK", i % 3 == 0 ? "A" : "B");
        inherit_from(h, host_tpl, cfg.pool);
        for (std::size_t d = 0; d < kDescriptions.size(); ++d) {
            Service s = cfg.make<Service>();
            set(s, cfg, "use", "generic-service");
            set(s, cfg, "host_name", name);
            set(s, cfg, "service_description", kDescriptions[d]);
            set(s, cfg, "check_command", kChecks[d]);
            inherit_from(s, svc_tpl, cfg.pool);
            inherit_implicit_from_host(h, s, cfg.pool);
            cfg.services.insert(std::move(s));
        }
        cfg.hosts.insert(std::move(h));
    }
}

std::size_t heap_in_use() {
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;  // small chunks and mmap-ed big ones (the vectors)
}

int hosts_from_env() {
    const char* text = std::getenv("MODEL_BENCH_HOSTS");
    return text != nullptr ? std::atoi(text) : 100'000;
}

void report_memory() {
    const int hosts = hosts_from_env();
    std::printf("sizeof: Host %zu, Service %zu, Checkable %zu, Command %zu bytes\n", sizeof(Host),
                sizeof(Service), sizeof(Checkable), sizeof(Command));
    const std::size_t before = heap_in_use();
    auto start = std::chrono::steady_clock::now();
    Config cfg;
    populate(cfg, hosts);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::size_t services = cfg.services.size();
    const std::size_t heap = heap_in_use() - before;
    std::printf(
        "populated %zu hosts and %zu services through set_attribute + templates in %.2f s "
        "(%.0f services/s)\n",
        cfg.hosts.size(), services, seconds, static_cast<double>(services) / seconds);
    std::printf(
        "heap in use: %.1f MiB, %.0f bytes per service (hosts, pool and indexes included)\n",
        static_cast<double>(heap) / (1 << 20),
        static_cast<double>(heap) / static_cast<double>(services));
    std::printf(
        "Config::memory_bytes: %.0f bytes per service; pool %.1f MiB, %zu symbols, %zu "
        "lists\n",
        static_cast<double>(cfg.memory_bytes()) / static_cast<double>(services),
        static_cast<double>(cfg.pool.memory_bytes()) / (1 << 20), cfg.pool.symbol_count(),
        cfg.pool.list_count());
    std::fflush(stdout);
}

Config& shared_config() {
    static Config cfg = [] {
        Config c;
        populate(c, 1000);
        TimePeriod tp = c.make<TimePeriod>();
        set(tp, c, "timeperiod_name", "workhours");
        for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday"}) {
            set(tp, c, day, "09:00-12:00,13:00-18:00");
        }
        set(tp, c, "december", "25 00:00-00:00");
        c.timeperiods.insert(std::move(tp));
        for (const char* name : {"check_nrpe", "check_http", "check_ssh", "check_ntp_time"}) {
            Command cmd = c.make<Command>();
            set(cmd, c, "command_name", name);
            set(cmd, c, "command_line",
                "$USER1$/check_nrpe -H $HOSTADDRESS$ -t 30 -c $ARG1$ -a '$ARG2$' '$ARG3$'");
            c.commands.insert(std::move(cmd));
        }
        c.set_resource("USER1", "/usr/lib/nagios/plugins");
        c.compile_command_lines();
        return c;
    }();
    return cfg;
}

void BM_SetAttribute(benchmark::State& state) {
    Config& cfg = shared_config();
    Service s = cfg.make<Service>();
    std::size_t i = 0;
    for (auto _ : state) {
        auto r = set_attribute(s, "check_command", kChecks[i++ % kChecks.size()], cfg.pool);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_SetAttribute);

void BM_MakeService(benchmark::State& state) {
    Config& cfg = shared_config();
    for (auto _ : state) {
        Service s = cfg.make<Service>();
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(BM_MakeService);

void BM_JsonConfigView(benchmark::State& state) {
    Config& cfg = shared_config();
    std::size_t i = 0;
    for (auto _ : state) {
        auto j = to_json(cfg.services[static_cast<Index>(i++ % cfg.services.size())], cfg.pool,
                         JsonView::config);
        benchmark::DoNotOptimize(j);
    }
}
BENCHMARK(BM_JsonConfigView);

void BM_JsonStateView(benchmark::State& state) {
    Config& cfg = shared_config();
    std::size_t i = 0;
    for (auto _ : state) {
        auto j = to_json(cfg.services[static_cast<Index>(i++ % cfg.services.size())], cfg.pool,
                         JsonView::state);
        benchmark::DoNotOptimize(j);
    }
}
BENCHMARK(BM_JsonStateView);

void BM_JsonLoadService(benchmark::State& state) {
    Config& cfg = shared_config();
    nlohmann::json j = to_json(cfg.services[0], cfg.pool, JsonView::config);
    for (auto _ : state) {
        Service s = cfg.make<Service>();
        auto errors = from_json(s, j, cfg.pool, JsonView::config);
        benchmark::DoNotOptimize(errors);
    }
}
BENCHMARK(BM_JsonLoadService);

// The scheduler's reschedule: the next valid time from an instant, mostly cached days.
void BM_CalendarNextValid(benchmark::State& state) {
    Config& cfg = shared_config();
    TimePeriodCalendar calendar(cfg.timeperiods.items());
    std::time_t t = 1'720'000'000;
    for (auto _ : state) {
        auto next = calendar.next_valid(0, t);
        benchmark::DoNotOptimize(next);
        t += 97;  // a check every ~100 s
    }
}
BENCHMARK(BM_CalendarNextValid);

void BM_CalendarNextInvalid(benchmark::State& state) {
    Config& cfg = shared_config();
    TimePeriodCalendar calendar(cfg.timeperiods.items());
    std::time_t t = 1'720'000'000;
    for (auto _ : state) {
        auto next = calendar.next_invalid(0, t);
        benchmark::DoNotOptimize(next);
        t += 97;
    }
}
BENCHMARK(BM_CalendarNextInvalid);

// The engine's per-check work: the command line of a service with its arguments.
void BM_ExpandCheckCommand(benchmark::State& state) {
    Config& cfg = shared_config();
    Service& s = cfg.services[6];  // "check_nrpe!check_load!5,4,3!10,8,6"
    s.service_links.host = 0;
    s.links.check_command =
        link_command_call(cfg.pool.str(s.check_command), cfg.commands, cfg.pool);
    MacroContext ctx;
    ctx.config = &cfg;
    ctx.service = &s;
    ctx.now = 1'720'000'000;
    for (auto _ : state) {
        std::string line = expand_command_call(s.links.check_command, ctx);
        benchmark::DoNotOptimize(line);
    }
}
BENCHMARK(BM_ExpandCheckCommand);

}  // namespace

int main(int argc, char** argv) {
    report_memory();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
