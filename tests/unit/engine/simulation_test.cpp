// A day of a big part: 100k services on 10k hosts for 24 simulated hours, driven like the
// daemon drives the engine (a poller answering every check, a reactionner, a broker reading
// broks every minute, retention records taken every 6 hours). Every check must run within its
// interval (plus the spread for the first one and one simulation step), none may be lost, and
// memory must stay flat between the second and the last hour.
#include <fstream>
#include <string>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/engine/engine.hpp>

#include "synthetic_shard.hpp"

namespace yagura::engine {
namespace {

std::size_t rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0;
    std::size_t resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

constexpr double kStep = 10;  // seconds between the poller's pulls
constexpr double kDay = 24 * 3600;
constexpr double kSpread = 30 * 60;  // max_service_check_spread (30 minutes)

struct Tracked {
    double last_due = 0;
    int checks = 0;
};

TEST(Simulation, ADayOfAHundredThousandServices) {
    core::set_log_level("warning");
    bench::SyntheticSpec spec;
    spec.hosts = 10000;
    spec.services_per_host = 10;
    spec.check_intervals = {10, 30, 60, 120};  // minutes, given in turn
    model::Config shard = bench::synthetic_shard(spec);
    const std::size_t services = shard.services.size();
    ASSERT_EQ(services, 100000u);
    std::vector<double> interval(services);
    for (std::size_t i = 0; i < services; ++i) {
        interval[i] = shard.services[i].check_interval * 60;
    }

    const double start = 1'700'000'000;
    core::FakeClock clock(start);
    Engine engine(std::move(shard), {}, clock);

    std::unordered_map<std::string, std::size_t> index;  // "host/service" -> service index
    const model::Config& cfg = engine.config();
    for (std::size_t i = 0; i < services; ++i) {
        const auto& s = cfg.services[static_cast<model::Index>(i)];
        index.emplace(std::string(cfg.pool.str(s.host_name)) + "/" +
                          std::string(cfg.pool.str(s.service_description)),
                      i);
    }
    std::vector<Tracked> tracked(services);
    std::size_t late = 0;
    std::size_t handed_out = 0;
    std::size_t answered = 0;
    std::size_t notifications = 0;
    std::size_t broks = 0;
    std::size_t records = 0;
    std::size_t rss_hour_2 = 0;

    WorkerRequest poller;
    WorkerRequest reactionner;
    reactionner.do_checks = false;
    reactionner.do_actions = true;
    std::vector<Action> actions;
    std::vector<ActionResult> results;
    std::vector<std::string> brok_texts;
    std::vector<RetentionRecord> record_out;
    std::string key;

    for (double t = start; t < start + kDay; t += kStep) {
        clock.set(t);
        engine.tick();
        actions.clear();
        engine.take_actions(poller, actions);
        handed_out += actions.size();
        results.resize(actions.size());
        const int hour = static_cast<int>((t - start) / 3600);
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const Action& a = actions[i];
            key.assign(a.host_name);
            key += '/';
            key += a.service_description;
            auto it = index.find(key);
            ASSERT_NE(it, index.end()) << key;
            const std::size_t s = it->second;
            Tracked& tr = tracked[s];
            // Checks due in time: the first within the spread, then every interval (a SOFT
            // problem is retried sooner), with one simulation step of slack.
            const double allowed =
                tr.checks == 0 ? start + std::min(interval[s], kSpread) : tr.last_due + interval[s];
            if (a.t_to_go > allowed + kStep || t - a.t_to_go > kStep) {
                ++late;
            }
            tr.last_due = a.t_to_go;
            ++tr.checks;
            // One service in 97 fails between 06:00 and 08:00: soft, hard, notified, recovered.
            const bool failing = s % 97 == 0 && hour >= 6 && hour < 8;
            results[i] = {};
            results[i].id = a.id;
            results[i].exit_status = failing ? 2 : 0;
            results[i].output = failing ? "CRITICAL - no answer" : "OK - 2 ms";
            results[i].perf_data = "time=0.002s;1;2;0";
            results[i].start_time = t;
            results[i].end_time = t;
            results[i].execution_time = 0.002;
        }
        answered += engine.put_results(results).accepted;
        actions.clear();
        engine.take_actions(reactionner, actions);
        notifications += actions.size();
        results.resize(actions.size());
        for (std::size_t i = 0; i < actions.size(); ++i) {
            results[i] = {};
            results[i].id = actions[i].id;
            results[i].exit_status = 0;
        }
        engine.put_results(results);
        if (static_cast<long long>(t - start) % 60 == 0) {
            brok_texts.clear();
            broks += engine.pop_broks("broker-1", 0, brok_texts);
        }
        if (static_cast<long long>(t - start) % (6 * 3600) == 0) {
            record_out.clear();
            engine.take_dirty_records(record_out);
            records += record_out.size();
        }
        if (t - start == 2 * 3600) {
            rss_hour_2 = rss_bytes();
        }
    }
    const std::size_t rss_end = rss_bytes();
    auto stats = engine.stats();

    EXPECT_EQ(late, 0u);
    EXPECT_EQ(answered, handed_out);
    EXPECT_EQ(stats["checks"]["in_flight"], 0);
    EXPECT_EQ(stats["checks"]["orphaned"], 0);
    EXPECT_EQ(stats["results"]["unknown_ids"], 0);
    std::size_t missing = 0;
    for (std::size_t s = 0; s < services; ++s) {
        // Spread start, then a check every interval: at least day / interval - 1 of them.
        if (tracked[s].checks < static_cast<int>(kDay / interval[s]) - 1) {
            ++missing;
        }
    }
    EXPECT_EQ(missing, 0u);
    EXPECT_GT(notifications, 0u);  // the failing services were notified, then recovered
    EXPECT_GT(broks, handed_out);  // a check result and a next schedule brok per check
    EXPECT_GT(records, 0u);
    // Flat memory: what the second hour used is what the last one uses (allocator noise,
    // broks read each minute, records taken each 6 hours).
    const double growth = static_cast<double>(rss_end) - static_cast<double>(rss_hour_2);
    EXPECT_LT(growth, 0.10 * static_cast<double>(rss_hour_2))
        << "RSS hour 2: " << rss_hour_2 << ", hour 24: " << rss_end;
    std::printf(
        "simulated 24 h: %zu checks, %zu notifications, %zu broks, %zu records; RSS hour 2 "
        "%.0f MiB, hour 24 %.0f MiB\n",
        handed_out, notifications, broks, records, static_cast<double>(rss_hour_2) / (1 << 20),
        static_cast<double>(rss_end) / (1 << 20));
}

}  // namespace
}  // namespace yagura::engine
