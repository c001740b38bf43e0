#include "broker/brok_puller.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/modules/common/wakeup.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/codec.hpp>

namespace yagura::broker {

namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;

namespace {

std::chrono::milliseconds seconds(double s) {
    return std::chrono::milliseconds(static_cast<std::int64_t>(s * 1000));
}

bool has_dump_start(const nlohmann::json& broks) {
    for (const auto& brok : broks) {
        if (brok.is_object() && brok.value("type", "") == "clean_all_my_instance_id") {
            return true;
        }
    }
    return false;
}

}  // namespace

struct BrokPuller::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& context, net::HttpClient& http, SchedulerEndpoint endpoint,
         PullerSettings puller_settings, Sink broks_sink)
        : io(context),
          client(http),
          scheduler(std::move(endpoint)),
          settings(std::move(puller_settings)),
          sink(std::move(broks_sink)),
          finished(context),
          log(core::logger("broker")) {}

    asio::awaitable<void> run();
    asio::awaitable<void> ask_for_dump();
    asio::awaitable<void> pull_once();
    void failed(const std::string& error);

    asio::io_context& io;
    net::HttpClient& client;
    SchedulerEndpoint scheduler;
    PullerSettings settings;
    Sink sink;
    asio::cancellation_signal cancel;
    modules::Wakeup finished;
    bool running = false;
    bool stopping = false;
    bool need_dump = true;  // first contact: ask for the whole state
    PullerStats stats;
    std::shared_ptr<spdlog::logger> log;
};

asio::awaitable<void> BrokPuller::Impl::ask_for_dump() {
    auto target = "/fill_initial_broks?bname=" + net::percent_encode(settings.broker_name);
    auto response = co_await client.request(scheduler.endpoint(), "POST", target, {},
                                            {.timeout = seconds(scheduler.timeout)});
    // A scheduler without the route still dumps to a broker name it has not seen.
    if (!response.ok() && response.status != 404) {
        throw core::Error(
            net::error_kind_for_status(response.status),
            fmt::format("POST {} on {}: HTTP {}", target, scheduler.describe(), response.status));
    }
    ++stats.dumps_requested;
    need_dump = false;
    log->info("broker: asked {} for a full dump", scheduler.describe());
}

asio::awaitable<void> BrokPuller::Impl::pull_once() {
    auto target = fmt::format("/get_broks?bname={}&wait={}",
                              net::percent_encode(settings.broker_name), settings.wait.count());
    // The scheduler may hold the call for `wait` seconds: allow that plus the link's timeout.
    auto timeout = std::max(seconds(scheduler.data_timeout),
                            std::chrono::duration_cast<std::chrono::milliseconds>(settings.wait) +
                                seconds(scheduler.timeout));
    auto answer = co_await client.get_json(scheduler.endpoint(), target, {.timeout = timeout});
    if (!answer.is_object() || !answer.contains("broks") || !answer["broks"].is_array()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "get_broks on " + scheduler.describe() + ": no \"broks\" array");
    }
    auto running_id = answer.value("running_id", std::string());
    int part_id = answer.value("part_id", scheduler.part_id);
    auto broks = std::make_shared<const nlohmann::json>(std::move(answer["broks"]));

    bool was_dead = !stats.alive;
    ++stats.calls;
    stats.alive = true;
    stats.failures_in_a_row = 0;
    stats.last_success = core::SystemClock().now();
    stats.part_id = part_id;
    if (was_dead && stats.failures > 0) {
        log->info("broker: {} answers again", scheduler.describe());
    }
    if (!stats.running_id.empty() && running_id != stats.running_id) {
        ++stats.restarts_seen;
        // A restarted scheduler has lost what it queued for us: take its whole state again,
        // unless the dump is already in this answer.
        need_dump = !has_dump_start(*broks);
        log->warn("broker: {} restarted (running id {} -> {}){}", scheduler.describe(),
                  stats.running_id, running_id, need_dump ? ": asking for a full dump" : "");
    }
    stats.running_id = running_id;
    if (!broks->empty() && !stopping) {
        stats.broks += broks->size();
        co_await sink(scheduler, part_id, std::move(broks));
    }
}

void BrokPuller::Impl::failed(const std::string& error) {
    ++stats.failures;
    ++stats.failures_in_a_row;
    stats.last_error = error;
    if (stats.failures_in_a_row == 1) {
        log->warn("broker: cannot get broks from {}: {}", scheduler.describe(), error);
    } else {
        log->debug("broker: cannot get broks from {}: {}", scheduler.describe(), error);
    }
    if (stats.alive && stats.failures_in_a_row >= settings.max_check_attempts) {
        stats.alive = false;
        log->error("broker: {} is dead after {} failures in a row: {}", scheduler.describe(),
                   stats.failures_in_a_row, error);
    }
}

asio::awaitable<void> BrokPuller::Impl::run() {
    auto self = shared_from_this();
    // A cancelled call ends as an error we handle; the sink must never be cut in the middle.
    co_await asio::this_coro::throw_if_cancelled(false);
    auto retry = settings.retry_min;
    while (!stopping) {
        try {
            if (need_dump) {
                co_await ask_for_dump();
            }
            co_await pull_once();
            retry = settings.retry_min;
            continue;
        } catch (const std::exception& e) {
            if (stopping) {
                break;
            }
            failed(e.what());
        }
        asio::steady_timer pause(io);
        pause.expires_after(retry);
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
        retry = std::min(retry * 2, settings.retry_max);
    }
    running = false;
    finished.notify();
}

BrokPuller::BrokPuller(asio::io_context& io, net::HttpClient& client, SchedulerEndpoint scheduler,
                       PullerSettings settings, Sink sink)
    : impl_(std::make_shared<Impl>(io, client, std::move(scheduler), std::move(settings),
                                   std::move(sink))) {}

BrokPuller::~BrokPuller() {
    impl_->stopping = true;
    impl_->cancel.emit(asio::cancellation_type::terminal);
}

void BrokPuller::start() {
    if (impl_->running || impl_->stopping) {
        return;
    }
    impl_->running = true;
    asio::co_spawn(
        impl_->io, [self = impl_] { return self->run(); },
        asio::bind_cancellation_slot(impl_->cancel.slot(), asio::detached));
}

asio::awaitable<void> BrokPuller::stop(std::chrono::milliseconds bound) {
    auto self = impl_;
    self->stopping = true;
    if (!self->running) {
        co_return;
    }
    self->cancel.emit(asio::cancellation_type::terminal);
    co_await self->finished.wait_until(SteadyClock::now() + bound);
}

void BrokPuller::update(const SchedulerEndpoint& scheduler) {
    impl_->scheduler = scheduler;
}

bool BrokPuller::running() const {
    return impl_->running;
}

const SchedulerEndpoint& BrokPuller::scheduler() const {
    return impl_->scheduler;
}

PullerStats BrokPuller::stats() const {
    return impl_->stats;
}

nlohmann::json BrokPuller::stats_json() const {
    const auto& s = impl_->stats;
    const auto& scheduler = impl_->scheduler;
    nlohmann::json out = {{"name", scheduler.name},
                          {"address", scheduler.address},
                          {"port", scheduler.port},
                          {"part_id", s.part_id >= 0 ? s.part_id : scheduler.part_id},
                          {"alive", s.alive},
                          {"running_id", s.running_id},
                          {"calls", s.calls},
                          {"broks", s.broks},
                          {"dumps_requested", s.dumps_requested},
                          {"restarts_seen", s.restarts_seen},
                          {"failures", s.failures},
                          {"failures_in_a_row", s.failures_in_a_row},
                          {"last_success", s.last_success}};
    if (!s.last_error.empty()) {
        out["last_error"] = s.last_error;
    }
    return out;
}

}  // namespace yagura::broker
