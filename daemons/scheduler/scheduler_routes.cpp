// The scheduler's routes for pollers, reactionners, brokers and receivers (protocol.md).
#include <functional>

#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/net/http.hpp>
#include <yagura/net/router.hpp>

#include "scheduler/scheduler_impl.hpp"
#include "scheduler/wire.hpp"

namespace yagura::scheduler {

namespace {

using net::Request;
using net::Response;
using nlohmann::json;

// The most broks one get_broks answer carries unless the broker asks for fewer.
constexpr std::size_t kMaxBroksPerCall = 100000;

Response json_text(std::string body) {
    return Response::text(std::move(body), 200, "application/json");
}

Response no_part() {
    return Response::error(503, "unavailable",
                           "this scheduler runs no part: it waits for its configuration");
}

Response stopping_answer() {
    return Response::error(503, "unavailable", "the scheduler is stopping");
}

std::chrono::milliseconds until(double deadline) {
    double left = deadline - core::monotonic_seconds();
    return std::chrono::milliseconds(static_cast<std::int64_t>(left * 1000) + 1);
}

void count(LongPollCounters& counters, bool got, bool waited, double wait) {
    ++counters.calls;
    if (got) {
        ++(waited ? counters.woken : counters.answered_at_once);
    } else if (wait > 0) {
        ++counters.timed_out;
    }
}

std::string broker_name(const Request& request) {
    auto name = request.param("bname");
    if (!name || core::trim(*name).empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "bname is missing: name the broker (bname=broker-1)");
    }
    return std::string(core::trim(*name));
}

std::size_t max_broks(const Request& request) {
    auto value = request.param("max");
    if (!value || core::trim(*value).empty()) {
        return kMaxBroksPerCall;
    }
    auto n = core::parse_int(*value);
    if (!n || *n <= 0) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "max expects an integer > 0, got \"" + *value + "\"");
    }
    return std::min<std::size_t>(static_cast<std::size_t>(*n), kMaxBroksPerCall);
}

// A long poll: asks `take` (which fills the caller's vector from the engine) until it finds
// something, `wait` seconds pass or `event` closes, sleeping on `event` in between. Returns
// whether it had to wait.
asio::awaitable<bool> long_poll(std::shared_ptr<SchedulerCore> self,
                                std::shared_ptr<daemon::AsyncEvent> event, double wait,
                                std::function<bool(engine::Engine&)> take) {
    const double deadline = core::monotonic_seconds() + wait;
    bool waited = false;
    for (;;) {
        if (engine::Engine* e = self->engine(); e != nullptr && take(*e)) {
            co_return waited;
        }
        if (core::monotonic_seconds() >= deadline || event->closed()) {
            co_return waited;
        }
        waited = true;
        auto wake = event->wait(until(deadline));
        co_await std::move(wake);
    }
}

asio::awaitable<Response> get_checks(std::shared_ptr<SchedulerCore> self, ChecksRequest request) {
    std::vector<engine::Action> actions;
    auto poll = long_poll(self, self->checks_event, request.wait, [&](engine::Engine& e) {
        return e.take_actions(request.worker, actions) > 0;
    });
    const bool waited = co_await std::move(poll);
    count(self->check_polls, !actions.empty(), waited, request.wait);
    co_return json_text(checks_answer(core::running_id(), self->part_id(), actions));
}

asio::awaitable<Response> get_broks(std::shared_ptr<SchedulerCore> self, std::string broker,
                                    std::size_t max, double wait) {
    std::vector<std::string> broks;
    auto poll = long_poll(self, self->broks_event, wait,
                          [&](engine::Engine& e) { return e.pop_broks(broker, max, broks) > 0; });
    const bool waited = co_await std::move(poll);
    count(self->brok_polls, !broks.empty(), waited, wait);
    co_return json_text(broks_answer(core::running_id(), self->part_id(), broks));
}

Response put_results(SchedulerCore& self, const Request& request) {
    ResultsBatch batch = parse_results(request.body);
    engine::PutResultsSummary summary;
    if (engine::Engine* e = self.engine()) {
        summary = e->put_results(batch.results);
        self.after_change();
        self.poke();
    } else {
        // No part: nobody will ever want these; the poller drops results counted unknown.
        summary.unknown = batch.results.size();
    }
    return Response::json({{"accepted", summary.accepted}, {"unknown", summary.unknown}});
}

Response run_commands(SchedulerCore& self, const Request& request) {
    std::vector<CommandEntry> entries = parse_commands(request.body);
    engine::Engine* e = self.engine();
    if (e == nullptr) {
        return no_part();
    }
    std::size_t accepted = 0;
    json rejected = json::array();
    json not_here = json::array();
    for (const CommandEntry& entry : entries) {
        if (!entry.error.empty()) {
            rejected.push_back({{"command", entry.line}, {"error", entry.error}});
            continue;
        }
        engine::CommandOutcome outcome = e->run_external_command(entry.line);
        switch (outcome.status) {
            case engine::CommandOutcome::Status::applied:
                ++accepted;
                break;
            case engine::CommandOutcome::Status::not_here:
                not_here.push_back({{"command", entry.line}, {"reason", outcome.message}});
                break;
            case engine::CommandOutcome::Status::rejected:
                rejected.push_back({{"command", entry.line}, {"error", outcome.message}});
                break;
        }
    }
    self.after_change();
    self.poke();
    return Response::json({{"accepted", accepted},
                           {"rejected", std::move(rejected)},
                           {"not_here", std::move(not_here)}});
}

}  // namespace

void SchedulerCore::add_routes() {
    net::Router& router = daemon.router();
    std::weak_ptr<SchedulerCore> weak = weak_from_this();
    router.add(
        "GET", "/get_checks",
        [weak](Request& request) -> asio::awaitable<Response> {
            auto self = weak.lock();
            if (!self) {
                co_return stopping_answer();
            }
            auto poll = get_checks(self, parse_checks_request(request));
            co_return co_await std::move(poll);
        },
        "actions due for a poller or reactionner (do_checks, do_actions, poller_tags, "
        "reactionner_tags, worker_name, max_actions, wait=S long poll)");
    router.add(
        "GET", "/get_broks",
        [weak](Request& request) -> asio::awaitable<Response> {
            auto self = weak.lock();
            if (!self) {
                co_return stopping_answer();
            }
            auto broker = broker_name(request);
            auto max = max_broks(request);
            auto poll = get_broks(self, std::move(broker), max, parse_wait(request));
            co_return co_await std::move(poll);
        },
        "broks for a broker (bname, wait=S long poll, max); a new broker gets the initial dump");
    router.add_sync(
        "POST", "/put_results",
        [weak](Request& request) {
            auto self = weak.lock();
            return self ? put_results(*self, request) : stopping_answer();
        },
        "results of actions: {\"results\": [...]} -> {\"accepted\": n, \"unknown\": n}");
    router.add_sync(
        "POST", "/fill_initial_broks",
        [weak](Request& request) {
            auto self = weak.lock();
            if (!self) {
                return stopping_answer();
            }
            auto broker = broker_name(request);
            engine::Engine* e = self->engine();
            if (e == nullptr) {
                return no_part();
            }
            e->request_full_dump(broker);
            self->broks_event->notify_all();
            return Response::json({{"broker", broker}, {"full_dump", true}});
        },
        "the broker bname gets a new full dump before its next broks");
    router.add_sync(
        "POST", "/run_external_commands",
        [weak](Request& request) {
            auto self = weak.lock();
            return self ? run_commands(*self, request) : stopping_answer();
        },
        "external commands: {\"commands\": [\"[ts] NAME;args\", ...]} -> accepted, rejected");
}

}  // namespace yagura::scheduler
