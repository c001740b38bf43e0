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

asio::awaitable<PullOutcome> Satellite::Impl::pull_once(const std::shared_ptr<Link>& link,
                                                        std::size_t free) {
    // The long poll may not outlast the link's data_timeout; the call gets the link's short
    // timeout on top, to notice a scheduler that vanished without closing its connection.
    double wait = std::min(std::chrono::duration<double>(options_.long_poll_wait).count(),
                           link->entry.data_timeout);
    ChecksQuery query{.role = options_.role,
                      .tags = config_.link.tags,
                      .worker_name = worker_name(),
                      .max_actions = free,
                      .wait = wait};
    net::CallOptions call{.timeout = seconds(wait + link->entry.timeout)};
    PullOutcome outcome{.asked = free};
    auto asked_at = core::monotonic_seconds();
    try {
        auto& client = client_for(*link);
        auto body = co_await client.get_json(link->endpoint, checks_target(query), call);
        auto answer = parse_checks_answer(body);
        note_contact(*link, answer.running_id);
        outcome.got = answer.actions.size() + answer.rejected.size();
        accept(link, answer);
    } catch (const std::exception& e) {
        outcome.error = e.what();
    }
    outcome.took = core::monotonic_seconds() - asked_at;
    co_return outcome;
}

asio::awaitable<void> Satellite::Impl::pull_loop(std::shared_ptr<Link> link) {
    int failures = 0;
    bool gather = false;
    try {
        while (!link->removed && !stopping_) {
            if (free_slots() == 0) {
                co_await capacity_changed_->wait(kIdleRecheck);
                continue;
            }
            // Under load, ask for several actions per call rather than one per freed slot:
            // let a few more slots free up, or a few more actions come due, first (once).
            if (gather || (free_slots() < gather_threshold() && held() > 0)) {
                co_await pause(options_.coalesce);
                if (link->removed || stopping_ || free_slots() == 0) {
                    gather = false;
                    continue;
                }
            }
            gather = false;
            auto outcome = co_await pull_once(link, free_slots());
            if (link->removed || stopping_) {
                break;
            }
            if (!outcome.error.empty()) {
                note_failure(*link, outcome.error);
                co_await pause(backoff(++failures));
                continue;
            }
            failures = 0;
            if (outcome.got == 0 && outcome.took < kTooQuickEmptyAnswer) {
                co_await pause(kIdleRecheck);
            }
            // Fewer than asked: the scheduler has no more due now.
            gather = outcome.got > 0 && outcome.got < outcome.asked;
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
