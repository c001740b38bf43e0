#include "poller/poller.hpp"

#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>

namespace yagura::poller {

Poller::Poller(daemon::Daemon& daemon)
    : role_(daemon, satellite::Role::poller), configuration_(daemon, "poller") {
    configuration_.on_change([this](const daemon::ReceivedConfig& held) {
        try {
            role_.apply_config_json(held.satellite_json());
        } catch (const std::exception& e) {
            // Kept by the receiver (the arbiter sees it in what_i_managed) but not usable.
            core::logger("poller")->error("the configuration from the arbiter is unusable: {}",
                                          e.what());
        }
    });
}

}  // namespace yagura::poller
