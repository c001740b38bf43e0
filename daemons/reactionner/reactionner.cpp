#include "reactionner/reactionner.hpp"

#include <nlohmann/json.hpp>

namespace yagura::reactionner {

Reactionner::Reactionner(daemon::Daemon& daemon) : daemon_(daemon) {
    // Until the arbiter pushes a configuration (a later issue), there is nothing to manage.
    daemon_.add_stats("configuration", [] { return nlohmann::json{{"received", false}}; });
}

}  // namespace yagura::reactionner
