#include "arbiter/arbiter.hpp"

#include <nlohmann/json.hpp>

namespace yagura::arbiter {

Arbiter::Arbiter(daemon::Daemon& daemon, ArbiterLink me) : daemon_(daemon), me_(std::move(me)) {
    daemon_.add_stats("arbiter", [this] {
        return nlohmann::json{{"arbiter_name", me_.name},
                              {"host_name", me_.host_name},
                              {"spare", me_.spare},
                              {"defined_at", me_.defined_at}};
    });
}

}  // namespace yagura::arbiter
