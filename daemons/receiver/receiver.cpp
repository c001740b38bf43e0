#include "receiver/receiver.hpp"

#include <set>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/daemon/command_file.hpp>
#include <yagura/daemon/ini.hpp>
#include <yagura/net/metrics.hpp>
#include <yagura/net/router.hpp>

namespace yagura::receiver {

namespace {

double wall_now() {
    static const core::SystemClock clock;
    return clock.now();
}

ReceiverOptions options_of(const daemon::DaemonSettings& settings) {
    if (settings.config_file.empty()) {
        daemon::IniFile none;
        return ReceiverOptions::from_ini(none, settings);
    }
    return ReceiverOptions::from_ini(daemon::load_ini(settings.config_file), settings);
}

}  // namespace

Receiver::Receiver(daemon::Daemon& daemon) : Receiver(daemon, options_of(daemon.settings())) {}

Receiver::Receiver(daemon::Daemon& daemon, ReceiverOptions options)
    : daemon_(daemon), options_(std::move(options)), configuration_(daemon, "receiver") {
    daemon::CommandRouterOptions router_options;
    router_options.owner = "receiver";
    router_options.spool_dir = options_.spool_dir;
    router_options.limits = options_.limits;
    router_options.accept_unknown_check_results = options_.accept_unknown_check_results;
    router_options.tls = daemon_.settings().tls;
    commands_ = std::make_unique<daemon::CommandRouter>(daemon_.io(), router_options);
    daemon::add_command_routes(daemon_.router(), *commands_, options_.auth, wall_now);

    if (!options_.command_file.empty()) {
        command_file_ = std::make_unique<daemon::CommandFile>(daemon_.io(), options_.command_file,
                                                              *commands_, wall_now);
    }
    if (options_.nsca) {
        nsca_ = std::make_unique<NscaServer>(daemon_.io(), *options_.nsca, *commands_, wall_now);
    }
    daemon_.add_stats("commands", [this] {
        auto out = commands_->stats();
        if (command_file_) {
            out["command_file"] = {{"path", options_.command_file.string()},
                                   {"lines", command_file_->lines_read()},
                                   {"refused", command_file_->lines_refused()},
                                   {"pending", command_file_->pending()}};
        }
        if (nsca_) {
            out["nsca"] = nsca_->stats();
        }
        out["auth"] = options_.auth.required();
        return out;
    });
    daemon_.add_metrics([this](net::MetricsWriter& out) { commands_->write_metrics(out); });
    configuration_.on_change([this](const daemon::ReceivedConfig& c) { apply_config(c); });
    daemon_.on_start([this] { start(); });
    daemon_.on_stop([this]() -> boost::asio::awaitable<void> {
        if (command_file_) {
            command_file_->stop();
        }
        if (nsca_) {
            nsca_->stop();
        }
        co_await commands_->stop(std::chrono::milliseconds(1000));
    });
}

Receiver::~Receiver() = default;

void Receiver::start() {
    if (command_file_) {
        command_file_->start();
    }
    if (nsca_) {
        nsca_->start();
    }
}

void Receiver::apply_routes(daemon::CommandRoutes routes) {
    core::logger("receiver")
        ->info("routing commands for {} hosts to {} schedulers", routes.host_parts.size(),
               routes.targets.size());
    commands_->set_routes(std::move(routes));
}

void Receiver::apply_config(const daemon::ReceivedConfig& config) {
    daemon::CommandRoutes routes;
    std::set<std::int64_t> served;
    for (const auto& s : config.schedulers) {
        routes.targets.push_back({s.part_id, s.name, {s.address, s.port, s.name}, s.use_ssl});
        served.insert(s.part_id);
    }
    routes.host_parts.insert(config.host_map.begin(), config.host_map.end());
    // While no scheduler runs a part (its scheduler died and no spare took it), the arbiter
    // leaves the part out, or tells us to wait for a new configuration. Its hosts still belong
    // to it: their commands are accepted and wait in its queue for the scheduler that comes.
    std::size_t waiting = 0;
    for (const auto& [host, part] : known_hosts_) {
        if (!served.contains(part) && routes.host_parts.emplace(host, part).second) {
            ++waiting;
        }
    }
    if (routes.host_parts.empty() && routes.targets.empty()) {
        core::logger("receiver")
            ->info(
                "no configuration: commands are refused (503) until "
                "the arbiter sends one; queued commands are kept");
        commands_->clear_routes();
        return;
    }
    if (waiting > 0) {
        core::logger("receiver")
            ->warn("{} hosts have no scheduler now: their commands wait", waiting);
    }
    known_hosts_ = routes.host_parts;
    apply_routes(std::move(routes));
}

std::uint16_t Receiver::nsca_port() const {
    return nsca_ ? nsca_->port() : 0;
}

}  // namespace yagura::receiver
