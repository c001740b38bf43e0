#include <algorithm>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>

#include "satellite_impl.hpp"

namespace yagura::satellite {

namespace {

// Descriptors the daemon keeps for itself (sockets, logs) beside its plugins' pipes.
constexpr std::size_t kReservedDescriptors = 256;
// A plugin holds three descriptors while it runs: stdout, stderr and its pidfd.
constexpr std::size_t kDescriptorsPerPlugin = 3;
// The runner's own limit is only a ceiling: the satellite enforces its configured capacity
// itself, since that capacity changes with each configuration and the runner's cannot.
constexpr std::size_t kRunnerCeiling = 1'000'000;

}  // namespace

Link::Link(SchedulerEntry scheduler, asio::io_context& io, int max_check_attempts)
    : entry(std::move(scheduler)),
      endpoint{entry.address, entry.port, entry.name},
      peer(endpoint, max_check_attempts),
      results_ready(std::make_shared<daemon::AsyncEvent>(io)) {}

Satellite::Impl::Impl(asio::io_context& io, SatelliteOptions options)
    : io_(io),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? *options_.clock : system_clock_),
      log_(core::logger(to_string(options_.role))),
      capacity_changed_(std::make_shared<daemon::AsyncEvent>(io)) {
    if (options_.default_timeout <= 0) {
        options_.default_timeout = options_.role == Role::poller ? 60.0 : 30.0;
    }
}

Satellite::Impl::~Impl() = default;

void Satellite::Impl::start() {
    if (started_) {
        return;
    }
    started_ = true;
    runner_ =
        std::make_unique<exec::Runner>(io_, clock_, exec::Limits{.max_running = kRunnerCeiling});
    if (has_config_) {
        apply_config(std::move(config_));
    } else {
        log_->info("waiting for a configuration from the arbiter");
    }
}

void Satellite::Impl::apply_config(SatelliteConfig config) {
    if (stopping_) {
        log_->info("configuration ignored: stopping");
        return;
    }
    config_ = std::move(config);
    has_config_ = true;
    if (!started_) {
        return;  // start() applies it
    }
    update_capacity();
    std::map<std::string, const SchedulerEntry*> wanted;
    for (const auto& entry : config_.schedulers) {
        wanted[entry.peer_key()] = &entry;
    }
    for (auto it = links_.begin(); it != links_.end();) {
        if (!wanted.contains(it->first)) {
            remove_link(it->second);
            it = links_.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto& [key, entry] : wanted) {
        if (auto it = links_.find(key); it != links_.end()) {
            // Same peer: its connection, results and actions in flight stay.
            it->second->entry = *entry;
        } else {
            add_link(*entry);
        }
    }
    log_->info("configuration: {} scheduler(s) [{}], tags {}, {} plugins at once, {} queued",
               links_.size(),
               core::join(
                   [&] {
                       std::vector<std::string> names;
                       for (const auto& [key, link] : links_) {
                           names.push_back(link->entry.name);
                       }
                       return names;
                   }(),
                   ", "),
               core::join(config_.link.tags, ","), capacity_.running, capacity_.queued);
}

void Satellite::Impl::update_capacity() {
    const auto& link = config_.link;
    capacity_ = capacity_of(link, std::max(1U, std::thread::hardware_concurrency()));
    auto wanted = capacity_.running * kDescriptorsPerPlugin + kReservedDescriptors;
    auto available = exec::ensure_descriptor_limit(wanted);
    if (available < wanted) {
        auto fitting = available > kReservedDescriptors + kDescriptorsPerPlugin
                           ? (available - kReservedDescriptors) / kDescriptorsPerPlugin
                           : 1;
        log_->warn(
            "{} workers x {} processes_by_worker = {} plugins at once need {} descriptors; "
            "the limit here is {} (ulimit -n): running at most {} at once",
            capacity_.workers, link.processes_by_worker, capacity_.running, wanted, available,
            fitting);
        capacity_.running = fitting;
    }
    run_defaults_ = RunDefaults{.timeout = options_.default_timeout,
                                .timeout_exit_status = link.timeout_exit_status,
                                .max_output = link.max_plugins_output_length};
    start_waiting();
    capacity_changed_->notify_all();
}

void Satellite::Impl::add_link(const SchedulerEntry& entry) {
    auto link = std::make_shared<Link>(entry, io_, 3);
    links_.emplace(entry.peer_key(), link);
    log_->info("serving scheduler {} (part {}) at {}://{}:{}", entry.name, entry.part_id,
               entry.use_ssl ? "https" : "http", entry.address, entry.port);
    auto self = shared_from_this();
    link->pulling = true;
    asio::co_spawn(
        io_, [self, link]() -> asio::awaitable<void> { co_await self->pull_loop(link); },
        asio::bind_cancellation_slot(link->cancel_pull.slot(), asio::detached));
    link->sending_loop = true;
    asio::co_spawn(
        io_, [self, link]() -> asio::awaitable<void> { co_await self->send_loop(link); },
        asio::bind_cancellation_slot(link->cancel_send.slot(), asio::detached));
}

void Satellite::Impl::remove_link(const std::shared_ptr<Link>& link) {
    link->removed = true;
    link->cancel_pull.emit(asio::cancellation_type::terminal);
    link->results_ready->notify_all();
    log_->info(
        "scheduler {} left the list: no more pulling from it; {} result(s) and {} action(s) "
        "in flight are still owed to it",
        link->entry.name, link->outbox.size() + link->sending, link->in_flight.size());
    removed_.push_back(link);
    forget_if_done(link);
}

void Satellite::Impl::forget_if_done(const std::shared_ptr<Link>& link) {
    if (link->removed && !link->pulling && !link->sending_loop) {
        removed_.remove(link);
    }
}

std::string Satellite::Impl::worker_name() const {
    return config_.link.name.empty() ? options_.name : config_.link.name;
}

net::HttpClient& Satellite::Impl::client_for(const Link& link) {
    auto& client = link.entry.use_ssl ? tls_client_ : plain_client_;
    if (!client) {
        net::ClientSettings settings;
        settings.tls = options_.tls;
        settings.tls.use_ssl = link.entry.use_ssl;
        client = std::make_unique<net::HttpClient>(io_, std::move(settings));
    }
    return *client;
}

std::chrono::milliseconds Satellite::Impl::backoff(int failures) const {
    auto delay = options_.retry_min;
    for (int i = 1; i < failures && delay < options_.retry_max; ++i) {
        delay *= 2;
    }
    return std::min(delay, options_.retry_max);
}

asio::awaitable<void> Satellite::Impl::pause(std::chrono::milliseconds duration) {
    if (duration.count() <= 0) {
        co_return;
    }
    asio::steady_timer timer(io_);
    timer.expires_after(duration);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<void> Satellite::Impl::stop(std::chrono::milliseconds bound) {
    if (stopping_ || !started_) {
        stopping_ = true;
        co_return;
    }
    stopping_ = true;
    stop_deadline_ = core::monotonic_seconds() + std::chrono::duration<double>(bound).count();
    std::vector<std::shared_ptr<Link>> all(removed_.begin(), removed_.end());
    for (const auto& [key, link] : links_) {
        all.push_back(link);
    }
    for (const auto& link : all) {
        link->cancel_pull.emit(asio::cancellation_type::terminal);
        link->results_ready->notify_all();
    }
    capacity_changed_->close();
    for (auto& next : waiting_) {
        ++next.link->counters.dropped_stop;
    }
    auto never_started = waiting_.size();
    waiting_.clear();
    auto killed = running_;
    runner_->stop();  // running plugins are killed; their aborted results are not sent
    log_->info(
        "stopping: {} plugin(s) killed, {} waiting action(s) dropped; delivering the "
        "results already owed for at most {} ms",
        killed, never_started, bound.count());

    auto busy = [&] {
        return std::any_of(all.begin(), all.end(),
                           [](const auto& link) { return link->pulling || link->sending_loop; });
    };
    asio::steady_timer timer(io_);
    while (busy() && core::monotonic_seconds() < stop_deadline_) {
        timer.expires_after(std::chrono::milliseconds(10));
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    for (const auto& link : all) {
        if (link->sending_loop) {
            link->cancel_send.emit(asio::cancellation_type::terminal);
        }
    }
    capacity_changed_->close();
    for (const auto& link : all) {
        link->results_ready->close();
    }
    // The cancelled loops still count and log what they drop: let them finish (they only have
    // to notice the cancellation) so those last words are written before the daemon exits.
    const double cancel_deadline = core::monotonic_seconds() + 2.0;
    while (busy() && core::monotonic_seconds() < cancel_deadline) {
        timer.expires_after(std::chrono::milliseconds(5));
        co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

const Link* Satellite::Impl::find_link(const std::string& scheduler_name) const {
    for (const auto& [key, link] : links_) {
        if (link->entry.name == scheduler_name) {
            return link.get();
        }
    }
    for (const auto& link : removed_) {
        if (link->entry.name == scheduler_name) {
            return link.get();
        }
    }
    return nullptr;
}

// --- the public facade ---

Satellite::Satellite(asio::io_context& io, SatelliteOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

Satellite::~Satellite() = default;

void Satellite::start() {
    impl_->start();
}
void Satellite::apply_config(SatelliteConfig config) {
    impl_->apply_config(std::move(config));
}
asio::awaitable<void> Satellite::stop(std::chrono::milliseconds bound) {
    auto impl = impl_;  // the stop outlives nothing it needs
    co_await impl->stop(bound);
}
nlohmann::json Satellite::stats() const {
    return impl_->stats();
}
void Satellite::write_metrics(net::MetricsWriter& writer, const net::Labels& who) const {
    impl_->write_metrics(writer, who);
}
const SatelliteCounters& Satellite::counters() const {
    return impl_->counters_;
}
Capacity Satellite::capacity() const {
    return impl_->capacity_;
}
std::size_t Satellite::running() const {
    return impl_->running_;
}
std::size_t Satellite::waiting() const {
    return impl_->waiting_.size();
}
std::size_t Satellite::results_owed(const std::string& scheduler_name) const {
    const auto* link = impl_->find_link(scheduler_name);
    return link != nullptr ? link->outbox.size() + link->sending : 0;
}
bool Satellite::has_config() const {
    return impl_->has_config_;
}

}  // namespace yagura::satellite
