#include "stats.hpp"

#include <array>
#include <cmath>

#include <nlohmann/json.hpp>

#include "notifications.hpp"

namespace yagura::engine::detail {

namespace {

// Upper bounds (seconds) of the latency histogram buckets; the last one takes the rest.
// Fine below 100 ms, where a healthy site is, so that a percentile says how healthy.
constexpr std::array<double, Stats::kLatencyBuckets> kBounds = {
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1,
    2,     5,     10,    20,   30,   60,   120, 300,  600, 1e300};

int bucket_of(double latency) {
    for (int i = 0; i < Stats::kLatencyBuckets; ++i) {
        if (latency < kBounds[static_cast<std::size_t>(i)]) {
            return i;
        }
    }
    return Stats::kLatencyBuckets - 1;
}

}  // namespace

void Stats::count_result(EpochSeconds now, double latency_seconds) {
    const auto second = static_cast<std::int64_t>(std::floor(now));
    const auto slot = static_cast<std::size_t>(second & 63);
    if (bucket_second[slot] != second) {
        bucket_second[slot] = second;
        bucket_count[slot] = 0;
    }
    ++bucket_count[slot];
    // Two histograms of one minute each: percentiles cover the last one to two minutes.
    const std::int64_t minute = second / 60;
    if (minute != latency_minute) {
        std::copy(std::begin(latency), std::end(latency), std::begin(previous_latency));
        if (minute != latency_minute + 1) {
            std::fill(std::begin(previous_latency), std::end(previous_latency), 0);
        }
        std::fill(std::begin(latency), std::end(latency), 0);
        latency_minute = minute;
    }
    ++latency[bucket_of(latency_seconds)];
}

double Stats::results_per_second(EpochSeconds now) const {
    const auto second = static_cast<std::int64_t>(std::floor(now));
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < 64; ++i) {
        // The last 60 complete seconds.
        if (bucket_second[i] < second && bucket_second[i] >= second - 60) {
            total += bucket_count[i];
        }
    }
    return static_cast<double>(total) / 60.0;
}

double Stats::latency_percentile(double p) const {
    std::uint64_t counts[kLatencyBuckets];
    std::uint64_t total = 0;
    for (int i = 0; i < kLatencyBuckets; ++i) {
        counts[i] = latency[i] + previous_latency[i];
        total += counts[i];
    }
    if (total == 0) {
        return 0;
    }
    const auto wanted = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (int i = 0; i < kLatencyBuckets; ++i) {
        seen += counts[i];
        if (seen >= wanted && counts[i] > 0) {
            return i + 1 < kLatencyBuckets ? kBounds[static_cast<std::size_t>(i)]
                                           : kBounds[kBounds.size() - 2];
        }
    }
    return kBounds[kBounds.size() - 2];
}

nlohmann::json stats_json(const EngineState& s) {
    using nlohmann::json;
    const EpochSeconds now = s.now();
    std::size_t checks_in_flight = 0;
    std::size_t actions_pending = 0;
    std::size_t actions_in_flight = 0;
    for (std::uint32_t slot = 0; slot < s.actions.capacity(); ++slot) {
        const ActionSlot& a = s.actions[slot];
        if (a.status == SlotStatus::in_flight) {
            (a.kind == ActionKind::check ? checks_in_flight : actions_in_flight) += 1;
        } else if (a.status == SlotStatus::pending) {
            ++actions_pending;
        }
    }
    std::size_t ready = 0;
    for (const ReadyQueue& q : s.ready) {
        ready += q.size();
    }
    json brokers = json::array();
    for (const BrokHub::Broker& b : s.broks.brokers()) {
        brokers.push_back({{"name", b.name},
                           {"queue", s.broks.lag(b) + b.dump.size()},
                           {"dropped", b.dropped},
                           {"dumps", b.dumps},
                           {"needs_dump", b.needs_dump},
                           {"delivered", b.delivered}});
    }
    const Stats& st = s.stats;
    return {
        {"part_id", s.settings.part_id},
        {"instance_name", s.settings.instance_name},
        {"hosts", s.elements.host_count()},
        {"services", s.elements.service_count()},
        {"checks",
         {{"scheduled", s.due.size()},
          {"ready", ready},
          {"in_flight", checks_in_flight},
          {"handed_out", st.checks_handed_out},
          {"orphaned", st.orphaned},
          {"internal", st.internal_checks},
          {"skipped_by_dependencies", st.execution_skipped}}},
        {"results",
         {{"total", st.results},
          {"passive", st.passive_results},
          {"unknown_ids", st.unknown_results},
          {"late_passive", st.late_passive_results},
          {"per_second", st.results_per_second(now)}}},
        {"latency",
         {{"p50", st.latency_percentile(0.5)},
          {"p95", st.latency_percentile(0.95)},
          {"p99", st.latency_percentile(0.99)}}},
        {"notifications",
         {{"pending", pending_notifications(s)},
          {"masters", s.master_count},
          {"sent", st.notifications_sent},
          {"errors", st.notification_errors}}},
        {"event_handlers", st.event_handlers},
        {"reactionner_actions", {{"pending", actions_pending}, {"in_flight", actions_in_flight}}},
        {"commands",
         {{"applied", st.commands_applied},
          {"rejected", st.commands_rejected},
          {"not_here", st.commands_not_here}}},
        {"broks",
         {{"stream", s.broks.stream_size()},
          {"limit", s.broks.limit()},
          {"dropped_without_broker", s.broks.dropped_without_broker()},
          {"brokers", std::move(brokers)}}},
        {"retention", {{"dirty", s.retention_dirty.size()}}},
    };
}

}  // namespace yagura::engine::detail
