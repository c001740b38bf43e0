#include <boost/asio/detached.hpp>

#include <yagura/core/clock.hpp>

#include "arbiter/arbiter_impl.hpp"

namespace yagura::arbiter {

namespace asio = boost::asio;
using nlohmann::json;

void ArbiterImpl::poke() {
    dirty = true;
    wake->notify_all();
}

void ArbiterImpl::idle(std::shared_ptr<LinkState> link, std::string what) {
    link->returned = false;
    link->in_flight = true;
    asio::co_spawn(
        daemon.io(),
        [self = shared_from_this(), link, what]() -> asio::awaitable<void> {
            auto body = json{{"arbiter", self->identity()}}.dump();
            co_await self->order(link, "/wait_new_conf", body, link->timeout(), what);
            link->in_flight = false;
        },
        asio::detached);
}

// Brings every daemon to what the plan says, whenever something changed (a death, a return, a
// reload, a daemon reporting something else) and at least every second.
asio::awaitable<void> ArbiterImpl::reconcile_loop() {
    auto self = shared_from_this();
    while (!stopping) {
        if (!dirty) {
            co_await wake->wait(std::chrono::seconds(1));
        }
        dirty = false;
        if (stopping || !dispatching()) {
            continue;
        }
        std::string failure;
        try {
            co_await reconcile_once();
        } catch (const std::exception& e) {
            failure = e.what();  // a bug: say it, and keep the loop alive
        }
        if (!failure.empty()) {
            log->error("dispatching failed: {}", failure);
        }
    }
}

// Order matters so that no part is ever run by two schedulers: first every scheduler holding
// a part it must not is told to drop it (and we wait for the answers), then parts go to their
// runners - and never to one while another live scheduler still reports that part. Scheduler
// and satellite pushes then go out together, so satellites hear of a new runner at once.
// The decisions are plain functions; only the waiting is a coroutine (GCC 12 miscompiled
// this loop when it lived in the coroutine body).
asio::awaitable<void> ArbiterImpl::reconcile_once() {
    auto orders = idle_orders();
    co_await send_and_wait(std::move(orders));
    if (!dispatching()) {
        co_return;
    }
    push_plan();
}

void ArbiterImpl::push_plan() {
    for (const auto& [key, link] : links) {
        if (key.kind == DaemonKind::arbiter || !link->reachable() || !link->managed_known ||
            link->in_flight) {
            continue;
        }
        const auto& desired = link->desired;
        if (key.kind == DaemonKind::scheduler) {
            if (desired.idle() || link->in_sync(epoch)) {
                continue;
            }
            PartId part = desired.managed.begin()->first;
            if (held_elsewhere(part, *link)) {
                log->warn("part {} waits for its previous scheduler to drop it before going to {}",
                          part, key.name);
                continue;
            }
            push(link);
            continue;
        }
        if (desired.idle()) {
            if (!link->managed.empty() || link->returned) {
                idle(link, "wait_new_conf");
            }
            continue;
        }
        if (!link->in_sync(epoch)) {
            push(link);
        }
    }
}

bool ArbiterImpl::held_elsewhere(PartId part, const LinkState& runner) const {
    for (const auto& [key, other] : links) {
        if (other.get() != &runner && key.kind == DaemonKind::scheduler && other->alive() &&
            other->managed.contains(part)) {
            return true;
        }
    }
    return false;
}

// Schedulers holding a part they must not (remove_from_conf, or wait_new_conf when they must
// hold nothing), and schedulers back from the dead that must hold nothing (wait_new_conf, in
// case they kept something).
std::vector<ArbiterImpl::Order> ArbiterImpl::idle_orders() {
    std::vector<Order> orders;
    for (const auto& [key, link] : links) {
        if (key.kind != DaemonKind::scheduler || !link->reachable() || !link->managed_known ||
            link->in_flight) {
            continue;
        }
        std::vector<PartId> wrong;
        for (const auto& [part, flavor] : link->managed) {
            if (!link->desired.managed.contains(part)) {
                wrong.push_back(part);
            }
        }
        bool returned_idle = link->returned && link->desired.idle();
        if (wrong.empty() && !returned_idle) {
            continue;
        }
        link->returned = false;
        Order order{link, link->desired.idle() ? "/wait_new_conf" : "/remove_from_conf", "", ""};
        json body = {{"arbiter", identity()}};
        if (!link->desired.idle()) {
            body["part_id"] = wrong.front();  // a scheduler holds one part at most
        }
        order.body = body.dump();
        order.what =
            order.target.substr(1) + (wrong.empty() ? std::string(" (it came back)")
                                                    : " of part " + std::to_string(wrong.front()));
        orders.push_back(std::move(order));
    }
    return orders;
}

asio::awaitable<void> ArbiterImpl::send_and_wait(std::vector<Order> orders) {
    auto remaining = std::make_shared<std::size_t>(orders.size());
    auto done = wake;  // any notification re-checks `remaining`
    for (auto& o : orders) {
        o.link->in_flight = true;
        asio::co_spawn(
            daemon.io(),
            [self = shared_from_this(), o = std::move(o), remaining]() -> asio::awaitable<void> {
                co_await self->order(o.link, o.target, o.body, o.link->timeout(), o.what);
                o.link->in_flight = false;
                --*remaining;
                self->wake->notify_all();
            },
            asio::detached);
    }
    while (*remaining > 0 && !stopping) {
        co_await done->wait(std::chrono::seconds(1));
    }
}

void ArbiterImpl::push(std::shared_ptr<LinkState> link) {
    const auto& info = link->info;
    std::string body;
    std::string what;
    if (info.kind == DaemonKind::scheduler) {
        PartId part = link->desired.managed.begin()->first;
        bool with_objects = link->needs_full || link->managed != link->desired.managed;
        body = scheduler_put_conf(*prepared, part, info.name, identity(), with_objects);
        what = "put_conf of part " + std::to_string(part) +
               (with_objects ? "" : " (confirmation, epoch " + std::to_string(epoch) + ")");
    } else {
        body = satellite_put_conf(*prepared, info, identity());
        std::string parts;
        for (const auto& [part, flavor] : link->desired.managed) {
            parts += (parts.empty() ? "" : ",") + std::to_string(part);
        }
        what = "put_conf with parts " + parts;
    }
    link->in_flight = true;
    asio::co_spawn(
        daemon.io(),
        [self = shared_from_this(), link, body = std::move(body), what = std::move(what),
         digest = link->desired.digest, pushed_epoch = epoch]() -> asio::awaitable<void> {
            int status = co_await self->order(link, "/put_conf", body, link->data_timeout(), what);
            if (status == 200) {
                link->acked = digest;
                link->acked_epoch = pushed_epoch;
                link->needs_full = false;
                link->returned = false;
            } else if (status == 412) {
                link->needs_full = true;
            }
            link->in_flight = false;
            self->poke();
        },
        asio::detached);
}

asio::awaitable<int> ArbiterImpl::order(std::shared_ptr<LinkState> link, std::string target,
                                        std::string body, std::chrono::milliseconds timeout,
                                        std::string what) {
    const auto name = std::string(kind_name(link->info.kind)) + " " + link->info.name;
    const auto endpoint = link->endpoint();
    net::CallOptions call{.long_call = true, .timeout = timeout, .headers = {}};
    int status = 0;
    std::string outcome;
    try {
        auto response = co_await daemon.client().request(endpoint, "POST", std::move(target),
                                                         std::move(body), std::move(call));
        status = response.status;
        json answer = json::object();
        try {
            answer = response.json();
        } catch (const std::exception&) {
        }
        if (response.ok()) {
            if (answer.contains("managed")) {
                link->managed = parse_managed(answer["managed"]);
                link->managed_known = true;
            }
            outcome = "done";
            log->info("{} -> {}: done", what, name);
        } else {
            outcome = "refused (" + std::to_string(status) + "): " + answer.value("detail", "");
            if (status == 409 && answer.contains("accepted_epoch")) {
                superseded(answer.value("accepted_from", std::string("?")),
                           answer.value("accepted_epoch", std::int64_t{0}), name);
            } else {
                log->warn("{} -> {}: {}", what, name, outcome);
            }
        }
    } catch (const std::exception& e) {
        outcome = std::string("failed: ") + e.what();
        log->warn("{} -> {}: {}", what, name, outcome);
    }
    link->last_action = what + ": " + outcome;
    link->last_action_at = core::SystemClock{}.now();
    co_return status;
}

}  // namespace yagura::arbiter
