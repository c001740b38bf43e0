#include <algorithm>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>

#include "satellite_impl.hpp"

namespace yagura::satellite {

namespace {

// How often a loop with nothing to do looks again at its state, whatever wakes it.
constexpr std::chrono::seconds kIdleRecheck{1};
// An empty answer that came back sooner than this did not wait (a scheduler that does not
// long-poll): pause like Shinken's polling_interval instead of asking again at once.
constexpr double kTooQuickEmptyAnswer = 0.2;

std::chrono::milliseconds seconds(double s) {
    return std::chrono::milliseconds(static_cast<long long>(s * 1000));
}

}  // namespace

asio::awaitable<void> Satellite::Impl::pull_loop(std::shared_ptr<Link> link) {
    int failures = 0;
    try {
        while (!link->removed && !stopping_) {
            auto free = free_slots();
            if (free == 0) {
                co_await capacity_changed_->wait(kIdleRecheck);
                continue;
            }
            // The long poll may not outlast the link's data_timeout; the call gets the
            // link's short timeout on top, to notice a scheduler that vanished silently.
            double wait = std::min(std::chrono::duration<double>(options_.long_poll_wait).count(),
                                   link->entry.data_timeout);
            ChecksQuery query{.role = options_.role,
                              .tags = config_.link.tags,
                              .worker_name = worker_name(),
                              .max_actions = free,
                              .wait = wait};
            net::CallOptions call{.timeout = seconds(wait + link->entry.timeout)};
            auto asked = core::monotonic_seconds();
            std::string error;
            bool empty = false;
            try {
                auto& client = client_for(*link);
                auto body = co_await client.get_json(link->endpoint, checks_target(query), call);
                auto answer = parse_checks_answer(body);
                note_contact(*link, answer.running_id);
                empty = answer.actions.empty() && answer.rejected.empty();
                accept(link, answer);
                failures = 0;
            } catch (const std::exception& e) {
                error = e.what();
            }
            if (link->removed || stopping_) {
                break;
            }
            if (!error.empty()) {
                note_failure(*link, error);
                co_await pause(backoff(++failures));
            } else if (empty && core::monotonic_seconds() - asked < kTooQuickEmptyAnswer) {
                co_await pause(kIdleRecheck);
            }
        }
    } catch (const std::exception& e) {
        // Cancelled (the scheduler left the list, the satellite stops) while waiting.
        log_->debug("stopped pulling from {}: {}", link->entry.name, e.what());
    }
    link->pulling = false;
    link->results_ready->notify_all();  // its sender may be done now
    forget_if_done(link);
}

void Satellite::Impl::accept(const std::shared_ptr<Link>& link, ChecksAnswer& answer) {
    if (answer.part_id) {
        link->answered_part_id = answer.part_id;
    }
    for (const auto& rejected : answer.rejected) {
        ++counters_.rejected;
        ++link->counters.rejected;
        log_->warn("scheduler {} sent an action that cannot run: {}", link->entry.name,
                   rejected.reason);
        if (!rejected.id.empty()) {
            link->outbox.push({link->generation, rejected_entry(rejected, clock_.now())});
            link->results_ready->notify_all();
        }
    }
    for (auto& order : answer.actions) {
        auto [it, inserted] = link->in_flight.try_emplace(order.id, link->generation);
        if (!inserted) {
            // Shinken's rule: an action already here is being worked on, not started twice.
            ++counters_.duplicates;
            ++link->counters.duplicates;
            continue;
        }
        ++counters_.received;
        ++link->counters.received;
        waiting_.push_back(Waiting{link, link->generation, std::move(order)});
    }
    start_waiting();
}

void Satellite::Impl::note_contact(Link& link, const std::string& running_id) {
    const auto before = link.peer.liveness();
    link.peer.record_success(running_id, clock_.now());
    link.check_running_id = false;
    if (link.peer.liveness().restarted) {
        // A new run of the scheduler does not know the actions of the old one: what we owe
        // it from before is worthless (it would count them unknown) and is dropped.
        ++link.generation;
        auto results = link.outbox.clear();
        auto actions = link.in_flight.size();
        link.in_flight.clear();
        link.counters.dropped_restart += results;
        counters_.results_dropped += results;
        log_->warn(
            "scheduler {} restarted (running id {} -> {}): dropped {} result(s) of its previous "
            "run; the {} action(s) of that run still here will be dropped when they end",
            link.entry.name, before.running_id, running_id, results, actions);
    } else if (before.last_check == 0) {
        log_->info("connected to scheduler {} (running id {})", link.entry.name, running_id);
    } else if (!before.reachable) {
        log_->info("scheduler {} answers again", link.entry.name);
    }
}

void Satellite::Impl::note_reachable(Link& link) {
    note_contact(link, link.peer.liveness().running_id);
}

void Satellite::Impl::note_failure(Link& link, const std::string& error) {
    const auto before = link.peer.liveness();
    link.peer.record_failure(error, clock_.now());
    link.check_running_id = true;
    const auto& after = link.peer.liveness();
    if (before.alive && !after.alive) {
        log_->error("scheduler {} is dead after {} failed calls in a row: {}", link.entry.name,
                    after.attempts, error);
    } else if (before.reachable) {
        log_->warn("scheduler {} is unreachable: {}", link.entry.name, error);
    } else {
        log_->debug("scheduler {} still unreachable: {}", link.entry.name, error);
    }
}

}  // namespace yagura::satellite
