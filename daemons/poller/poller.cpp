#include "poller/poller.hpp"

namespace yagura::poller {

Poller::Poller(daemon::Daemon& daemon) : daemon_(daemon), configuration_(daemon, "poller") {
    // The configuration is kept and shown in /stats; what the poller does with it arrives
    // with the issue that builds its work.
}

}  // namespace yagura::poller
