#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include <yagura/core/error.hpp>
#include <yagura/net/http.hpp>

namespace yagura::net {

using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;
using SyncHandler = std::function<Response(Request&)>;

struct RouteInfo {
    std::string method;
    std::string path;
    std::string doc;  // one line for GET /api
};

// Exact-path routing, registered explicitly by each daemon's wiring code.
// Paths follow Shinken's names with underscores (/get_running_id); the dashed form that
// Shinken also served (/get-running-id) reaches the same handler.
class Router {
public:
    // Throws core::Error(conflict) if the method and path are already taken.
    void add(std::string method, std::string path, Handler handler, std::string doc = {});
    // For handlers that answer at once, without waiting on anything.
    void add_sync(std::string method, std::string path, SyncHandler handler, std::string doc = {});

    // Runs the matching handler. Never throws: unknown path -> 404, known path with another
    // method -> 405, core::Error -> its status (see status_for), anything else -> 500.
    boost::asio::awaitable<Response> dispatch(Request& request) const;

    // Every route, sorted by path then method (what GET /api shows).
    std::vector<RouteInfo> routes() const;

private:
    struct Route {
        Handler handler;
        std::string doc;
    };
    const std::map<std::string, Route>* find_path(const std::string& path) const;
    // path -> method -> route
    std::map<std::string, std::map<std::string, Route>> routes_;
};

// The HTTP status for a core::ErrorKind: invalid_input 400, not_found 404, conflict 409,
// too_large 413, unavailable 503, timeout 504, internal 500.
int status_for(core::ErrorKind kind);
// The "error" field of an error answer for a core::ErrorKind: "invalid_input", "not_found", ...
std::string_view error_name(core::ErrorKind kind);

}  // namespace yagura::net
