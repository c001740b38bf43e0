#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/satellite/role.hpp>
#include <yagura/satellite/satellite.hpp>

namespace yagura::satellite {

SatelliteRole::SatelliteRole(daemon::Daemon& daemon, Role role) : daemon_(daemon), role_(role) {
    const auto& settings = daemon_.settings();
    satellite_ = std::make_unique<Satellite>(
        daemon_.io(), SatelliteOptions{.role = role, .name = settings.name, .tls = settings.tls});

    daemon_.on_start([this] { satellite_->start(); });
    // The engine goes away at the end of the stop, while the loop still exists: it owns the
    // runner and the clients, which must not outlive the daemon's io_context.
    daemon_.on_stop([this]() -> boost::asio::awaitable<void> {
        if (satellite_) {
            co_await satellite_->stop(kStopDelivery);
            satellite_.reset();
        }
    });
    daemon_.add_stats(std::string(to_string(role)), [this] {
        return satellite_ ? satellite_->stats() : nlohmann::json{{"stopped", true}};
    });
    daemon_.add_metrics([this](net::MetricsWriter& writer) {
        if (satellite_) {
            satellite_->write_metrics(
                writer, {{"role", daemon_.settings().role}, {"name", daemon_.settings().name}});
        }
    });
}

SatelliteRole::~SatelliteRole() = default;

void SatelliteRole::apply_config(SatelliteConfig config) {
    if (!satellite_) {
        core::logger(to_string(role_))->info("configuration ignored: the daemon has stopped");
        return;
    }
    satellite_->apply_config(std::move(config));
}

void SatelliteRole::apply_config_json(const nlohmann::json& body) {
    apply_config(parse_satellite_config(body, role_));
}

}  // namespace yagura::satellite
