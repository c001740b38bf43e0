#include "arbiter/commands.hpp"

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/daemon/command_file.hpp>
#include <yagura/daemon/command_routes.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/net/metrics.hpp>

#include "arbiter/prepared.hpp"

namespace yagura::arbiter {

namespace {

double wall_now() {
    static const core::SystemClock clock;
    return clock.now();
}

daemon::CommandRoutes routes_of(const Prepared& prepared) {
    daemon::CommandRoutes routes;
    const auto& plan = prepared.plan;
    for (const auto& part : plan.layout.parts) {
        for (const auto& host : part.hosts) {
            routes.host_parts[host] = part.id;
        }
        const auto* runner =
            plan.topology.find(DaemonKind::scheduler, plan.assignment.runner_of(part.id));
        if (runner != nullptr) {
            routes.targets.push_back({part.id,
                                      runner->name,
                                      {runner->address, runner->port, runner->name},
                                      runner->use_ssl});
        }
    }
    return routes;
}

}  // namespace

ArbiterCommands::ArbiterCommands(daemon::Daemon& daemon) : daemon_(daemon) {
    daemon::CommandRouterOptions options;
    options.owner = "arbiter";
    options.spool_dir = std::filesystem::path(daemon_.settings().workdir) / "commands";
    options.tls = daemon_.settings().tls;
    commands_ = std::make_unique<daemon::CommandRouter>(daemon_.io(), options);
    daemon::add_command_routes(daemon_.router(), *commands_, {}, wall_now);
    daemon_.add_stats("commands", [this] { return commands_->stats(); });
    daemon_.add_metrics([this](net::MetricsWriter& out) { commands_->write_metrics(out); });
    // Stops without suspending: the arbiter's own stop hook must run at once (its loops end
    // when it has run), and what is queued is on disk for the next start anyway.
    daemon_.on_stop([this]() -> boost::asio::awaitable<void> {
        if (command_file_) {
            command_file_->stop();
        }
        commands_->request_stop();
        co_return;
    });
}

ArbiterCommands::~ArbiterCommands() = default;

void ArbiterCommands::follow(const Prepared& prepared) {
    const auto& cfg = *prepared.config;
    commands_->accept_unknown_check_results(cfg.globals.accept_passive_unknown_check_results);
    commands_->set_routes(routes_of(prepared));
    std::filesystem::path path;
    if (cfg.globals.check_external_commands) {
        path = std::string(cfg.pool.str(cfg.globals.command_file));
    }
    if (path == command_file_path_) {
        return;
    }
    if (command_file_) {
        command_file_->stop();
        command_file_.reset();
    }
    command_file_path_ = path;
    if (path.empty()) {
        return;
    }
    command_file_ = std::make_unique<daemon::CommandFile>(daemon_.io(), path, *commands_, wall_now);
    try {
        command_file_->start();
    } catch (const core::Error& e) {
        core::logger("arbiter")->error("{}", e.what());
        command_file_.reset();
    }
}

}  // namespace yagura::arbiter
