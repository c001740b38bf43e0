#include "receiver/receiver.hpp"

namespace yagura::receiver {

Receiver::Receiver(daemon::Daemon& daemon) : daemon_(daemon), configuration_(daemon, "receiver") {
    // The configuration is kept and shown in /stats; what the receiver does with it arrives
    // with the issue that builds its work.
}

}  // namespace yagura::receiver
