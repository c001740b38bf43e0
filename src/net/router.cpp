#include <algorithm>
#include <exception>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/net/router.hpp>

namespace yagura::net {

namespace {

std::string dashes_to_underscores(std::string path) {
    std::replace(path.begin(), path.end(), '-', '_');
    return path;
}

std::string allowed_methods(const auto& by_method) {
    std::string allowed;
    for (const auto& [method, route] : by_method) {
        allowed += allowed.empty() ? method : ", " + method;
    }
    return allowed;
}

}  // namespace

int status_for(core::ErrorKind kind) {
    switch (kind) {
        case core::ErrorKind::invalid_input:
            return 400;
        case core::ErrorKind::not_found:
            return 404;
        case core::ErrorKind::conflict:
            return 409;
        case core::ErrorKind::too_large:
            return 413;
        case core::ErrorKind::unavailable:
            return 503;
        case core::ErrorKind::timeout:
            return 504;
        case core::ErrorKind::internal:
            return 500;
    }
    return 500;
}

std::string_view error_name(core::ErrorKind kind) {
    switch (kind) {
        case core::ErrorKind::invalid_input:
            return "invalid_input";
        case core::ErrorKind::not_found:
            return "not_found";
        case core::ErrorKind::conflict:
            return "conflict";
        case core::ErrorKind::too_large:
            return "too_large";
        case core::ErrorKind::unavailable:
            return "unavailable";
        case core::ErrorKind::timeout:
            return "timeout";
        case core::ErrorKind::internal:
            return "internal";
    }
    return "internal";
}

void Router::add(std::string method, std::string path, Handler handler, std::string doc) {
    auto& by_method = routes_[path];
    if (by_method.contains(method)) {
        throw core::Error(core::ErrorKind::conflict,
                          "route " + method + " " + path + " is already registered");
    }
    by_method.emplace(std::move(method), Route{std::move(handler), std::move(doc)});
}

void Router::add_sync(std::string method, std::string path, SyncHandler handler, std::string doc) {
    add(
        std::move(method), std::move(path),
        [handler = std::move(handler)](Request& request) -> boost::asio::awaitable<Response> {
            co_return handler(request);
        },
        std::move(doc));
}

const std::map<std::string, Router::Route>* Router::find_path(const std::string& path) const {
    auto it = routes_.find(path);
    if (it == routes_.end() && path.find('-') != std::string::npos) {
        it = routes_.find(dashes_to_underscores(path));
    }
    return it == routes_.end() ? nullptr : &it->second;
}

boost::asio::awaitable<Response> Router::dispatch(Request& request) const {
    const auto* by_method = find_path(request.path);
    if (by_method == nullptr) {
        co_return Response::error(404, "not_found", "no route for " + request.path);
    }
    auto route = by_method->find(request.method);
    if (route == by_method->end() && request.method == "HEAD") {
        route = by_method->find("GET");
    }
    if (route == by_method->end()) {
        auto response = Response::error(405, "method_not_allowed",
                                        request.method + " is not allowed on " + request.path);
        response.headers["allow"] = allowed_methods(*by_method);
        co_return response;
    }
    // The error is turned into a response outside the catch block: no co_await in a handler.
    int status = 0;
    std::string error;
    std::string detail;
    try {
        co_return co_await route->second.handler(request);
    } catch (const core::Error& e) {
        status = status_for(e.kind());
        error = std::string(error_name(e.kind()));
        detail = e.what();
    } catch (const boost::system::system_error& e) {
        // A handler cancelled because the daemon stops; the answer will hardly be read.
        bool cancelled = e.code() == boost::asio::error::operation_aborted;
        status = cancelled ? 503 : 500;
        error = cancelled ? "unavailable" : "internal";
        detail = cancelled ? "the daemon is stopping" : e.what();
    } catch (const std::exception& e) {
        status = 500;
        error = "internal";
        detail = e.what();
    }
    if (status >= 500 && status != 503) {
        core::logger("net")->error("{} {} failed: {}", request.method, request.path, detail);
    }
    co_return Response::error(status, error, detail);
}

std::vector<RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& [path, by_method] : routes_) {
        for (const auto& [method, route] : by_method) {
            out.push_back({method, path, route.doc});
        }
    }
    return out;
}

}  // namespace yagura::net
