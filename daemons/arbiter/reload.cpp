#include <yagura/core/logging.hpp>

#include "arbiter/arbiter_impl.hpp"
#include "arbiter/config_source.hpp"

namespace yagura::arbiter {

namespace asio = boost::asio;
using nlohmann::json;

// Load, verify, plan with the running plan as the previous one, then swap: only parts whose
// flavor changed are pushed again. A configuration with any error is refused whole and the
// running one stays (the files may be fixed and reloaded again).
asio::awaitable<net::Response> ArbiterImpl::reload(std::string origin) {
    auto self = shared_from_this();
    if (reloading) {
        co_return net::Response::error(409, "reload in progress",
                                       "a reload is already running; try again when it ends");
    }
    reloading = true;
    log->info("reloading the configuration from {} ({})", options.main_cfg, origin);
    auto made = co_await prepare_reload();
    reloading = false;
    co_return finish_reload(std::move(made));
}

asio::awaitable<Preparation> ArbiterImpl::prepare_reload() {
    auto work = [path = options.main_cfg, previous = prepared->plan, live = liveness(),
                 spares = has_spare_arbiters()] {
        auto loaded = load_configuration(path);
        if (!loaded.ok()) {
            return Preparation{nullptr, loaded.errors};
        }
        return prepare(std::move(*loaded.config), path, live, &previous, spares, loaded.warnings);
    };
    Preparation made = co_await off_loop(std::move(work));
    co_return made;
}

net::Response ArbiterImpl::finish_reload(Preparation made) {
    if (!made.prepared) {
        log->error("the new configuration is refused ({} errors); the running one stays:",
                   made.errors.size());
        for (const auto& e : made.errors) {
            log->error("  {}", e);
        }
        return net::Response::json({{"error", "configuration refused"},
                                    {"detail", std::to_string(made.errors.size()) +
                                                   " errors; the running configuration stays"},
                                    {"errors", made.errors}},
                                   400);
    }
    for (const auto& w : made.prepared->warnings) {
        log->warn("{}", w);
    }
    json parts = json::array();
    int changed = 0;
    for (const auto& part : made.prepared->plan.layout.parts) {
        bool differs = prepared->flavor_of(part.id) != part.flavor;
        changed += differs ? 1 : 0;
        parts.push_back({{"part_id", part.id},
                         {"home", part.home},
                         {"flavor", part.flavor},
                         {"changed", differs},
                         {"hosts", part.hosts.size()}});
    }
    const auto& layout = made.prepared->plan.layout;
    log->info("configuration reloaded: {} of {} parts changed, {} hosts moved, {} new hosts",
              changed, layout.parts.size(), layout.hosts_moved, layout.hosts_placed_new);
    json answer = {{"reloaded", true},
                   {"parts", std::move(parts)},
                   {"hosts_moved", layout.hosts_moved},
                   {"hosts_new", layout.hosts_placed_new},
                   {"warnings", made.prepared->warnings}};
    install(made.prepared);
    return net::Response::json(answer);
}

}  // namespace yagura::arbiter
