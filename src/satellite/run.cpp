#include <algorithm>

#include "satellite_impl.hpp"

namespace yagura::satellite {

void Satellite::Impl::start_waiting() {
    while (running_ < capacity_.running && !waiting_.empty() && !stopping_) {
        Waiting next = std::move(waiting_.front());
        waiting_.pop_front();
        if (next.generation != next.link->generation) {
            // Its scheduler restarted while it waited: the new run does not want it.
            continue;
        }
        launch(std::move(next));
    }
}

void Satellite::Impl::launch(Waiting next) {
    auto command = command_for(next.order, run_defaults_);
    ++running_;
    ++counters_.started;
    counters_.peak_running = std::max(counters_.peak_running, running_);
    auto done = [weak = weak_from_this(), link = std::move(next.link),
                 id = std::move(next.order.id), generation = next.generation,
                 due = next.order.t_to_go](exec::Result result) mutable {
        if (auto self = weak.lock()) {
            self->finished(link, id, generation, due, std::move(result));
        }
    };
    runner_->start(std::move(command), std::move(done));
}

void Satellite::Impl::finished(const std::shared_ptr<Link>& link, const std::string& id,
                               std::uint64_t generation, double due, exec::Result result) {
    --running_;
    ++counters_.done;
    if (due > 0 && result.spawn_error == 0 && !result.aborted) {
        latency_.record(result.start_time - due);
    }
    counters_.timed_out += result.timed_out ? 1 : 0;
    counters_.spawn_failed += result.spawn_error != 0 ? 1 : 0;
    if (auto it = link->in_flight.find(id);
        it != link->in_flight.end() && it->second == generation) {
        link->in_flight.erase(it);
    }
    start_waiting();
    capacity_changed_->notify_all();

    if (result.aborted) {
        // Killed by our own stop: not an outcome of the plugin. The scheduler reschedules it.
        ++link->counters.dropped_stop;
        ++counters_.results_dropped;
    } else if (generation != link->generation) {
        ++link->counters.dropped_restart;
        ++counters_.results_dropped;
    } else if (link->removed && !link->sending_loop) {
        ++link->counters.dropped_removed;
        ++counters_.results_dropped;
    } else {
        link->outbox.push({generation, result_entry(id, result)});
        link->results_ready->notify_all();
    }
    if (link->removed && link->in_flight.empty()) {
        link->results_ready->notify_all();  // its sender may be done once the outbox is empty
    }
}

}  // namespace yagura::satellite
