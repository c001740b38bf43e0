#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/daemon/peer.hpp>

namespace yagura::daemon {

PeerLink::PeerLink(net::Endpoint endpoint, int max_check_attempts)
    : endpoint_(std::move(endpoint)), max_check_attempts_(std::max(1, max_check_attempts)) {}

bool PeerLink::record_success(const std::string& running_id, double now) {
    bool was_alive = liveness_.alive;
    liveness_.restarted = !liveness_.running_id.empty() && liveness_.running_id != running_id;
    liveness_.alive = true;
    liveness_.reachable = true;
    liveness_.attempts = 0;
    liveness_.last_check = now;
    liveness_.running_id = running_id;
    liveness_.last_error.clear();
    return !was_alive;
}

bool PeerLink::record_failure(const std::string& error, double now) {
    bool was_alive = liveness_.alive;
    liveness_.reachable = false;
    liveness_.attempts += 1;
    liveness_.last_check = now;
    liveness_.last_error = error;
    liveness_.restarted = false;
    if (liveness_.attempts >= max_check_attempts_) {
        liveness_.alive = false;
    }
    return was_alive != liveness_.alive;
}

boost::asio::awaitable<bool> PeerLink::check(net::HttpClient& client, double now) {
    std::string error;
    try {
        auto pong = co_await client.get_json(endpoint_, "/ping");
        if (pong != "pong") {
            throw core::Error(core::ErrorKind::invalid_input, "/ping answered " + pong.dump());
        }
        auto running_id = co_await client.get_json(endpoint_, "/get_running_id");
        record_success(running_id.is_string() ? running_id.get<std::string>() : running_id.dump(),
                       now);
        co_return true;
    } catch (const std::exception& e) {
        error = e.what();
    }
    record_failure(error, now);
    co_return liveness_.alive;
}

nlohmann::json PeerLink::to_json() const {
    return {{"name", endpoint_.name},
            {"address", endpoint_.host},
            {"port", endpoint_.port},
            {"alive", liveness_.alive},
            {"reachable", liveness_.reachable},
            {"attempts", liveness_.attempts},
            {"max_check_attempts", max_check_attempts_},
            {"last_check", liveness_.last_check},
            {"running_id", liveness_.running_id},
            {"last_error", liveness_.last_error}};
}

}  // namespace yagura::daemon
