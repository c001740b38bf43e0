#include "fake_scheduler.hpp"

#include <chrono>
#include <deque>
#include <future>
#include <set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_future.hpp>

#include <yagura/core/strings.hpp>
#include <yagura/daemon/async_event.hpp>
#include <yagura/net/server.hpp>

namespace yagura::satellite::testing {

namespace asio = boost::asio;
using nlohmann::json;

struct FakeScheduler::State {
    std::deque<FakeAction> due;
    std::set<std::string> known;  // handed out by the current run
    std::set<std::string> held;   // handed out by the current run, no result yet
    std::vector<ChecksCall> calls;
    std::vector<ReceivedResult> results;
    std::vector<std::size_t> batches;
    int fail_count = 0;
    int fail_status = 503;
    std::string fail_route;
    std::size_t checks_started = 0;
    std::size_t handed_total = 0;
    std::size_t put_calls = 0;
};

namespace {

std::map<std::string, std::string> params_of(const net::Request& request) {
    std::map<std::string, std::string> out;
    for (const auto& [key, value] : request.query) {
        out.emplace(key, value);
    }
    return out;
}

bool matches(const FakeAction& action, const std::map<std::string, std::string>& params) {
    auto get = [&](const char* key) {
        auto it = params.find(key);
        return it == params.end() ? std::string{} : it->second;
    };
    bool is_check = action.kind == "check";
    if (is_check && get("do_checks") != "1") {
        return false;
    }
    if (!is_check && get("do_actions") != "1") {
        return false;
    }
    auto tags = core::split(get(is_check ? "poller_tags" : "reactionner_tags"), ',');
    return std::find(tags.begin(), tags.end(), action.tag) != tags.end();
}

json to_json(const FakeAction& action) {
    json out = action.extra;
    out["id"] = action.id;
    out["kind"] = action.kind;
    out["command"] = action.command;
    if (action.timeout > 0) {
        out["timeout"] = action.timeout;
    }
    return out;
}

}  // namespace

FakeScheduler::FakeScheduler(std::string running_id, int part_id, net::TlsSettings tls)
    : running_id_(std::move(running_id)),
      part_id_(part_id),
      tls_(std::move(tls)),
      due_(std::make_shared<daemon::AsyncEvent>(io_)),
      state_(std::make_unique<State>()),
      router_(make_router()) {
    start_server();
    port_ = server_->port();
    work_.emplace(io_.get_executor());
    thread_ = std::thread([this] { io_.run(); });
}

FakeScheduler::~FakeScheduler() {
    go_down();
    work_.reset();
    io_.stop();
    thread_.join();
}

void FakeScheduler::start_server() {
    net::ServerSettings settings;
    settings.host = "127.0.0.1";
    settings.port = port_;
    settings.tls = tls_;
    server_ = std::make_unique<net::HttpServer>(io_, settings, router_);
    server_->start();
}

SchedulerEntry FakeScheduler::entry(std::string name) const {
    SchedulerEntry entry;
    entry.part_id = part_id_;
    entry.flavor = "f" + std::to_string(part_id_);
    entry.name = std::move(name);
    entry.address = "127.0.0.1";
    entry.port = port_;
    entry.use_ssl = tls_.use_ssl;
    entry.timeout = 2;
    entry.data_timeout = 30;
    return entry;
}

net::Router FakeScheduler::make_router() {
    net::Router router;
    // Answers the planned failure, if any.
    auto failing = [this](const net::Request& request) -> std::optional<net::Response> {
        std::lock_guard lock(mutex_);
        if (state_->fail_count <= 0 ||
            (!state_->fail_route.empty() && state_->fail_route != request.path)) {
            return std::nullopt;
        }
        --state_->fail_count;
        return net::Response::error(state_->fail_status, "unavailable", "planned failure");
    };
    router.add("GET", "/get_checks",
               [this, failing](net::Request& request) -> asio::awaitable<net::Response> {
                   {
                       std::lock_guard lock(mutex_);
                       ++state_->checks_started;
                   }
                   if (auto failure = failing(request)) {
                       co_return *failure;
                   }
                   auto params = params_of(request);
                   std::size_t max = 1;
                   double wait = 0;
                   if (auto v = core::parse_int(params["max_actions"])) {
                       max = static_cast<std::size_t>(*v);
                   }
                   if (auto v = core::parse_double(params["wait"])) {
                       wait = *v;
                   }
                   auto deadline = std::chrono::steady_clock::now() +
                                   std::chrono::milliseconds(static_cast<long long>(wait * 1000));
                   json actions = json::array();
                   for (;;) {
                       {
                           std::lock_guard lock(mutex_);
                           std::size_t held_then = state_->held.size();
                           for (auto it = state_->due.begin();
                                it != state_->due.end() && actions.size() < max;) {
                               if (matches(*it, params)) {
                                   actions.push_back(to_json(*it));
                                   state_->known.insert(it->id);
                                   state_->held.insert(it->id);
                                   ++state_->handed_total;
                                   it = state_->due.erase(it);
                               } else {
                                   ++it;
                               }
                           }
                           auto now = std::chrono::steady_clock::now();
                           if (!actions.empty() || now >= deadline) {
                               state_->calls.push_back({params, actions.size(), held_then});
                               break;
                           }
                       }
                       auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                           deadline - std::chrono::steady_clock::now());
                       co_await due_->wait(std::max(left, std::chrono::milliseconds(1)));
                   }
                   std::string running_id;
                   {
                       std::lock_guard lock(mutex_);
                       running_id = running_id_;
                   }
                   co_return net::Response::json(
                       {{"running_id", running_id}, {"part_id", part_id_}, {"actions", actions}});
               });
    router.add_sync("POST", "/put_results", [this, failing](net::Request& request) {
        {
            std::lock_guard lock(mutex_);
            ++state_->put_calls;
        }
        if (auto failure = failing(request)) {
            return *failure;
        }
        auto body = request.json();
        std::lock_guard lock(mutex_);
        std::size_t accepted = 0;
        std::size_t unknown = 0;
        for (const auto& result : body.at("results")) {
            auto id = result.at("id").get<std::string>();
            bool known = state_->known.contains(id);
            state_->held.erase(id);
            state_->results.push_back({result, known});
            (known ? accepted : unknown) += 1;
        }
        state_->batches.push_back(body.at("results").size());
        return net::Response::json({{"accepted", accepted}, {"unknown", unknown}});
    });
    router.add_sync("GET", "/get_running_id", [this, failing](net::Request& request) {
        if (auto failure = failing(request)) {
            return *failure;
        }
        std::lock_guard lock(mutex_);
        return net::Response::json(running_id_);
    });
    return router;
}

void FakeScheduler::add(FakeAction action) {
    {
        std::lock_guard lock(mutex_);
        state_->due.push_back(std::move(action));
    }
    asio::post(io_, [event = due_] { event->notify_all(); });
}

void FakeScheduler::add_checks(int count, const std::string& command, const std::string& tag,
                               const std::string& prefix) {
    for (int i = 1; i <= count; ++i) {
        add({.id = prefix + std::to_string(i), .kind = "check", .tag = tag, .command = command});
    }
}

void FakeScheduler::fail_next(int count, int status, std::string route) {
    std::lock_guard lock(mutex_);
    state_->fail_count = count;
    state_->fail_status = status;
    state_->fail_route = std::move(route);
}

void FakeScheduler::go_down() {
    std::promise<void> done;
    asio::co_spawn(
        io_,
        [this]() -> asio::awaitable<void> {
            if (server_) {
                co_await server_->stop(std::chrono::milliseconds(0));
                server_.reset();
            }
        },
        [&](std::exception_ptr) { done.set_value(); });
    done.get_future().get();
}

void FakeScheduler::come_back() {
    std::promise<void> done;
    asio::post(io_, [&] {
        start_server();
        done.set_value();
    });
    done.get_future().get();
}

void FakeScheduler::restart(std::string running_id) {
    std::lock_guard lock(mutex_);
    running_id_ = std::move(running_id);
    state_->known.clear();
    state_->held.clear();
}

std::vector<ChecksCall> FakeScheduler::checks_calls() {
    std::lock_guard lock(mutex_);
    return state_->calls;
}
std::size_t FakeScheduler::checks_started() {
    std::lock_guard lock(mutex_);
    return state_->checks_started;
}
std::vector<ReceivedResult> FakeScheduler::results() {
    std::lock_guard lock(mutex_);
    return state_->results;
}
std::vector<std::size_t> FakeScheduler::batch_sizes() {
    std::lock_guard lock(mutex_);
    return state_->batches;
}
std::size_t FakeScheduler::due_actions() {
    std::lock_guard lock(mutex_);
    return state_->due.size();
}
std::size_t FakeScheduler::handed_out() {
    std::lock_guard lock(mutex_);
    return state_->handed_total;
}
std::size_t FakeScheduler::put_calls() {
    std::lock_guard lock(mutex_);
    return state_->put_calls;
}

}  // namespace yagura::satellite::testing
