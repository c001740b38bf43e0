#include "poller/poller.hpp"

namespace yagura::poller {

Poller::Poller(daemon::Daemon& daemon) : role_(daemon, satellite::Role::poller) {}

}  // namespace yagura::poller
