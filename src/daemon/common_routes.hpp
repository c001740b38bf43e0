#pragma once

// Internal to src/daemon: the routes and metrics every daemon has.

#include <yagura/daemon/daemon.hpp>

namespace yagura::net {
class HttpServer;
}

namespace yagura::daemon {

void register_common_routes(Daemon& daemon);

void render_common_metrics(const Daemon& daemon, const net::HttpServer* server,
                           const net::HttpClient& client, double started,
                           net::MetricsWriter& writer);

}  // namespace yagura::daemon
