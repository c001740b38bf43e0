#include "arbiter/arbiter.hpp"

#include <chrono>

#include <boost/asio/detached.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>

#include "arbiter/arbiter_impl.hpp"

namespace yagura::arbiter {

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string short_name(const std::string& name) {
    return name.substr(0, name.find('.'));
}

}  // namespace

ArbiterImpl::ArbiterImpl(daemon::Daemon& d, ArbiterOptions opts, DaemonInfo self,
                         std::shared_ptr<Prepared> first)
    : daemon(d), options(std::move(opts)), me(std::move(self)), log(core::logger("arbiter")) {
    wake = daemon.make_event();
    commands = std::make_unique<ArbiterCommands>(daemon);
    install(std::move(first));
}

void ArbiterImpl::start() {
    started = true;
    for (auto& [key, link] : links) {
        watch(link);
    }
    boost::asio::co_spawn(daemon.io(), reconcile_loop(), boost::asio::detached);
    start_peers();
    if (!me.spare) {
        become_active("this is the master arbiter");
    } else {
        log->info("spare arbiter {}: watching the master, dispatching nothing until it is silent",
                  me.name);
    }
}

void ArbiterImpl::become_active(const std::string& why) {
    epoch = std::max(now_ms(), max_seen_epoch + 1);
    max_seen_epoch = epoch;
    active = true;
    superseded_by.reset();
    active_since = core::SystemClock{}.now();
    for (auto& [key, link] : links) {
        link->acked.clear();
        link->acked_epoch = 0;
    }
    log->info("arbiter {} dispatches with epoch {}: {}", me.name, epoch, why);
    poke();
}

void ArbiterImpl::step_back(const std::string& why) {
    if (!active) {
        return;
    }
    active = false;
    log->warn("arbiter {} steps back and dispatches nothing more: {}", me.name, why);
}

void ArbiterImpl::superseded(const std::string& by, std::int64_t their_epoch,
                             const std::string& seen_at) {
    max_seen_epoch = std::max(max_seen_epoch, their_epoch);
    if (me.spare) {
        step_back(seen_at + " accepted epoch " + std::to_string(their_epoch) + " of arbiter " + by);
        return;
    }
    if (!superseded_by) {
        superseded_by = {by, their_epoch};
        log->error(
            "{} accepted epoch {} of arbiter {}, newer than ours ({}): this master stands by until "
            "{} steps back or is dead",
            seen_at, their_epoch, by, epoch, by);
    }
}

bool ArbiterImpl::has_spare_arbiters() const {
    for (const auto& [key, link] : links) {
        if (key.kind == DaemonKind::arbiter && link->info.spare) {
            return true;
        }
    }
    return false;
}

dispatch::Liveness ArbiterImpl::liveness() const {
    dispatch::Liveness live;
    for (const auto& [key, link] : links) {
        if (!link->alive()) {
            live.dead.insert(key);
        }
    }
    return live;
}

void ArbiterImpl::refresh_desired() {
    for (auto& [key, link] : links) {
        if (key.kind != DaemonKind::arbiter) {
            link->desired = desired_for(*prepared, link->info);
        }
    }
    commands->follow(*prepared);
}

void ArbiterImpl::replan(const std::string& why) {
    if (!prepared) {
        return;
    }
    auto before = prepared->plan.assignment.runner;
    dispatch::reassign(prepared->plan, liveness());
    for (const auto& part : prepared->plan.layout.parts) {
        auto was = before.contains(part.id) ? before.at(part.id) : std::string();
        auto now = prepared->plan.assignment.runner_of(part.id);
        if (was != now) {
            log->warn("part {} (home {}, {} hosts): {} -> {} ({})", part.id, part.home,
                      part.hosts.size(), was.empty() ? "nobody" : was,
                      now.empty() ? "nobody: no live scheduler" : now, why);
        }
    }
    for (const auto& w : prepared->plan.warnings) {
        log->warn("{}", w.text());
    }
    refresh_desired();
    poke();
}

void ArbiterImpl::install(std::shared_ptr<Prepared> next) {
    prepared = std::move(next);
    const auto& topo = prepared->plan.topology;
    Links kept;
    for (const auto& info : topo.daemons) {
        if (info.kind == DaemonKind::arbiter && info.name == me.name) {
            continue;
        }
        DaemonKey key{info.kind, info.name};
        auto it = links.find(key);
        if (it != links.end() && it->second->info.address == info.address &&
            it->second->info.port == info.port) {
            it->second->info = info;
            kept[key] = it->second;
            links.erase(it);
            continue;
        }
        auto link = std::make_shared<LinkState>(info);
        kept[key] = link;
        if (started) {
            watch(link);  // the first configuration's links are watched from start()
        }
    }
    for (auto& [key, gone] : links) {
        gone->removed = true;
        if (dispatching() && gone->reachable() && !gone->managed.empty()) {
            log->info("{} {} left the configuration: telling it to idle", kind_name(key.kind),
                      key.name);
            boost::asio::co_spawn(
                daemon.io(),
                order(gone, "/wait_new_conf", nlohmann::json{{"arbiter", identity()}}.dump(),
                      gone->timeout(), "wait_new_conf (left the configuration)"),
                boost::asio::detached);
        }
    }
    links = std::move(kept);
    // The plan was made before the latest liveness: bring the assignment up to date.
    dispatch::reassign(prepared->plan, liveness());
    refresh_desired();
    poke();
}

Arbiter::Arbiter(daemon::Daemon& daemon, ArbiterOptions options, DaemonInfo me,
                 std::shared_ptr<Prepared> prepared)
    : impl_(std::make_shared<ArbiterImpl>(daemon, std::move(options), std::move(me),
                                          std::move(prepared))) {
    impl_->register_routes();
    impl_->register_peer_routes();
    std::weak_ptr<ArbiterImpl> weak = impl_;
    daemon.on_start([weak] {
        if (auto impl = weak.lock()) {
            impl->start();
        }
    });
    daemon.on_reload([weak] {
        if (auto impl = weak.lock()) {
            boost::asio::co_spawn(
                impl->daemon.io(),
                [impl]() -> boost::asio::awaitable<void> {
                    std::string origin = "SIGHUP";
                    co_await impl->reload(std::move(origin));
                },
                boost::asio::detached);
        }
    });
    daemon.on_stop([weak]() -> boost::asio::awaitable<void> {
        if (auto impl = weak.lock()) {
            impl->stopping = true;
            impl->wake->close();
        }
        co_return;
    });
}

Arbiter::~Arbiter() = default;

DaemonInfo find_me(const dispatch::Topology& topology, const std::string& wanted,
                   const std::string& host_name) {
    auto arbiters = topology.of_kind(DaemonKind::arbiter);
    std::string names;
    for (const auto* a : arbiters) {
        names += (names.empty() ? "" : ", ") + a->name;
    }
    if (!wanted.empty()) {
        if (const auto* a = topology.find(DaemonKind::arbiter, wanted)) {
            return *a;
        }
        throw core::Error(core::ErrorKind::not_found,
                          "no define arbiter with arbiter_name " + wanted +
                              " (defined: " + (names.empty() ? "none" : names) + ")");
    }
    for (const auto* a : arbiters) {
        if (!a->host_name.empty() &&
            (a->host_name == host_name || short_name(a->host_name) == short_name(host_name))) {
            return *a;
        }
    }
    if (arbiters.size() == 1) {
        return *arbiters.front();
    }
    throw core::Error(core::ErrorKind::invalid_input,
                      arbiters.empty()
                          ? std::string("the configuration defines no arbiter")
                          : std::to_string(arbiters.size()) + " arbiters are defined (" + names +
                                ") and none has host_name " + host_name +
                                ": start with -n <arbiter_name>");
}

}  // namespace yagura::arbiter
