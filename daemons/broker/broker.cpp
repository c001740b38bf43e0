#include "broker/broker.hpp"

namespace yagura::broker {

Broker::Broker(daemon::Daemon& daemon) : daemon_(daemon), configuration_(daemon, "broker") {
    // The configuration is kept and shown in /stats; what the broker does with it arrives
    // with the issue that builds its work.
}

}  // namespace yagura::broker
