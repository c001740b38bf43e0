#include "broker/broker_runtime.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/net/metrics.hpp>

namespace yagura::broker {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

// Broks applied in a row before queries and the other pullers get a turn of the loop (a
// scheduler's full dump of 100k services is a few hundred thousand broks).
constexpr std::size_t kBroksPerTurn = 2'000;

std::string listed_name(const SchedulerEndpoint& s) {
    return s.describe() + " part " + std::to_string(s.part_id);
}

}  // namespace

Broker::Runtime::Runtime(daemon::Daemon& d, const BrokerOptions& o, const core::Clock& c,
                         const modules::ModuleRegistry& registry,
                         modules::brokerstate::BrokerStateSettings state_settings)
    : daemon(d),
      options(o),
      clock(c),
      state(c, std::move(state_settings)),
      forwarder(
          d.io(), [this](const SchedulerEndpoint&) -> net::HttpClient& { return daemon.client(); },
          o.commands),
      router(state, forwarder, [this](const CommandRoute& route) { return resolve(route); }),
      modules(registry, {d.io(), c, d.settings().workdir, d.settings().name}, o.modules),
      tick_wake_(d.io()) {
    state.on_change([this](livestatus::Trigger trigger) { fanout.notify(trigger); });
    asio::co_spawn(daemon.io(), tick_loop(), asio::detached);
}

std::unique_ptr<BrokPuller> Broker::Runtime::make_puller(const SchedulerEndpoint& scheduler) {
    if (scheduler.use_ssl != daemon.settings().tls.use_ssl) {
        core::logger("broker")->warn(
            "broker: {} has use_ssl {} but this broker talks {}: all daemons of a site share "
            "use_ssl",
            scheduler.describe(), scheduler.use_ssl ? 1 : 0,
            daemon.settings().tls.use_ssl ? "https" : "http");
    }
    auto settings = options.puller;
    if (settings.broker_name.empty()) {
        settings.broker_name = daemon.settings().name;
    }
    return std::make_unique<BrokPuller>(
        daemon.io(), daemon.client(), scheduler, std::move(settings),
        [this](const SchedulerEndpoint& from, int part_id, std::shared_ptr<const json> broks) {
            return on_broks(from, part_id, std::move(broks));
        });
}

void Broker::Runtime::apply_schedulers(std::vector<SchedulerEndpoint> schedulers) {
    if (stopping_) {
        return;
    }
    auto log = core::logger("broker");
    std::map<std::string, SchedulerEndpoint> wanted;
    for (const auto& s : schedulers) {
        wanted.emplace(s.connection_key(), s);
    }
    // Those that left: stop at once (their long poll is cancelled).
    for (auto it = pullers_.begin(); it != pullers_.end();) {
        if (wanted.contains(it->first)) {
            ++it;
            continue;
        }
        log->info("broker: no longer pulling from {}", listed_name(it->second->scheduler()));
        asio::co_spawn(
            daemon.io(),
            [puller = std::shared_ptr<BrokPuller>(
                 std::move(it->second))]() -> asio::awaitable<void> { co_await puller->stop(); },
            asio::detached);
        it = pullers_.erase(it);
    }
    // The new ones start now; the others learn of a changed part.
    for (const auto& [key, scheduler] : wanted) {
        if (auto existing = pullers_.find(key); existing != pullers_.end()) {
            existing->second->update(scheduler);
            continue;
        }
        log->info("broker: pulling broks from {}", listed_name(scheduler));
        auto puller = make_puller(scheduler);
        puller->start();
        pullers_.emplace(key, std::move(puller));
    }
    // Parts: a listed part's commands go to its listed scheduler from now on (a failover);
    // a part nobody lists is forgotten after a grace period, unless it comes back.
    std::set<int> listed;
    for (const auto& s : schedulers) {
        listed.insert(s.part_id);
        part_owner_[s.part_id] = s;
        absent_since_.erase(s.part_id);
    }
    std::set<int> known = parts_seen_;
    for (const auto& s : schedulers_) {
        known.insert(s.part_id);
    }
    for (int part : known) {
        if (!listed.contains(part) && !absent_since_.contains(part)) {
            absent_since_[part] = core::monotonic_seconds();
            log->info(
                "broker: part {} is no longer assigned to this broker; forgetting it in "
                "{} s unless a scheduler brings it back",
                part, std::chrono::duration<double>(options.forget_part_after).count());
        }
    }
    schedulers_ = std::move(schedulers);
}

asio::awaitable<void> Broker::Runtime::on_broks(const SchedulerEndpoint& from, int part_id,
                                                std::shared_ptr<const json> batch) {
    if (stopping_) {
        co_return;
    }
    if (!absent_since_.contains(part_id)) {
        part_owner_[part_id] = from;
    }
    parts_seen_.insert(part_id);
    ++batches_;
    auto broks = modules::broks_of(batch);
    std::size_t done = 0;
    for (const auto& brok : broks) {
        feed(brok);
        if (++done % kBroksPerTurn == 0 && done < broks.size()) {
            co_await asio::post(daemon.io(), asio::use_awaitable);
            if (stopping_) {
                co_return;
            }
        }
    }
}

// Every brok, in order: first the state Livestatus reads, then each module's queue.
void Broker::Runtime::feed(const modules::Brok& brok) {
    ++broks_;
    state.apply(brok.json());
    modules.feed(brok);
}

void Broker::Runtime::forget_absent_parts() {
    auto now = core::monotonic_seconds();
    auto grace = std::chrono::duration<double>(options.forget_part_after).count();
    for (auto it = absent_since_.begin(); it != absent_since_.end();) {
        if (now - it->second < grace) {
            ++it;
            continue;
        }
        int part = it->first;
        core::logger("broker")->info(
            "broker: part {} left the scheduler list {:.0f} s ago: its objects are removed", part,
            now - it->second);
        // An empty dump of the part: the state and the modules drop its objects as they do
        // before any new dump.
        auto batch = std::make_shared<const json>(json::array(
            {{{"type", "clean_all_my_instance_id"},
              {"instance_id", part},
              {"data", json::object()}},
             {{"type", "initial_broks_done"}, {"instance_id", part}, {"data", json::object()}}}));
        for (const auto& brok : modules::broks_of(batch)) {
            feed(brok);
        }
        ++parts_forgotten_;
        parts_seen_.erase(part);
        part_owner_.erase(part);
        it = absent_since_.erase(it);
    }
}

asio::awaitable<void> Broker::Runtime::tick_loop() {
    while (!stopping_) {
        co_await tick_wake_.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(1));
        if (stopping_) {
            break;
        }
        modules.tick(clock.now());
        forget_absent_parts();
    }
}

void Broker::Runtime::apply_modules(std::vector<modules::ModuleConfig> configs) {
    if (stopping_) {
        return;
    }
    next_modules_ = std::move(configs);
    if (!applying_modules_) {
        applying_modules_ = true;
        asio::co_spawn(daemon.io(), apply_modules_loop(), asio::detached);
    }
}

asio::awaitable<void> Broker::Runtime::apply_modules_loop() {
    while (next_modules_ && !stopping_) {
        auto configs = std::move(*next_modules_);
        next_modules_.reset();
        module_errors_ = co_await modules.apply(std::move(configs));
    }
    applying_modules_ = false;
}

std::vector<SchedulerEndpoint> Broker::Runtime::resolve(const CommandRoute& route) const {
    if (route.all) {
        return schedulers_;
    }
    std::vector<SchedulerEndpoint> out;
    for (int part : route.parts) {
        auto owner = part_owner_.find(part);
        if (owner != part_owner_.end() &&
            std::none_of(out.begin(), out.end(), [&](const SchedulerEndpoint& s) {
                return s.connection_key() == owner->second.connection_key();
            })) {
            out.push_back(owner->second);
        }
    }
    return out;
}

asio::awaitable<void> Broker::Runtime::stop() {
    stopping_ = true;
    tick_wake_.notify();
    // Stop pulling first (every long poll cancelled at once), so no brok arrives while the
    // modules drain.
    for (auto& [key, puller] : pullers_) {
        co_await puller->stop(std::chrono::milliseconds(0));
    }
    for (auto& [key, puller] : pullers_) {
        co_await puller->stop(std::chrono::milliseconds(300));
    }
    co_await forwarder.stop(std::chrono::milliseconds(300));
    // A module change under way finishes first, so that every module it started is stopped.
    for (int turn = 0; applying_modules_ && turn < 100; ++turn) {
        asio::steady_timer pause(daemon.io());
        pause.expires_after(std::chrono::milliseconds(10));
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    co_await modules.stop();
    pullers_.clear();
}

json Broker::Runtime::stats() const {
    auto schedulers = json::array();
    for (const auto& [key, puller] : pullers_) {
        schedulers.push_back(puller->stats_json());
    }
    auto s = state.stats();
    json out = {{"schedulers", std::move(schedulers)},
                {"broks_received", broks_},
                {"batches", batches_},
                {"parts_forgotten", parts_forgotten_},
                {"state",
                 {{"hosts", s.hosts},
                  {"services", s.services},
                  {"parts", s.instances},
                  {"dumps_in_progress", s.dumps_in_progress},
                  {"broks_applied", s.broks_applied},
                  {"broks_rejected", s.broks_rejected}}},
                {"modules", modules.stats()},
                {"commands", forwarder.stats_json()}};
    out["commands"]["unroutable"] = router.unroutable();
    if (!module_errors_.empty()) {
        out["module_errors"] = module_errors_;
    }
    return out;
}

void Broker::Runtime::metrics(net::MetricsWriter& out) const {
    for (const auto& [key, puller] : pullers_) {
        auto s = puller->stats();
        net::Labels labels = {{"scheduler", puller->scheduler().name}};
        out.counter("yagura_broker_broks_received_total", "Broks received from a scheduler.",
                    static_cast<double>(s.broks), labels);
        out.gauge("yagura_broker_scheduler_alive", "1 while the scheduler answers get_broks.",
                  s.alive ? 1 : 0, labels);
        out.counter("yagura_broker_scheduler_restarts_total",
                    "Scheduler restarts seen (running id changes).",
                    static_cast<double>(s.restarts_seen), labels);
    }
    auto s = state.stats();
    out.gauge("yagura_broker_hosts", "Hosts in the broker's state.", static_cast<double>(s.hosts));
    out.gauge("yagura_broker_services", "Services in the broker's state.",
              static_cast<double>(s.services));
    out.counter("yagura_broker_broks_rejected_total", "Malformed broks skipped by the state.",
                static_cast<double>(s.broks_rejected));
    auto c = forwarder.stats();
    out.counter("yagura_broker_commands_total", "External commands sent to schedulers.",
                static_cast<double>(c.sent));
    out.counter("yagura_broker_commands_dropped_total",
                "External commands that could not be delivered.", static_cast<double>(c.dropped));
    modules.metrics(out);
}

}  // namespace yagura::broker
