#include <yagura/core/clock.hpp>
#include <yagura/net/router.hpp>

#include "arbiter/arbiter_impl.hpp"

namespace yagura::arbiter {

namespace asio = boost::asio;
using net::Request;
using net::Response;
using nlohmann::json;

json ArbiterImpl::all_states() const {
    json out = json::object();
    for (auto kind : {DaemonKind::arbiter, DaemonKind::scheduler, DaemonKind::poller,
                      DaemonKind::reactionner, DaemonKind::broker, DaemonKind::receiver}) {
        out[std::string(kind_name(kind))] = json::array();
    }
    const auto& topo = prepared->plan.topology;
    json self = {{"type", "arbiter"},   {"name", me.name},   {"address", me.address},
                 {"port", me.port},     {"spare", me.spare}, {"alive", true},
                 {"reachable", true},   {"active", active},  {"epoch", epoch},
                 {"this_arbiter", true}};
    out["arbiter"].push_back(self);
    for (const auto& [key, link] : links) {
        out[std::string(kind_name(key.kind))].push_back(link->state(topo));
    }
    return out;
}

json ArbiterImpl::stats() const {
    json parts = json::array();
    for (const auto& part : prepared->plan.layout.parts) {
        parts.push_back({{"part_id", part.id},
                         {"realm", part.realm_name},
                         {"home", part.home},
                         {"scheduler", prepared->plan.assignment.runner_of(part.id)},
                         {"hosts", part.hosts.size()},
                         {"services", part.load - part.hosts.size()},
                         {"flavor", part.flavor}});
    }
    json superseded =
        superseded_by ? json{{"arbiter", superseded_by->first}, {"epoch", superseded_by->second}}
                      : json();
    return {{"arbiter_name", me.name},
            {"spare", me.spare},
            {"active", active},
            {"epoch", epoch},
            {"active_since", active_since},
            {"superseded_by", superseded},
            {"master", me.spare ? json(master_name) : json()},
            {"configuration",
             {{"source", prepared->source},
              {"loaded_at", prepared->prepared_at},
              {"hosts", prepared->plan.hosts},
              {"services", prepared->plan.services},
              {"shards", prepared->plan.shards},
              {"warnings", prepared->warnings}}},
            {"parts", std::move(parts)},
            {"reloading", reloading}};
}

void ArbiterImpl::register_routes() {
    auto& router = daemon.router();
    auto self = shared_from_this();
    router.add_sync(
        "GET", "/get_all_states", [self](Request&) { return Response::json(self->all_states()); },
        "every daemon link: type, realm, alive, reachable, attempts, last check, parts");
    router.add_sync(
        "GET", "/get_satellite_list",
        [self](Request& r) {
            json out = json::object();
            for (const auto& [key, link] : self->links) {
                auto kind = std::string(kind_name(key.kind));
                if (!out.contains(kind)) {
                    out[kind] = json::array();
                }
                out[kind].push_back(key.name);
            }
            if (auto type = r.param("daemon_type")) {
                return Response::json(out.value(*type, json::array()));
            }
            return Response::json(out);
        },
        "the daemons of the configuration by type (?daemon_type=poller for one type)");
    router.add_sync(
        "GET", "/dispatch",
        [self](Request&) { return Response::text(dispatch::describe(self->prepared->plan)); },
        "how the configuration is dispatched: parts, schedulers, satellites (text)");
    router.add(
        "POST", "/reload_configuration",
        [self](Request&) -> asio::awaitable<Response> {
            std::string origin = "POST /reload_configuration";
            auto response = co_await self->reload(std::move(origin));
            co_return response;
        },
        "reload the configuration files; 400 with the errors if they are refused");
    daemon.add_stats("arbiter", [self] { return self->stats(); });
}

}  // namespace yagura::arbiter
