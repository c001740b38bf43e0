#include <algorithm>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>

#include "satellite_impl.hpp"

namespace yagura::satellite {

namespace {

constexpr std::chrono::seconds kIdleRecheck{1};
// Results enough for a call without waiting for more.
constexpr std::size_t kSendAtOnce = 64;

std::chrono::milliseconds seconds(double s) {
    return std::chrono::milliseconds(static_cast<long long>(s * 1000));
}

enum class Outcome {
    delivered,  // 2xx: acknowledged
    refused,    // 400: the scheduler will never take these; retrying would block the rest
    too_large,  // 413: send fewer at a time
    failed,     // unreachable, timeout, 5xx: keep them and try again
};

struct SendResult {
    Outcome outcome = Outcome::failed;
    PutResultsAnswer answer;
    std::string error;
};

std::size_t batch_size(const WorkerSettings& link, const Link& scheduler) {
    std::size_t size = link.results_batch > 0 ? static_cast<std::size_t>(link.results_batch)
                                              : kMaxResultsPerRequest;
    size = std::min(size, kMaxResultsPerRequest);
    return scheduler.batch_limit > 0 ? std::min(size, scheduler.batch_limit) : size;
}

asio::awaitable<SendResult> post_results(net::HttpClient& client, const Link& link,
                                         const std::vector<PendingResult>& batch) {
    std::vector<const std::string*> entries;
    entries.reserve(batch.size());
    for (const auto& result : batch) {
        entries.push_back(&result.entry);
    }
    SendResult out;
    try {
        net::CallOptions call{.timeout = seconds(link.entry.data_timeout)};
        auto body = put_results_body(entries);
        auto response =
            co_await client.request(link.endpoint, "POST", "/put_results", std::move(body), call);
        if (response.ok()) {
            out.outcome = Outcome::delivered;
            out.answer = parse_put_results_answer(response.json());
        } else {
            out.outcome = response.status == 400   ? Outcome::refused
                          : response.status == 413 ? Outcome::too_large
                                                   : Outcome::failed;
            out.error = "put_results: HTTP " + std::to_string(response.status) + ": " +
                        response.body.substr(0, 300);
        }
    } catch (const std::exception& e) {
        out.outcome = Outcome::failed;
        out.error = e.what();
    }
    co_return out;
}

}  // namespace

asio::awaitable<void> Satellite::Impl::send_loop(std::shared_ptr<Link> link) {
    int failures = 0;
    auto giving_up = [&] {
        return (link->removed && failures >= options_.removed_scheduler_attempts) ||
               (stopping_ && core::monotonic_seconds() >= stop_deadline_);
    };
    auto pause_after_failure = [&] {
        auto delay = backoff(failures);
        if (stopping_) {
            auto left = seconds(std::max(0.0, stop_deadline_ - core::monotonic_seconds()));
            delay = std::min(delay, left);
        }
        return delay;
    };
    try {
        for (;;) {
            if (link->outbox.empty()) {
                // A removed scheduler is owed whatever its last call brought and whatever
                // still runs for it: wait for both before leaving.
                if (stopping_ || (link->removed && !link->pulling && link->in_flight.empty())) {
                    break;
                }
                co_await link->results_ready->wait(kIdleRecheck);
                continue;
            }
            if (giving_up()) {
                break;
            }
            if (link->check_running_id) {
                // After a failure: a scheduler that restarted meanwhile must not get the
                // results of its previous run (note_contact drops them).
                std::string error;
                try {
                    auto id =
                        co_await client_for(*link).get_json(link->endpoint, "/get_running_id");
                    note_contact(*link, id.is_string() ? id.get<std::string>() : id.dump());
                } catch (const std::exception& e) {
                    error = e.what();
                }
                if (!error.empty()) {
                    note_failure(*link, error);
                    ++failures;
                    if (!giving_up()) {
                        co_await pause(pause_after_failure());
                    }
                }
                continue;
            }
            if (failures == 0 && !stopping_ && link->outbox.size() < kSendAtOnce) {
                // Let the results of the plugins ending right now join this call.
                co_await pause(options_.coalesce);
            }
            auto batch = link->outbox.take(batch_size(config_.link, *link));
            link->sending = batch.size();
            auto sent = co_await post_results(client_for(*link), *link, batch);
            link->sending = 0;
            switch (sent.outcome) {
                case Outcome::delivered: {
                    failures = 0;
                    note_reachable(*link);
                    auto unknown = std::min(sent.answer.unknown, batch.size());
                    link->counters.results_acknowledged += batch.size();
                    link->counters.results_unknown += unknown;
                    counters_.results_acknowledged += batch.size();
                    counters_.results_unknown += unknown;
                    if (unknown > 0) {
                        log_->info("scheduler {} did not know {} of {} result(s) (dropped)",
                                   link->entry.name, unknown, batch.size());
                    }
                    break;
                }
                case Outcome::refused:
                    link->counters.dropped_refused += batch.size();
                    counters_.results_dropped += batch.size();
                    log_->error("scheduler {} refused {} result(s), dropped: {}", link->entry.name,
                                batch.size(), sent.error);
                    break;
                case Outcome::too_large: {
                    auto size = batch.size();
                    link->batch_limit = std::max<std::size_t>(1, size / 2);
                    if (size == 1) {
                        ++link->counters.dropped_refused;
                        ++counters_.results_dropped;
                        log_->error("scheduler {} refused a result too large for it: {}",
                                    link->entry.name, sent.error);
                    } else {
                        link->outbox.give_back(std::move(batch), link->generation);
                        log_->warn(
                            "scheduler {} found {} results too large a request: sending "
                            "{} at a time",
                            link->entry.name, size, link->batch_limit);
                    }
                    break;
                }
                case Outcome::failed: {
                    auto stale = link->outbox.give_back(std::move(batch), link->generation);
                    link->counters.dropped_restart += stale;
                    counters_.results_dropped += stale;
                    note_failure(*link, sent.error);
                    ++failures;
                    if (!giving_up()) {
                        co_await pause(pause_after_failure());
                    }
                    break;
                }
            }
        }
    } catch (const std::exception& e) {
        log_->debug("stopped sending to {}: {}", link->entry.name, e.what());
    }
    if (auto left = link->outbox.clear(); left > 0) {
        auto& counter = stopping_ ? link->counters.dropped_stop : link->counters.dropped_removed;
        counter += left;
        counters_.results_dropped += left;
        log_->warn("dropped {} result(s) never acknowledged by scheduler {}{}", left,
                   link->entry.name,
                   stopping_ ? " before stopping" : " (it left the list and does not answer)");
    }
    link->sending_loop = false;
    forget_if_done(link);
}

}  // namespace yagura::satellite
