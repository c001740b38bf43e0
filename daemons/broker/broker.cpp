#include "broker/broker.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/modules/graphite/graphite_module.hpp>
#include <yagura/modules/logfile/logfile_module.hpp>
#include <yagura/net/metrics.hpp>

#include "broker/broker_ini.hpp"
#include "broker/broker_runtime.hpp"
#include "broker/received_config.hpp"

namespace yagura::broker {

namespace asio = boost::asio;

Broker::Broker(daemon::Daemon& daemon, BrokerOptions options)
    : daemon_(daemon),
      options_(std::move(options)),
      clock_(options_.clock ? *options_.clock : system_clock_),
      configuration_(daemon, "broker") {
    // The module types, registered here and nowhere else.
    registry_.add("livestatus", [this](const modules::ModuleConfig& config,
                                       const modules::ModuleContext& context) {
        std::vector<std::string> unused;
        auto settings = livestatus_module_settings(config, context.workdir, &unused);
        for (const auto& key : unused) {
            core::logger("broker")->warn("module '{}': parameter '{}' is not used by livestatus",
                                         config.name, key);
        }
        return std::make_unique<LivestatusModule>(context, config.name, std::move(settings),
                                                  runtime_->state, &runtime_->router,
                                                  runtime_->fanout);
    });
    registry_.add("graphite", modules::graphite::make_graphite_module, {"graphite_perfdata"});
    registry_.add("logfile", modules::logfile::make_logfile_module, {"simple_log", "logs"});

    if (options_.read_ini) {
        auto ini = load_broker_ini(daemon_.settings().config_file, daemon_.settings().tls.use_ssl);
        modules_ = std::move(ini.modules);
        schedulers_ = std::move(ini.schedulers);
    }
    configuration_.on_change(
        [this](const daemon::ReceivedConfig& received) { apply_received(received); });
    daemon_.add_stats("broker", [this] { return stats(); });
    daemon_.add_metrics([this](net::MetricsWriter& out) {
        if (runtime_) {
            runtime_->metrics(out);
        }
    });
    daemon_.on_start([this] { start(); });
    daemon_.on_stop([this] { return stop(); });
}

Broker::~Broker() = default;

void Broker::start() {
    // The log history of Livestatus' log table lives where the livestatus module says, or in
    // <workdir>/livestatus-log; the state is built once, so a change needs a restart.
    modules::brokerstate::BrokerStateSettings state_settings;
    state_settings.log.directory =
        std::filesystem::path(daemon_.settings().workdir) / "livestatus-log";
    for (const auto& config : modules_) {
        if (registry_.canonical(config.type) == "livestatus") {
            try {
                state_settings.log =
                    livestatus_module_settings(config, daemon_.settings().workdir).log;
            } catch (const std::exception&) {
                // Reported when the module itself is built.
            }
            break;
        }
    }
    runtime_ =
        std::make_unique<Runtime>(daemon_, options_, clock_, registry_, std::move(state_settings));
    runtime_->apply_modules(modules_);
    runtime_->apply_schedulers(schedulers_);
}

asio::awaitable<void> Broker::stop() {
    stopped_ = true;
    if (!runtime_) {
        co_return;
    }
    co_await runtime_->stop();
    // Let the coroutines that were told to end do so before their objects go.
    for (int turn = 0; turn < 3; ++turn) {
        co_await asio::post(daemon_.io(), asio::use_awaitable);
    }
    runtime_.reset();
}

void Broker::apply_received(const daemon::ReceivedConfig& received) {
    auto log = core::logger("broker");
    BrokerAssignment assignment;
    try {
        assignment = broker_assignment_from_json(received.satellite_json());
    } catch (const std::exception& e) {
        // Kept by the receiver (the arbiter sees it in what_i_managed) but not usable.
        log->error("the configuration from arbiter '{}' is unusable: {}", received.arbiter.name,
                   e.what());
        return;
    }
    log->info("configuration from arbiter '{}' (epoch {}): {} scheduler(s){}",
              received.arbiter.name, received.arbiter.epoch, assignment.schedulers.size(),
              received.idle() ? ", idle: pulling stops" : "");
    if (assignment.modules) {
        set_modules(std::move(*assignment.modules));
    } else if (!assignment.module_names_only.empty()) {
        log->warn(
            "the arbiter names the modules {} without their definitions: the broker keeps "
            "running the {} module(s) of its ini",
            core::join(assignment.module_names_only, ", "), modules_.size());
    }
    set_schedulers(std::move(assignment.schedulers));
}

void Broker::set_schedulers(std::vector<SchedulerEndpoint> schedulers) {
    schedulers_ = schedulers;
    if (runtime_ && !stopped_) {
        runtime_->apply_schedulers(std::move(schedulers));
    }
}

void Broker::set_modules(std::vector<modules::ModuleConfig> modules) {
    modules_ = modules;
    if (runtime_ && !stopped_) {
        runtime_->apply_modules(std::move(modules));
    }
}

nlohmann::json Broker::stats() const {
    if (runtime_) {
        return runtime_->stats();
    }
    auto schedulers = nlohmann::json::array();
    for (const auto& s : schedulers_) {
        schedulers.push_back(to_json(s));
    }
    auto configured = nlohmann::json::array();
    for (const auto& m : modules_) {
        configured.push_back(modules::to_json(m));
    }
    return {{"schedulers", schedulers}, {"modules", configured}};
}

}  // namespace yagura::broker
