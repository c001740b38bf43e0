#include "engine_scheduler.hpp"

#include <chrono>
#include <future>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/strings.hpp>

namespace yagura::harness {

namespace asio = boost::asio;
using json = nlohmann::json;

namespace {

// Runs `work` on `io` and waits for its result.
template <class F>
auto on_thread(asio::io_context& io, F work) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto result = task.get_future();
    asio::post(io, [&task] { task(); });
    return result.get();
}

}  // namespace

EngineScheduler::EngineScheduler(std::string name, int part_id, model::Config shard)
    : name_(std::move(name)) {
    running_id_ =
        std::to_string(static_cast<long long>(clock_.now())) + "." + std::to_string(part_id);
    engine::EngineSettings settings;
    settings.part_id = part_id;
    settings.instance_name = name_;
    engine_ = std::make_unique<engine::Engine>(std::move(shard), settings, clock_);
    add_routes();
    auto guard = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
        io_.get_executor());
    thread_ = std::thread([this, guard] { io_.run(); });
    port_ = on_thread(io_, [this] {
        net::ServerSettings server;
        server.host = "127.0.0.1";
        server.port = 0;
        server_ = std::make_unique<net::HttpServer>(io_, server, router_);
        server_->start();
        return server_->port();
    });
    asio::post(io_, [this] { tick_every_100ms(); });
}

EngineScheduler::~EngineScheduler() {
    std::promise<void> stopped;
    asio::co_spawn(
        io_,
        [&]() -> asio::awaitable<void> {
            co_await server_->stop(std::chrono::milliseconds(100));
            stopped.set_value();
        },
        asio::detached);
    stopped.get_future().get();
    io_.stop();
    thread_.join();
}

void EngineScheduler::tick_every_100ms() {
    asio::co_spawn(
        io_,
        [this]() -> asio::awaitable<void> {
            asio::steady_timer timer(io_);
            for (;;) {
                engine_->tick();
                timer.expires_after(std::chrono::milliseconds(100));
                auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
                if (ec) {
                    co_return;
                }
            }
        },
        asio::detached);
}

bool EngineScheduler::command(const std::string& line) {
    auto stamped =
        line.starts_with("[") ? line : "[" + std::to_string(clock_.now_seconds()) + "] " + line;
    return on_thread(io_, [&] { return engine_->run_external_command(stamped).applied(); });
}

std::vector<std::string> EngineScheduler::received_commands() const {
    std::lock_guard lock(mutex_);
    return received_commands_;
}

void EngineScheduler::inspect(const std::function<void(const engine::Engine&)>& read) {
    on_thread(io_, [&] {
        read(*engine_);
        return true;
    });
}

void EngineScheduler::add_routes() {
    router_.add(
        "GET", "/get_broks", [this](net::Request& request) -> asio::awaitable<net::Response> {
            auto bname = request.param("bname").value_or("");
            auto wait = core::parse_double(request.param("wait").value_or("0")).value_or(0);
            auto deadline = std::chrono::steady_clock::now() +
                            std::chrono::milliseconds(static_cast<int>(wait * 1000));
            std::vector<std::string> broks;
            asio::steady_timer timer(co_await asio::this_coro::executor);
            // The long poll: answer as soon as the engine has broks for this broker.
            while (engine_->pop_broks(bname, 0, broks) == 0 &&
                   std::chrono::steady_clock::now() < deadline) {
                timer.expires_after(std::chrono::milliseconds(20));
                auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
                if (ec) {
                    break;
                }
            }
            // The engine's broks are JSON texts already: spliced in as they are.
            std::string body =
                json{{"running_id", running_id_}, {"part_id", engine_->settings().part_id}}.dump();
            body.pop_back();
            body += ",\"broks\":[" + core::join(broks, ",") + "]}";
            co_return net::Response::text(std::move(body), 200, "application/json");
        });
    router_.add_sync("POST", "/fill_initial_broks", [this](net::Request& request) {
        engine_->request_full_dump(request.param("bname").value_or(""));
        return net::Response::json(true);
    });
    router_.add_sync("POST", "/run_external_commands", [this](net::Request& request) {
        auto body = request.json();
        json rejected = json::array();
        std::size_t accepted = 0;
        for (const auto& line : body.at("commands")) {
            auto text = line.get<std::string>();
            {
                std::lock_guard lock(mutex_);
                received_commands_.push_back(text);
            }
            auto outcome = engine_->run_external_command(text);
            if (outcome.applied()) {
                ++accepted;
            } else {
                rejected.push_back({{"command", text}, {"error", outcome.message}});
            }
        }
        return net::Response::json({{"accepted", accepted}, {"rejected", rejected}});
    });
    router_.add_sync("GET", "/get_running_id",
                     [this](net::Request&) { return net::Response::json(running_id_); });
}

}  // namespace yagura::harness
