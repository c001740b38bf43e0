// Dispatch benchmark: the time and memory of a plan for a large site, as the arbiter computes
// it at start, at a reload and when a scheduler dies, and the time to build the parts' content.
//
//   build/ci/bench/dispatch/dispatch_bench                  # 10k and 100k hosts
//   build/ci/bench/dispatch/dispatch_bench 250000           # other sizes
//
// The site: 10 services per host, 3 realms (World with sub-realms Europe and Asia, 40/30/30%
// of the hosts), 10 schedulers (4/3/3, weights 1 to 3) and a spare per realm, pollers with
// tags; hosts in groups of 25 under a router (parents), a host dependency every 40 groups
// joining two groups, one shard of 2,000 hosts. The configuration is built in memory and
// linked the way the config stage leaves it; its building is not timed.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <string>
#include <vector>

#include <yagura/dispatch/part_content.hpp>
#include <yagura/dispatch/plan.hpp>
#include <yagura/model/config.hpp>

namespace {

using namespace yagura;
using model::Config;
using model::Index;

constexpr int kServicesPerHost = 10;

void set(auto& obj, Config& cfg, std::string_view key, std::string_view value) {
    auto r = model::set_attribute(obj, key, value, cfg.pool);
    if (!r.ok()) {
        std::fprintf(stderr, "%.*s: %s\n", static_cast<int>(key.size()), key.data(),
                     r.message.c_str());
        std::exit(1);
    }
}

template <class T>
void add(Config& cfg, std::initializer_list<std::pair<std::string_view, std::string>> attrs) {
    T obj = cfg.make<T>();
    for (const auto& [k, v] : attrs) {
        set(obj, cfg, k, v);
    }
    cfg.table<T>().insert(std::move(obj));
}

void add_daemons(Config& cfg) {
    add<model::Realm>(
        cfg, {{"realm_name", "World"}, {"realm_members", "Europe,Asia"}, {"default", "1"}});
    add<model::Realm>(cfg, {{"realm_name", "Europe"}});
    add<model::Realm>(cfg, {{"realm_name", "Asia"}});
    const char* realms[] = {"World",  "World",  "World", "World", "Europe",
                            "Europe", "Europe", "Asia",  "Asia",  "Asia"};
    for (int i = 0; i < 10; ++i) {
        add<model::SchedulerLink>(cfg, {{"scheduler_name", "scheduler-" + std::to_string(i)},
                                        {"realm", realms[i]},
                                        {"weight", std::to_string(1 + i % 3)}});
    }
    for (const char* realm : {"World", "Europe", "Asia"}) {
        std::string r = realm;
        add<model::SchedulerLink>(cfg,
                                  {{"scheduler_name", "spare-" + r}, {"realm", r}, {"spare", "1"}});
        add<model::PollerLink>(
            cfg, {{"poller_name", "poller-" + r}, {"realm", r}, {"poller_tags", "None,DMZ"}});
    }
    add<model::ReactionnerLink>(cfg, {{"reactionner_name", "reactionner"}, {"realm", "World"}});
    add<model::BrokerLink>(cfg, {{"broker_name", "broker"}, {"realm", "World"}});
    add<model::ReceiverLink>(cfg, {{"receiver_name", "receiver"}, {"realm", "World"}});
    add<model::Command>(cfg, {{"command_name", "check_ping"}, {"command_line", "check_ping"}});
    add<model::Command>(
        cfg, {{"command_name", "check_dmz"}, {"command_line", "check_dmz"}, {"poller_tag", "DMZ"}});
}

// Hosts in groups of 25 under a router, linked as the config linker does.
void add_hosts(Config& cfg, int hosts) {
    auto& pool = cfg.pool;
    cfg.hosts.reserve(static_cast<std::size_t>(hosts));
    cfg.services.reserve(static_cast<std::size_t>(hosts) * kServicesPerHost);
    Index realm_ids[] = {cfg.realms.find("World", pool), cfg.realms.find("Europe", pool),
                         cfg.realms.find("Asia", pool)};
    char name[32];
    for (int i = 0; i < hosts; ++i) {
        std::snprintf(name, sizeof name, "host-%07d", i);
        model::Host h = cfg.make<model::Host>();
        set(h, cfg, "host_name", name);
        set(h, cfg, "check_command", i % 50 == 0 ? "check_dmz" : "check_ping");
        int realm = (i % 10) < 4 ? 0 : (i % 10) < 7 ? 1 : 2;
        h.realm = cfg.realms[realm_ids[realm]].realm_name;
        h.host_links.realm = realm_ids[realm];
        // Groups of 25 consecutive hosts of one realm: the first host of a group (by index
        // within its realm stream) is the router of the next 24 of the same realm.
        int router = i - 10 * ((i / 10) % 25);
        if (i < 20'000 && i >= 10 && (i % 10) < 4) {
            router = i % 10;  // one big shard: 2,000 hosts of World behind hosts 0..3
        }
        if (router != i) {
            std::uint32_t parent = static_cast<std::uint32_t>(router);
            h.host_links.parents.list = pool.intern_list(std::span(&parent, 1));
        }
        Index hi = cfg.hosts.insert(std::move(h)).index;
        for (int s = 0; s < kServicesPerHost; ++s) {
            model::Service svc = cfg.make<model::Service>();
            svc.host_name = cfg.hosts[hi].host_name;
            svc.service_description = pool.intern("svc-" + std::to_string(s));
            svc.check_command = pool.intern("check_ping");
            svc.service_links.host = hi;
            cfg.services.insert(std::move(svc));
        }
    }
    // A host dependency every 40 groups joins two neighbouring groups of one realm.
    for (int i = 0; i + 250 < hosts; i += 10'000) {
        model::HostDependency dep = cfg.make<model::HostDependency>();
        dep.links.dependent = static_cast<Index>(i + 250);
        dep.links.master = static_cast<Index>(i);
        cfg.hostdependencies.insert(std::move(dep));
    }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double heap_mib() {
    return static_cast<double>(mallinfo2().uordblks) / (1024.0 * 1024.0);
}

template <class F>
double best_of(int rounds, F&& f) {
    double best = 1e9;
    for (int r = 0; r < rounds; ++r) {
        auto start = std::chrono::steady_clock::now();
        f();
        best = std::min(best, seconds_since(start));
    }
    return best;
}

void run(int hosts) {
    Config cfg;
    add_daemons(cfg);
    add_hosts(cfg, hosts);
    std::printf("%d hosts, %zu services, 10 schedulers + 3 spares, 3 realms\n", hosts,
                cfg.services.size());

    double heap_before = heap_mib();
    auto start = std::chrono::steady_clock::now();
    auto plan = dispatch::make_plan(cfg, {}, nullptr);
    double first = seconds_since(start);
    double plan_mib = heap_mib() - heap_before;
    if (!plan.ok()) {
        std::printf("plan errors: %s\n", plan.errors.front().text().c_str());
        std::exit(1);
    }
    std::printf("  plan at start       %8.3f s   (%zu shards, largest %llu hosts; plan %.1f MiB)\n",
                first, plan.shards, static_cast<unsigned long long>(plan.largest_shard_hosts),
                plan_mib);
    double reload = best_of(3, [&] {
        auto again = dispatch::make_plan(cfg, {}, &plan);
        if (again.layout.hosts_moved != 0) {
            std::printf("a reload moved %llu hosts\n",
                        static_cast<unsigned long long>(again.layout.hosts_moved));
        }
    });
    std::printf("  plan at reload      %8.3f s   (previous plan given, 0 hosts moved)\n", reload);
    dispatch::Liveness one_dead;
    one_dead.dead.insert({dispatch::DaemonKind::scheduler, "scheduler-5"});
    double failover = best_of(5, [&] {
        auto copy = plan;
        dispatch::reassign(copy, one_dead);
    });
    std::printf("  reassign            %8.6f s   (a scheduler died: its part to the spare)\n",
                failover);

    heap_before = heap_mib();
    start = std::chrono::steady_clock::now();
    dispatch::PartBuilder builder(cfg);
    double index = seconds_since(start);
    std::size_t bytes = 0;
    std::size_t largest = 0;
    start = std::chrono::steady_clock::now();
    for (const auto& part : plan.layout.parts) {
        auto built = builder.build(part);
        bytes += built.objects_json.size();
        largest = std::max(largest, built.objects_json.size());
    }
    double build = seconds_since(start);
    std::printf(
        "  part contents       %8.3f s   (index %.3f s; %zu parts, %.1f MiB of JSON, "
        "largest %.1f MiB; builder %.1f MiB)\n",
        build, index, plan.layout.parts.size(), static_cast<double>(bytes) / 1048576.0,
        static_cast<double>(largest) / 1048576.0, heap_mib() - heap_before);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> sizes = {10'000, 100'000};
    if (argc > 1) {
        sizes.clear();
        for (int i = 1; i < argc; ++i) {
            sizes.push_back(std::atoi(argv[i]));
        }
    }
    for (int hosts : sizes) {
        run(hosts);
    }
    return 0;
}
