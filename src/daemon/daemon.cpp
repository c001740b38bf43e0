#include <filesystem>
#include <optional>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/daemon/async_event.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/daemon/pidfile.hpp>
#include <yagura/daemon/process.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/metrics.hpp>
#include <yagura/net/router.hpp>
#include <yagura/net/server.hpp>

#include "common_routes.hpp"

namespace yagura::daemon {

namespace asio = boost::asio;

struct Daemon::Impl {
    explicit Impl(const DaemonSettings& settings)
        : client(io, net::ClientSettings{.tls = settings.tls}), signals(io) {}

    asio::io_context io;
    net::Router router;
    net::HttpClient client;
    std::unique_ptr<net::HttpServer> server;
    asio::signal_set signals;
    std::vector<std::pair<std::string, std::function<nlohmann::json()>>> stats;
    std::vector<std::function<void(net::MetricsWriter&)>> metrics;
    std::vector<std::function<void()>> start_hooks;
    std::vector<std::function<asio::awaitable<void>()>> stop_hooks;
    std::vector<std::function<void()>> reload_hooks;
    std::vector<std::weak_ptr<AsyncEvent>> events;
    double started = 0;
    bool stopping = false;
};

namespace {

net::ServerSettings server_settings(const DaemonSettings& settings) {
    net::ServerSettings server;
    server.host = settings.host;
    server.port = settings.port;
    server.tls = settings.tls;
    server.body_limit = settings.max_request_body;
    return server;
}

void enter_workdir(const std::string& workdir) {
    std::error_code ec;
    std::filesystem::current_path(workdir, ec);
    if (ec) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "cannot enter workdir " + workdir + ": " + ec.message());
    }
}

}  // namespace

Daemon::Daemon(DaemonSettings settings)
    : settings_(std::move(settings)), impl_(std::make_unique<Impl>(settings_)) {
    register_common_routes(*this);
}

Daemon::~Daemon() = default;

asio::io_context& Daemon::io() {
    return impl_->io;
}
net::Router& Daemon::router() {
    return impl_->router;
}
net::HttpClient& Daemon::client() {
    return impl_->client;
}

void Daemon::add_stats(std::string key, std::function<nlohmann::json()> provider) {
    impl_->stats.emplace_back(std::move(key), std::move(provider));
}
void Daemon::add_metrics(std::function<void(net::MetricsWriter&)> provider) {
    impl_->metrics.push_back(std::move(provider));
}
void Daemon::on_start(std::function<void()> hook) {
    impl_->start_hooks.push_back(std::move(hook));
}
void Daemon::on_stop(std::function<asio::awaitable<void>()> hook) {
    impl_->stop_hooks.push_back(std::move(hook));
}
void Daemon::on_reload(std::function<void()> hook) {
    impl_->reload_hooks.push_back(std::move(hook));
}

std::shared_ptr<AsyncEvent> Daemon::make_event() {
    auto event = std::make_shared<AsyncEvent>(impl_->io);
    impl_->events.push_back(event);
    return event;
}

std::uint16_t Daemon::port() const {
    return impl_->server ? impl_->server->port() : 0;
}

int Daemon::run(const std::function<void()>& wire_roles) {
    auto log = core::logger("daemon");
    for (const auto& warning : settings_.warnings) {
        log->warn("{}", warning);
    }
    PidFile pidfile(settings_.pidfile);
    if (settings_.daemonize) {
        impl_->io.notify_fork(asio::execution_context::fork_prepare);
        daemonize();
        impl_->io.notify_fork(asio::execution_context::fork_child);
        pidfile.write_pid();
    }
    if (wire_roles) {
        wire_roles();
    }
    enter_workdir(settings_.workdir);
    impl_->server =
        std::make_unique<net::HttpServer>(impl_->io, server_settings(settings_), impl_->router);
    impl_->server->start();
    drop_privileges(settings_.user, settings_.group);
    impl_->started = core::SystemClock().now();

    impl_->signals.add(SIGTERM);
    impl_->signals.add(SIGINT);
    impl_->signals.add(SIGHUP);
    asio::co_spawn(
        impl_->io,
        [this]() -> asio::awaitable<void> {
            for (;;) {
                auto [ec, signal] =
                    co_await impl_->signals.async_wait(asio::as_tuple(asio::use_awaitable));
                if (ec) {
                    co_return;
                }
                if (signal == SIGHUP) {
                    core::logger("daemon")->info("SIGHUP: reopening logs");
                    core::reopen_logs();
                    for (auto& hook : impl_->reload_hooks) {
                        hook();
                    }
                } else {
                    core::logger("daemon")->info("signal {}: stopping", signal);
                    request_stop();
                }
            }
        },
        asio::detached);

    for (auto& hook : impl_->start_hooks) {
        hook();
    }
    log->info("{} '{}' started, pid {}, {}://{}:{}, running id {}", settings_.role, settings_.name,
              ::getpid(), settings_.tls.use_ssl ? "https" : "http", settings_.host, port(),
              core::running_id());
    notify_systemd("READY=1");
    impl_->io.run();
    log->info("{} '{}' stopped", settings_.role, settings_.name);
    return 0;
}

void Daemon::request_stop() {
    if (impl_->stopping) {
        return;
    }
    impl_->stopping = true;
    notify_systemd("STOPPING=1");
    asio::co_spawn(
        impl_->io,
        [this]() -> asio::awaitable<void> {
            for (auto& weak : impl_->events) {
                if (auto event = weak.lock()) {
                    event->close();
                }
            }
            for (auto& hook : impl_->stop_hooks) {
                try {
                    co_await hook();
                } catch (const std::exception& e) {
                    core::logger("daemon")->error("stop hook failed: {}", e.what());
                }
            }
            if (impl_->server) {
                co_await impl_->server->stop(settings_.stop_grace);
            }
            impl_->signals.cancel();
            impl_->client.close_idle();
            impl_->io.stop();
        },
        asio::detached);
}

nlohmann::json Daemon::stats() const {
    auto now = core::SystemClock().now();
    nlohmann::json out = {{"daemon", settings_.name},
                          {"role", settings_.role},
                          {"version", YAGURA_VERSION},
                          {"running_id", core::running_id()},
                          {"pid", ::getpid()},
                          {"started", impl_->started},
                          {"uptime", impl_->started > 0 ? now - impl_->started : 0.0}};
    if (impl_->server) {
        const auto& http = impl_->server->stats();
        out["http"] = {{"connections_accepted", http.connections_accepted},
                       {"connections_active", http.connections_active},
                       {"requests", http.requests},
                       {"requests_in_flight", http.requests_in_flight},
                       {"errors_4xx", http.errors_4xx},
                       {"errors_5xx", http.errors_5xx},
                       {"timeouts", http.timeouts},
                       {"tls_handshake_failures", http.tls_handshake_failures}};
    }
    const auto& client = impl_->client.stats();
    out["client"] = {{"connections_opened", client.connections_opened},
                     {"requests", client.requests},
                     {"failures", client.failures}};
    for (const auto& [key, provider] : impl_->stats) {
        out[key] = provider();
    }
    return out;
}

std::string Daemon::metrics() const {
    net::MetricsWriter writer;
    render_common_metrics(*this, impl_->server.get(), impl_->client, impl_->started, writer);
    for (const auto& provider : impl_->metrics) {
        provider(writer);
    }
    return writer.render();
}

}  // namespace yagura::daemon
