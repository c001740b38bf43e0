#pragma once

// A tiny scheduler for the satellite's unit tests only (system tests use the real one): a
// real HttpServer on 127.0.0.1 on its own thread, as a peer daemon in its own process would
// be, speaking the satellite's side of the protocol - GET /get_checks with the long poll and
// exact tag matching, POST /put_results, GET /get_running_id - and recording what it was
// asked. It can fail calls, go away and come back on the same port, and restart (a new
// running id that forgets every action handed out before).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <yagura/net/router.hpp>
#include <yagura/net/tls.hpp>
#include <yagura/satellite/config.hpp>

namespace yagura::net {
class HttpServer;
}
namespace yagura::daemon {
class AsyncEvent;
}

namespace yagura::satellite::testing {

struct FakeAction {
    std::string id;
    std::string kind = "check";  // check, notification, eventhandler
    std::string tag = "None";
    std::string command;
    double timeout = 0;
    nlohmann::json extra = nlohmann::json::object();  // more fields: env, host_name, ...
};

// One GET /get_checks as received, and how many actions it got.
struct ChecksCall {
    std::map<std::string, std::string> params;
    std::size_t handed_out = 0;
    std::size_t held_then = 0;  // actions handed out and not yet returned at that moment
};

struct ReceivedResult {
    nlohmann::json result;
    bool known = false;  // handed out by the current run
};

class FakeScheduler {
public:
    // With tls.use_ssl, it serves HTTPS with tls.cert and tls.key.
    explicit FakeScheduler(std::string running_id = "1700000000.1", int part_id = 1,
                           net::TlsSettings tls = {});
    ~FakeScheduler();
    FakeScheduler(const FakeScheduler&) = delete;
    FakeScheduler& operator=(const FakeScheduler&) = delete;

    std::uint16_t port() const { return port_; }
    SchedulerEntry entry(std::string name = "scheduler-1") const;

    // Makes actions due (wakes the long polls waiting for them).
    void add(FakeAction action);
    // `count` checks "<prefix>1".."<prefix>N" running `command`, with `tag`.
    void add_checks(int count, const std::string& command, const std::string& tag = "None",
                    const std::string& prefix = "c");

    // The next `count` requests to `route` (every route when empty) answer `status` with an
    // error body; fail_next(0) ends it.
    void fail_next(int count, int status = 503, std::string route = {});
    // Stops listening (calls in flight are cut) / listens again on the same port.
    void go_down();
    void come_back();
    // A new run: new running id, every action handed out before is forgotten (its results
    // are then counted unknown), actions not yet handed out stay due.
    void restart(std::string running_id);

    // Every GET /get_checks that answered, and how many started (answered or not).
    std::vector<ChecksCall> checks_calls();
    std::size_t checks_started();
    // Every result received in a put_results that was answered 2xx, in order of arrival.
    std::vector<ReceivedResult> results();
    // The number of results in each put_results call answered 2xx.
    std::vector<std::size_t> batch_sizes();
    std::size_t due_actions();  // not handed out yet
    std::size_t handed_out();   // ever
    std::size_t put_calls();    // every put_results received, failed ones too

private:
    struct State;
    net::Router make_router();
    void start_server();

    std::string running_id_;
    int part_id_;
    net::TlsSettings tls_;
    boost::asio::io_context io_;
    std::shared_ptr<daemon::AsyncEvent> due_;
    std::unique_ptr<State> state_;
    std::mutex mutex_;
    net::Router router_;
    std::unique_ptr<net::HttpServer> server_;
    std::uint16_t port_ = 0;
    std::thread thread_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
};

}  // namespace yagura::satellite::testing
