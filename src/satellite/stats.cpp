#include <nlohmann/json.hpp>

#include "satellite_impl.hpp"

namespace yagura::satellite {

using nlohmann::json;

namespace {

// What an admin wants to read first about a scheduler link.
std::string state_of(const Link& link) {
    const auto& liveness = link.peer.liveness();
    if (link.removed) {
        return "removed";
    }
    if (liveness.last_check == 0) {
        return "connecting";
    }
    if (!liveness.alive) {
        return "dead";
    }
    return liveness.reachable ? "connected" : "unreachable";
}

json link_json(const Link& link) {
    const auto& c = link.counters;
    json out = link.peer.to_json();
    out["state"] = state_of(link);
    out["part_id"] = link.entry.part_id;
    out["flavor"] = link.entry.flavor;
    out["use_ssl"] = link.entry.use_ssl;
    if (link.answered_part_id) {
        out["answered_part_id"] = *link.answered_part_id;
    }
    out["results_pending"] = link.outbox.size();
    out["results_sending"] = link.sending;
    out["actions_in_flight"] = link.in_flight.size();
    out["actions_received"] = c.received;
    out["results_acknowledged"] = c.results_acknowledged;
    out["results_unknown"] = c.results_unknown;
    out["results_dropped"] = {{"restart", c.dropped_restart},
                              {"removed", c.dropped_removed},
                              {"stop", c.dropped_stop},
                              {"refused", c.dropped_refused}};
    out["actions_rejected"] = c.rejected;
    out["actions_duplicate"] = c.duplicates;
    return out;
}

json latency_json(const LatencyWindow::Summary& latency) {
    return {{"samples", latency.samples},
            {"p50", latency.p50},
            {"p90", latency.p90},
            {"p99", latency.p99},
            {"max", latency.max}};
}

}  // namespace

json Satellite::Impl::stats() const {
    const auto& c = counters_;
    json schedulers = json::array();
    for (const auto& [key, link] : links_) {
        schedulers.push_back(link_json(*link));
    }
    for (const auto& link : removed_) {
        schedulers.push_back(link_json(*link));
    }
    return {{"configuration",
             {{"received", has_config_},
              {"worker_name", worker_name()},
              {"tags", config_.link.tags},
              {"schedulers", links_.size()}}},
            {"capacity",
             {{"workers", capacity_.workers},
              {"processes_by_worker", config_.link.processes_by_worker},
              {"running_limit", capacity_.running},
              {"queue_limit", capacity_.queued},
              {"results_batch", config_.link.results_batch}}},
            {"actions",
             {{"running", running_},
              {"queued", waiting_.size()},
              {"received", c.received},
              {"started", c.started},
              {"done", c.done},
              {"timed_out", c.timed_out},
              {"spawn_failed", c.spawn_failed},
              {"rejected", c.rejected},
              {"duplicates", c.duplicates},
              {"peak_running", c.peak_running}}},
            {"latency", latency_json(latency_.summary())},
            {"results",
             {{"acknowledged", c.results_acknowledged},
              {"unknown", c.results_unknown},
              {"dropped", c.results_dropped}}},
            {"schedulers", std::move(schedulers)}};
}

void Satellite::Impl::write_metrics(net::MetricsWriter& writer, const net::Labels& who) const {
    const auto& c = counters_;
    auto d = [](auto value) { return static_cast<double>(value); };
    writer.gauge("yagura_satellite_actions_running", "Plugins running now.", d(running_), who);
    writer.gauge("yagura_satellite_actions_queued", "Actions held, waiting for a running slot.",
                 d(waiting_.size()), who);
    writer.gauge("yagura_satellite_action_slots", "Plugins allowed to run at once.",
                 d(capacity_.running), who);
    writer.counter("yagura_satellite_actions_received_total", "Actions taken from schedulers.",
                   d(c.received), who);
    writer.counter("yagura_satellite_actions_done_total", "Plugins that finished.", d(c.done), who);
    writer.counter("yagura_satellite_actions_timed_out_total", "Plugins killed at their timeout.",
                   d(c.timed_out), who);
    writer.counter("yagura_satellite_actions_spawn_failed_total", "Plugins that could not start.",
                   d(c.spawn_failed), who);
    writer.counter("yagura_satellite_actions_rejected_total", "Malformed actions received.",
                   d(c.rejected), who);
    writer.counter("yagura_satellite_results_acknowledged_total",
                   "Results in a put_results call that succeeded.", d(c.results_acknowledged), who);
    writer.counter("yagura_satellite_results_dropped_total", "Results never delivered.",
                   d(c.results_dropped), who);
    auto latency = latency_.summary();
    for (auto [quantile, value] :
         {std::pair{"0.5", latency.p50}, {"0.9", latency.p90}, {"0.99", latency.p99}}) {
        auto labels = who;
        labels.emplace_back("quantile", quantile);
        writer.gauge("yagura_satellite_latency_seconds",
                     "How long after it was due an action started (recent actions).", value,
                     labels);
    }
    auto for_each_link = [&](auto&& write) {
        for (const auto& [key, link] : links_) {
            write(*link);
        }
        for (const auto& link : removed_) {
            write(*link);
        }
    };
    for_each_link([&](const Link& link) {
        auto labels = who;
        labels.emplace_back("scheduler", link.entry.name);
        const auto& liveness = link.peer.liveness();
        writer.gauge("yagura_satellite_scheduler_up",
                     "1 when the last call to the scheduler succeeded.",
                     liveness.last_check > 0 && liveness.reachable ? 1 : 0, labels);
        writer.gauge("yagura_satellite_results_pending",
                     "Results owed to the scheduler, not yet acknowledged.",
                     d(link.outbox.size() + link.sending), labels);
        writer.gauge("yagura_satellite_scheduler_actions_in_flight",
                     "Actions of the scheduler waiting or running here.", d(link.in_flight.size()),
                     labels);
    });
}

}  // namespace yagura::satellite
