#include "reactionner/reactionner.hpp"

namespace yagura::reactionner {

Reactionner::Reactionner(daemon::Daemon& daemon) : role_(daemon, satellite::Role::reactionner) {}

}  // namespace yagura::reactionner
