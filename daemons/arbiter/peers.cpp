#include <boost/asio/detached.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/net/router.hpp>

#include "arbiter/arbiter_impl.hpp"
#include "arbiter/config_source.hpp"

namespace yagura::arbiter {

namespace asio = boost::asio;
using net::Request;
using net::Response;
using nlohmann::json;

namespace {

json runners_json(const dispatch::Assignment& assignment) {
    json out = json::object();
    for (const auto& [part, runner] : assignment.runner) {
        out[std::to_string(part)] = runner;
    }
    return out;
}

json body_of(const Request& request) {
    return request.body.empty() ? json::object() : request.json();
}

}  // namespace

void ArbiterImpl::start_peers() {
    last_master_speak = core::monotonic_seconds();
    if (!me.spare) {
        for (auto& [key, link] : links) {
            if (key.kind == DaemonKind::arbiter && link->info.spare) {
                asio::co_spawn(daemon.io(), feed_spare(link), asio::detached);
            }
        }
        return;
    }
    std::shared_ptr<LinkState> master;
    for (auto& [key, link] : links) {
        if (key.kind == DaemonKind::arbiter && !link->info.spare) {
            master = link;
            break;
        }
    }
    if (!master) {
        log->warn("spare arbiter {}: no master arbiter is defined; taking over after {} s", me.name,
                  me.check_interval * me.max_check_attempts);
    }
    asio::co_spawn(daemon.io(), watch_master(master), asio::detached);
}

// The master's side: the spare holds our configuration (have_conf, else put_conf) and hears
// from us every check_interval (do_not_run), with who runs which part.
asio::awaitable<void> ArbiterImpl::feed_spare(std::shared_ptr<LinkState> spare) {
    auto self = shared_from_this();
    while (!stopping && !spare->removed) {
        std::string error;
        try {
            co_await feed_spare_once(spare);
        } catch (const std::exception& e) {
            error = e.what();
        }
        spare_answered(*spare, error);
        co_await sleep(std::chrono::seconds(spare->info.check_interval));
    }
}

asio::awaitable<void> ArbiterImpl::feed_spare_once(std::shared_ptr<LinkState> spare) {
    const net::CallOptions short_call{
        .long_call = false, .timeout = spare->timeout(), .headers = {}};
    // Targets in named variables: see off_loop() about GCC 12 and temporaries.
    std::string have_target = "/have_conf?flavor=" + prepared->whole_flavor;
    auto have = co_await daemon.client().get_json(spare->endpoint(), have_target, short_call);
    if (have != true) {
        const net::CallOptions long_call{
            .long_call = true, .timeout = spare->data_timeout(), .headers = {}};
        std::string body = spare_put_conf();
        auto response = co_await daemon.client().request(spare->endpoint(), "POST", "/put_conf",
                                                         std::move(body), long_call);
        if (!response.ok()) {
            throw core::Error(
                core::ErrorKind::unavailable,
                "put_conf answered " + std::to_string(response.status) + ": " + response.body);
        }
        log->info("the configuration went to spare arbiter {}", spare->info.name);
    }
    json order = {{"arbiter", identity()}, {"runners", runners_json(prepared->plan.assignment)}};
    auto answer =
        co_await daemon.client().post_json(spare->endpoint(), "/do_not_run", order, short_call);
    max_seen_epoch = std::max(max_seen_epoch, answer.value("epoch", std::int64_t{0}));
}

std::string ArbiterImpl::spare_put_conf() const {
    json head = {{"arbiter", identity()},
                 {"kind", "arbiter"},
                 {"flavor", prepared->whole_flavor},
                 {"parts", layout_json(prepared->plan.layout)}};
    auto body = head.dump();
    body.pop_back();
    return body + ",\"configuration\":" + prepared->whole_json + "}";
}

// After a round with a spare arbiter: its liveness, and whether a master standing by because
// of it may dispatch again (it stepped back, or it is dead).
void ArbiterImpl::spare_answered(LinkState& spare, const std::string& error) {
    double now = core::SystemClock{}.now();
    const auto& name = spare.info.name;
    bool blocking = superseded_by && superseded_by->first == name;
    if (error.empty()) {
        if (spare.peer.record_success("", now)) {
            log->info("spare arbiter {} answers again", name);
        }
        if (blocking) {
            become_active("spare arbiter " + name + " stepped back");
        }
        return;
    }
    if (spare.peer.record_failure(error, now)) {
        log->warn("spare arbiter {} is dead: {}", name, error);
    }
    if (blocking && !spare.alive()) {
        become_active("spare arbiter " + name + ", which dispatched, is dead");
    }
}

// The spare's side: the master is dead when it has said nothing for check_interval x
// max_check_attempts and our own pings fail as many times (a master alive but unaware of us
// is left alone). A spare that never heard of its master takes over the same way.
asio::awaitable<void> ArbiterImpl::watch_master(std::shared_ptr<LinkState> master) {
    auto self = shared_from_this();
    const auto& timers = master ? master->info : me;
    const double limit = static_cast<double>(timers.check_interval) * timers.max_check_attempts;
    while (!stopping) {
        co_await sleep(std::chrono::seconds(timers.check_interval));
        if (master) {
            const net::CallOptions short_call{
                .long_call = false, .timeout = master->timeout(), .headers = {}};
            try {
                co_await daemon.client().get_json(master->endpoint(), "/ping", short_call);
                master->peer.record_success("", core::SystemClock{}.now());
            } catch (const std::exception& e) {
                master->peer.record_failure(e.what(), core::SystemClock{}.now());
            }
        }
        double silent = core::monotonic_seconds() - last_master_speak;
        bool master_dead = !master || !master->alive();
        if (!active && !taking_over && silent >= limit && master_dead) {
            co_await take_over();
        }
    }
}

asio::awaitable<void> ArbiterImpl::take_over() {
    taking_over = true;
    double silent = core::monotonic_seconds() - last_master_speak;
    auto next = prepared;
    if (!master_json.empty()) {
        auto made = co_await prepare_master_configuration();
        if (made.prepared) {
            next = made.prepared;
        } else {
            log->error("the master's configuration cannot be used ({}); dispatching our own files",
                       made.errors.empty() ? "?" : made.errors.front());
        }
    } else {
        log->warn("no configuration came from the master: dispatching this arbiter's own files");
        adopt_master_runners(*next);
    }
    if (next != prepared) {
        install(next);
    }
    become_active("the master has been silent for " + std::to_string(static_cast<int>(silent)) +
                  " s and does not answer");
    taking_over = false;
}

// The master's configuration, placed as the master placed it, parts with their last runners.
asio::awaitable<Preparation> ArbiterImpl::prepare_master_configuration() {
    dispatch::Plan previous;
    previous.layout = layout_from_json(master_layout);
    previous.assignment.runner = master_runners;
    auto source = "the configuration of master arbiter " + master_name;
    auto work = [text = master_json, previous, live = liveness(), spares = has_spare_arbiters(),
                 source] {
        auto loaded = load_configuration_json(json::parse(text));
        if (!loaded.ok()) {
            return Preparation{nullptr, loaded.errors};
        }
        return prepare(std::move(*loaded.config), source, live, &previous, spares, loaded.warnings);
    };
    Preparation made = co_await off_loop(std::move(work));
    co_return made;
}

void ArbiterImpl::adopt_master_runners(Prepared& own) const {
    if (master_runners.empty()) {
        return;
    }
    dispatch::Assignment adopted;
    adopted.runner = master_runners;
    own.plan.assignment =
        dispatch::assign(own.plan.topology, own.plan.layout, liveness(), &adopted, &own.plan.tags);
}

void ArbiterImpl::register_peer_routes() {
    auto& router = daemon.router();
    auto self = shared_from_this();
    router.add_sync(
        "POST", "/put_conf",
        [self](Request& r) {
            auto body = body_of(r);
            if (body.value("kind", "") != "arbiter") {
                throw core::Error(core::ErrorKind::invalid_input,
                                  "an arbiter takes only \"kind\": \"arbiter\" configurations");
            }
            if (!self->me.spare) {
                return Response::error(
                    400, "not a spare",
                    "arbiter " + self->me.name +
                        " is a master: only spare arbiters take a configuration");
            }
            auto who = body.value("arbiter", json::object());
            self->master_name = who.value("name", std::string("?"));
            self->max_seen_epoch =
                std::max(self->max_seen_epoch, who.value("epoch", std::int64_t{0}));
            self->master_json = body.value("configuration", json::object()).dump();
            self->master_layout = body.value("parts", json::array());
            self->master_flavor = body.value("flavor", std::string());
            self->last_master_speak = core::monotonic_seconds();
            self->log->info("configuration received from master arbiter {} (flavor {})",
                            self->master_name, self->master_flavor);
            self->step_back("master arbiter " + self->master_name + " is back");
            return Response::json({{"accepted", true}});
        },
        "the master arbiter sends its whole configuration to a spare");
    router.add_sync(
        "GET", "/have_conf",
        [self](Request& r) {
            auto flavor = r.param("flavor");
            bool have = self->me.spare && !self->master_json.empty() &&
                        (!flavor || *flavor == self->master_flavor);
            return Response::json(have);
        },
        "whether this spare holds the master's configuration (of ?flavor=F)");
    router.add_sync(
        "POST", "/do_not_run",
        [self](Request& r) {
            if (!self->me.spare) {
                return Response::json(
                    {{"accepted", false}, {"detail", "a master arbiter ignores do_not_run"}});
            }
            auto body = body_of(r);
            auto who = body.value("arbiter", json::object());
            self->master_name = who.value("name", self->master_name);
            self->max_seen_epoch =
                std::max(self->max_seen_epoch, who.value("epoch", std::int64_t{0}));
            std::map<PartId, std::string> runners;
            const auto listed = body.value("runners", json::object());
            for (const auto& [part, runner] : listed.items()) {
                if (auto id = core::parse_int(part); id && runner.is_string()) {
                    runners[*id] = runner.get<std::string>();
                }
            }
            self->master_runners = std::move(runners);
            self->last_master_speak = core::monotonic_seconds();
            bool was_active = self->active;
            self->step_back("master arbiter " + self->master_name + " is back");
            return Response::json(
                {{"accepted", true}, {"was_active", was_active}, {"epoch", self->epoch}});
        },
        "the master tells a spare arbiter it is alive and who runs what");
    router.add_sync(
        "GET", "/what_i_managed", [](Request&) { return Response::json(json::object()); },
        "an arbiter runs no part: {}");
}

}  // namespace yagura::arbiter
