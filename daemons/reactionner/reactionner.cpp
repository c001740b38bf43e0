#include "reactionner/reactionner.hpp"

namespace yagura::reactionner {

Reactionner::Reactionner(daemon::Daemon& daemon)
    : daemon_(daemon), configuration_(daemon, "reactionner") {
    // The configuration is kept and shown in /stats; what the reactionner does with it arrives
    // with the issue that builds its work.
}

}  // namespace yagura::reactionner
