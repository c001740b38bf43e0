#include "fake_scheduler.hpp"

#include <future>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <yagura/core/strings.hpp>

namespace yagura::broker::testing {

namespace asio = boost::asio;
using json = nlohmann::json;

FakeScheduler::FakeScheduler(std::string name, int part_id, std::vector<std::string> hosts)
    : name_(std::move(name)), part_id_(part_id), hosts_(std::move(hosts)) {
    running_id_ = "1700000000." + std::to_string(part_id_) + "1";
    add_routes();
    auto guard = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
        io_.get_executor());
    thread_ = std::thread([this, guard] { io_.run(); });
    up();
}

FakeScheduler::~FakeScheduler() {
    down();
    io_.stop();
    thread_.join();
}

void FakeScheduler::up() {
    std::promise<std::uint16_t> bound;
    asio::post(io_, [&] {
        net::ServerSettings settings;
        settings.host = "127.0.0.1";
        settings.port = port_;
        server_ = std::make_unique<net::HttpServer>(io_, settings, router_);
        server_->start();
        bound.set_value(server_->port());
    });
    port_ = bound.get_future().get();
}

void FakeScheduler::down() {
    std::promise<void> done;
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> {
            if (server_) {
                co_await server_->stop(std::chrono::milliseconds(100));
                server_.reset();
            }
            done.set_value();
        },
        asio::detached);
    done.get_future().get();
}

SchedulerEndpoint FakeScheduler::endpoint() const {
    SchedulerEndpoint s;
    s.part_id = part_id_;
    s.name = name_;
    s.address = "127.0.0.1";
    s.port = port_;
    s.use_ssl = false;
    s.timeout = 2;
    s.data_timeout = 30;
    return s;
}

json FakeScheduler::brok(const std::string& type, json data) const {
    return {{"type", type}, {"instance_id", part_id_}, {"data", std::move(data)}};
}

json FakeScheduler::dump() const {
    auto broks = json::array();
    broks.push_back(brok("clean_all_my_instance_id", json::object()));
    broks.push_back(brok("program_status", {{"program_start", 1700000000}, {"pid", 42}}));
    for (const auto& host : hosts_) {
        broks.push_back(brok("initial_host_status", {{"host_name", host},
                                                     {"state", "UP"},
                                                     {"state_type", "HARD"},
                                                     {"has_been_checked", true},
                                                     {"output", host + " is up"}}));
        broks.push_back(brok("initial_service_status", {{"host_name", host},
                                                        {"service_description", "ping"},
                                                        {"state", "OK"},
                                                        {"state_type", "HARD"},
                                                        {"has_been_checked", true},
                                                        {"output", "PING OK"}}));
    }
    broks.push_back(brok("initial_broks_done", json::object()));
    return broks;
}

void FakeScheduler::push(json brok) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(brok));
}

void FakeScheduler::push_dump() {
    auto broks = dump();
    std::lock_guard lock(mutex_);
    for (auto& b : broks) {
        queue_.push_back(std::move(b));
    }
}

void FakeScheduler::restart() {
    down();  // its connections go with the old process
    {
        std::lock_guard lock(mutex_);
        ++generation_;
        running_id_ = "1700000100." + std::to_string(part_id_) + std::to_string(generation_);
        queue_.clear();
        known_brokers_.clear();
    }
    up();
}

void FakeScheduler::set_auto_dump(bool on) {
    std::lock_guard lock(mutex_);
    auto_dump_ = on;
}

void FakeScheduler::set_hold(bool on) {
    std::lock_guard lock(mutex_);
    hold_ = on;
}

void FakeScheduler::set_poll_interval(std::chrono::milliseconds interval) {
    std::lock_guard lock(mutex_);
    poll_interval_ = interval;
}

void FakeScheduler::reject(std::string command_name) {
    std::lock_guard lock(mutex_);
    rejected_.insert(std::move(command_name));
}

void FakeScheduler::add_routes() {
    router_.add(
        "GET", "/get_broks", [this](net::Request& request) -> asio::awaitable<net::Response> {
            auto bname = request.param("bname").value_or("");
            auto wait = core::parse_double(request.param("wait").value_or("0")).value_or(0);
            {
                std::lock_guard lock(mutex_);
                ++get_broks_calls_;
                broker_names_.push_back(bname);
                if (auto_dump_ && known_brokers_.insert(bname).second) {
                    for (auto& b : dump()) {
                        queue_.push_back(std::move(b));
                    }
                }
                ++polls_waiting_;
            }
            auto deadline = std::chrono::steady_clock::now() +
                            std::chrono::milliseconds(static_cast<int>(wait * 1000));
            asio::steady_timer timer(co_await asio::this_coro::executor);
            while (std::chrono::steady_clock::now() < deadline) {
                std::chrono::milliseconds interval;
                {
                    std::lock_guard lock(mutex_);
                    if (!hold_ && !queue_.empty()) {
                        break;
                    }
                    interval = poll_interval_;
                }
                timer.expires_after(interval);
                auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
                if (ec) {
                    break;
                }
            }
            std::lock_guard lock(mutex_);
            --polls_waiting_;
            json answer = {{"running_id", running_id_}, {"part_id", part_id_}, {"broks", queue_}};
            queue_.clear();
            co_return net::Response::json(answer);
        });
    router_.add_sync("POST", "/fill_initial_broks", [this](net::Request& request) {
        auto broks = dump();
        std::lock_guard lock(mutex_);
        ++fill_requests_;
        known_brokers_.insert(request.param("bname").value_or(""));
        for (auto& b : broks) {
            queue_.push_back(std::move(b));
        }
        return net::Response::json(true);
    });
    router_.add_sync("POST", "/run_external_commands", [this](net::Request& request) {
        auto body = request.json();
        std::lock_guard lock(mutex_);
        json rejected = json::array();
        for (const auto& line : body.at("commands")) {
            auto text = line.get<std::string>();
            commands_.push_back(text);
            auto name = text.substr(text.find("] ") + 2);
            name = name.substr(0, name.find(';'));
            if (rejected_.contains(name)) {
                rejected.push_back({{"command", text}, {"error", "unknown host"}});
            }
        }
        return net::Response::json(
            {{"accepted", body.at("commands").size() - rejected.size()}, {"rejected", rejected}});
    });
    router_.add_sync("GET", "/get_running_id", [this](net::Request&) {
        std::lock_guard lock(mutex_);
        return net::Response::json(running_id_);
    });
}

int FakeScheduler::fill_requests() const {
    std::lock_guard lock(mutex_);
    return fill_requests_;
}
int FakeScheduler::get_broks_calls() const {
    std::lock_guard lock(mutex_);
    return get_broks_calls_;
}
int FakeScheduler::polls_waiting() const {
    std::lock_guard lock(mutex_);
    return polls_waiting_;
}
std::vector<std::string> FakeScheduler::broker_names() const {
    std::lock_guard lock(mutex_);
    return broker_names_;
}
std::vector<std::string> FakeScheduler::commands() const {
    std::lock_guard lock(mutex_);
    return commands_;
}
std::string FakeScheduler::running_id() const {
    std::lock_guard lock(mutex_);
    return running_id_;
}

}  // namespace yagura::broker::testing
