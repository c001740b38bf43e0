// What the scheduler shows: /stats, /metrics, and the state of its hosts and services for
// curl users (GET /get_host, /get_service, /objects/hosts, /objects/services).
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/model/json.hpp>
#include <yagura/net/http.hpp>
#include <yagura/net/metrics.hpp>
#include <yagura/net/router.hpp>

#include "scheduler/scheduler_impl.hpp"

namespace yagura::scheduler {

namespace {

using net::Request;
using net::Response;
using nlohmann::json;

std::string required(const Request& request, const char* name, const char* example) {
    auto value = request.param(name);
    if (!value || value->empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          std::string(name) + " is missing (" + example + ")");
    }
    return *value;
}

const model::Config& config_of(const SchedulerCore& self) {
    engine::Engine* e = self.engine();
    if (e == nullptr) {
        throw core::Error(core::ErrorKind::unavailable,
                          "this scheduler runs no part: it waits for its configuration");
    }
    return e->config();
}

Response host_view(const SchedulerCore& self, const Request& request) {
    const model::Config& cfg = config_of(self);
    std::string name = required(request, "name", "name=web1");
    model::Index i = cfg.hosts.find(name, cfg.pool);
    if (i == model::kNoIndex) {
        throw core::Error(core::ErrorKind::not_found,
                          "host '" + name + "' is not in this scheduler's part");
    }
    return Response::json(model::to_json(cfg.hosts[i], cfg.pool, model::JsonView::state));
}

Response service_view(const SchedulerCore& self, const Request& request) {
    const model::Config& cfg = config_of(self);
    std::string host = required(request, "host", "host=web1&service=HTTP");
    std::string service = required(request, "service", "host=web1&service=HTTP");
    auto h = cfg.pool.find(host);
    auto s = cfg.pool.find(service);
    model::Index i = h && s ? cfg.services.find(*h, *s) : model::kNoIndex;
    if (i == model::kNoIndex) {
        throw core::Error(core::ErrorKind::not_found,
                          "service '" + host + "/" + service + "' is not in this scheduler's part");
    }
    return Response::json(model::to_json(cfg.services[i], cfg.pool, model::JsonView::state));
}

template <class T>
Response all_of(const SchedulerCore& self, const model::Table<T>& (*table)(const model::Config&)) {
    const model::Config& cfg = config_of(self);
    json out = json::array();
    for (const T& obj : table(cfg)) {
        out.push_back(model::to_json(obj, cfg.pool, model::JsonView::state));
    }
    return Response::json(out);
}

json polls_json(const LongPollCounters& c, std::size_t waiting) {
    return {{"calls", c.calls},
            {"answered_at_once", c.answered_at_once},
            {"woken", c.woken},
            {"timed_out", c.timed_out},
            {"waiting", waiting}};
}

}  // namespace

void SchedulerCore::add_views() {
    net::Router& router = daemon.router();
    std::weak_ptr<SchedulerCore> weak = weak_from_this();
    auto guarded = [weak](Response (*view)(const SchedulerCore&, const Request&)) {
        return [weak, view](Request& request) {
            auto self = weak.lock();
            if (!self) {
                return Response::error(503, "unavailable", "the scheduler is stopping");
            }
            return view(*self, request);
        };
    };
    router.add_sync("GET", "/get_host", guarded(host_view),
                    "the state of one host of this scheduler (name=)");
    router.add_sync("GET", "/get_service", guarded(service_view),
                    "the state of one service of this scheduler (host=, service=)");
    router.add_sync("GET", "/objects/hosts", guarded([](const SchedulerCore& self, const Request&) {
                        return all_of<model::Host>(
                            self, [](const model::Config& c) -> const model::Table<model::Host>& {
                                return c.hosts;
                            });
                    }),
                    "the state of every host of this scheduler");
    router.add_sync(
        "GET", "/objects/services", guarded([](const SchedulerCore& self, const Request&) {
            return all_of<model::Service>(
                self, [](const model::Config& c) -> const model::Table<model::Service>& {
                    return c.services;
                });
        }),
        "the state of every service of this scheduler");
}

json SchedulerCore::stats() const {
    json out = {{"ticks", ticks},
                {"last_error", last_error.empty() ? json(nullptr) : json(last_error)},
                {"long_polls",
                 {{"get_checks", polls_json(check_polls, checks_event->waiters())},
                  {"get_broks", polls_json(brok_polls, broks_event->waiters())}}}};
    if (!part) {
        out["part"] = nullptr;
        out["engine"] = nullptr;
        out["retention"] = nullptr;
        return out;
    }
    out["part"] = {{"part_id", part->info.part_id},
                   {"flavor", part->info.flavor},
                   {"realm", part->info.realm},
                   {"instance_name", part->info.instance_name},
                   {"running_since", part->started_at}};
    out["engine"] = part->engine->stats();
    if (part->writer) {
        out["retention"] = {{"store", part->retention},
                            {"loaded",
                             {{"applied", part->loaded.applied},
                              {"unknown", part->loaded.unknown},
                              {"invalid", part->loaded.invalid}}},
                            {"writer", part->writer->stats()}};
    } else {
        out["retention"] = nullptr;
    }
    return out;
}

void SchedulerCore::add_metrics() {
    std::weak_ptr<SchedulerCore> weak = weak_from_this();
    daemon.add_metrics([weak](net::MetricsWriter& m) {
        auto self = weak.lock();
        if (!self) {
            return;
        }
        const LongPollCounters& polls = self->check_polls;
        m.counter("yagura_scheduler_get_checks_total", "get_checks calls", polls.calls);
        m.counter("yagura_scheduler_get_checks_woken_total",
                  "get_checks long polls that waited and got actions", polls.woken);
        m.counter("yagura_scheduler_get_checks_timed_out_total",
                  "get_checks long polls that waited and got nothing", polls.timed_out);
        m.gauge("yagura_scheduler_part_running", "1 when a part runs", self->part ? 1 : 0);
        if (!self->part) {
            return;
        }
        json s = self->part->engine->stats();
        m.gauge("yagura_scheduler_hosts", "hosts of the part", s["hosts"].get<double>());
        m.gauge("yagura_scheduler_services", "services of the part", s["services"].get<double>());
        m.gauge("yagura_scheduler_checks_scheduled", "checks waiting for their time",
                s["checks"]["scheduled"].get<double>());
        m.gauge("yagura_scheduler_checks_ready", "checks due, not yet handed out",
                s["checks"]["ready"].get<double>());
        m.gauge("yagura_scheduler_checks_in_flight", "checks handed out, result awaited",
                s["checks"]["in_flight"].get<double>());
        m.counter("yagura_scheduler_results_total", "results consumed",
                  s["results"]["total"].get<double>());
        m.gauge("yagura_scheduler_results_per_second", "results per second, recent",
                s["results"]["per_second"].get<double>());
        for (const char* q : {"p50", "p95", "p99"}) {
            std::string quantile =
                q == std::string("p50") ? "0.5" : (q == std::string("p95") ? "0.95" : "0.99");
            m.gauge("yagura_scheduler_latency_seconds", "from due to handed out",
                    s["latency"][q].get<double>(), {{"quantile", quantile}});
        }
        m.counter("yagura_scheduler_notifications_sent_total", "notifications sent",
                  s["notifications"]["sent"].get<double>());
        for (const json& b : s["broks"]["brokers"]) {
            m.gauge("yagura_scheduler_broker_queue", "broks waiting for a broker",
                    b["queue"].get<double>(), {{"broker", b["name"].get<std::string>()}});
        }
        if (auto writer = self->part->writer) {
            retention::WriterStats w = writer->stats();
            m.gauge("yagura_scheduler_retention_pending_keys", "retention changes not yet durable",
                    static_cast<double>(w.pending_keys));
            m.gauge("yagura_scheduler_retention_store_up", "1 when the last retention write worked",
                    w.store_available ? 1 : 0);
            m.counter("yagura_scheduler_retention_written_keys_total", "retention changes written",
                      static_cast<double>(w.written_keys));
            m.gauge("yagura_scheduler_retention_delay_seconds", "put to durable, p99", w.delay_p99,
                    {{"quantile", "0.99"}});
        }
    });
}

}  // namespace yagura::scheduler
