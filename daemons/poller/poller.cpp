#include "poller/poller.hpp"

#include <nlohmann/json.hpp>

namespace yagura::poller {

Poller::Poller(daemon::Daemon& daemon) : daemon_(daemon) {
    // Until the arbiter pushes a configuration (a later issue), there is nothing to manage.
    daemon_.add_stats("configuration", [] { return nlohmann::json{{"received", false}}; });
}

}  // namespace yagura::poller
