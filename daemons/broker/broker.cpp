#include "broker/broker.hpp"

#include <nlohmann/json.hpp>

namespace yagura::broker {

Broker::Broker(daemon::Daemon& daemon) : daemon_(daemon) {
    // Until the arbiter pushes a configuration (a later issue), there is nothing to manage.
    daemon_.add_stats("configuration", [] { return nlohmann::json{{"received", false}}; });
}

}  // namespace yagura::broker
