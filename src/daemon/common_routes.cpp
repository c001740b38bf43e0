#include "common_routes.hpp"

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/metrics.hpp>
#include <yagura/net/router.hpp>
#include <yagura/net/server.hpp>

namespace yagura::daemon {

namespace {

using net::Request;
using net::Response;

// Shinken took `loglevel` as a parameter; a JSON body {"log_level": ...} works too.
std::string requested_level(Request& request) {
    for (const char* name : {"log_level", "loglevel"}) {
        if (auto value = request.query.find(name); value != request.query.end()) {
            return value->second;
        }
        if (auto fields = request.form(); fields.contains(name)) {
            return fields.find(name)->second;
        }
    }
    // curl -d sends JSON labelled as a form: look at the body, not the label.
    auto body_start = core::trim(request.body);
    if (!body_start.empty() && (body_start.front() == '{' || body_start.front() == '"')) {
        auto body = request.json();
        if (body.is_object() && body.contains("log_level") && body["log_level"].is_string()) {
            return body["log_level"].get<std::string>();
        }
        if (body.is_string()) {
            return body.get<std::string>();
        }
    }
    throw core::Error(core::ErrorKind::invalid_input,
                      "give the level as {\"log_level\": \"debug\"} or ?log_level=debug");
}

}  // namespace

void register_common_routes(Daemon& daemon) {
    auto& router = daemon.router();
    router.add_sync(
        "GET", "/ping", [](Request&) { return Response::json("pong"); },
        "answers \"pong\": the daemon is up");
    router.add_sync(
        "GET", "/get_running_id", [](Request&) { return Response::json(core::running_id()); },
        "identifies this run of the daemon; a new value means it restarted");
    router.add_sync(
        "GET", "/stats", [&daemon](Request&) { return Response::json(daemon.stats()); },
        "what the daemon manages, its queues, peers and HTTP counters (JSON)");
    router.add_sync(
        "GET", "/get_raw_stats", [&daemon](Request&) { return Response::json(daemon.stats()); },
        "Shinken's name for /stats");
    router.add_sync(
        "GET", "/metrics",
        [&daemon](Request&) {
            return Response::text(daemon.metrics(), 200,
                                  std::string(net::MetricsWriter::content_type));
        },
        "Prometheus metrics (text format 0.0.4)");
    router.add_sync(
        "GET", "/api",
        [&daemon](Request&) {
            nlohmann::json routes = nlohmann::json::array();
            for (const auto& route : daemon.router().routes()) {
                routes.push_back(
                    {{"method", route.method}, {"path", route.path}, {"doc", route.doc}});
            }
            return Response::json(routes);
        },
        "the routes this daemon answers");
    router.add_sync(
        "GET", "/get_log_level",
        [](Request&) {
            return Response::json({{"log_level", core::current_log_level()}});
        },
        "the current log level");
    router.add_sync(
        "POST", "/set_log_level",
        [](Request& request) {
            auto level = requested_level(request);
            core::set_log_level(core::to_lower(level));
            core::logger("daemon")->info("log level set to {} by {}", level,
                                         request.remote_address);
            return Response::json({{"log_level", core::current_log_level()}});
        },
        "changes the log level: {\"log_level\": \"debug\"}");
}

void render_common_metrics(const Daemon& daemon, const net::HttpServer* server,
                           const net::HttpClient& client, double started,
                           net::MetricsWriter& writer) {
    const auto& settings = daemon.settings();
    net::Labels who = {{"role", settings.role}, {"name", settings.name}};
    auto info = who;
    info.emplace_back("version", YAGURA_VERSION);
    writer.gauge("yagura_daemon_info", "Constant 1, labelled with the daemon's identity.", 1, info);
    writer.gauge("yagura_daemon_start_time_seconds", "When the daemon started (epoch).", started,
                 who);
    if (server != nullptr) {
        const auto& http = server->stats();
        writer.counter("yagura_http_connections_accepted_total", "Connections accepted.",
                       static_cast<double>(http.connections_accepted), who);
        writer.gauge("yagura_http_connections_active", "Connections open now.",
                     static_cast<double>(http.connections_active), who);
        writer.counter("yagura_http_requests_total", "Requests read.",
                       static_cast<double>(http.requests), who);
        writer.gauge("yagura_http_requests_in_flight", "Requests being handled now.",
                     static_cast<double>(http.requests_in_flight), who);
        auto with_class = [&](const char* status_class) {
            auto labels = who;
            labels.emplace_back("class", status_class);
            return labels;
        };
        writer.counter("yagura_http_errors_total", "Error answers by status class.",
                       static_cast<double>(http.errors_4xx), with_class("4xx"));
        writer.counter("yagura_http_errors_total", "Error answers by status class.",
                       static_cast<double>(http.errors_5xx), with_class("5xx"));
        writer.counter("yagura_http_timeouts_total", "Connections cut for being too slow.",
                       static_cast<double>(http.timeouts), who);
        writer.counter("yagura_tls_handshake_failures_total", "TLS handshakes that failed.",
                       static_cast<double>(http.tls_handshake_failures), who);
    }
    const auto& calls = client.stats();
    writer.counter("yagura_peer_requests_total", "Requests made to peer daemons.",
                   static_cast<double>(calls.requests), who);
    writer.counter("yagura_peer_failures_total", "Requests to peers that failed.",
                   static_cast<double>(calls.failures), who);
}

}  // namespace yagura::daemon
