#include "standin_scheduler.hpp"

#include <future>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/use_future.hpp>
#include <nlohmann/json.hpp>

namespace yagura::testing {

StandInScheduler::StandInScheduler(std::uint16_t port) : port_(port) {
    router_.add_sync("POST", "/run_external_commands", [this](net::Request& request) {
        std::lock_guard lock(mutex_);
        ++posts_;
        if (status_ != 200) {
            return net::Response::error(status_, "unavailable", "stand-in told to refuse");
        }
        auto body = request.json();
        nlohmann::json rejected = nlohmann::json::array();
        std::size_t accepted = 0;
        for (const auto& line : body.at("commands")) {
            auto text = line.get<std::string>();
            // A command the engine would refuse (an unknown service, say).
            if (text.find("REFUSE_ME") != std::string::npos) {
                rejected.push_back({{"command", text}, {"error", "unknown service"}});
                continue;
            }
            commands_.push_back(std::move(text));
            ++accepted;
        }
        return net::Response::json({{"accepted", accepted}, {"rejected", rejected}});
    });
    start();
}

StandInScheduler::~StandInScheduler() {
    stop();
}

void StandInScheduler::start() {
    io_ = std::make_unique<boost::asio::io_context>();
    net::ServerSettings settings;
    settings.host = "127.0.0.1";
    settings.port = port_;
    server_ = std::make_unique<net::HttpServer>(*io_, settings, router_);
    server_->start();
    port_ = server_->port();
    thread_ = std::thread([this] {
        auto work = boost::asio::make_work_guard(*io_);
        io_->run();
    });
}

void StandInScheduler::stop() {
    if (!server_) {
        return;
    }
    auto done = boost::asio::co_spawn(*io_, server_->stop(std::chrono::milliseconds(100)),
                                      boost::asio::use_future);
    done.get();
    io_->stop();
    thread_.join();
    server_.reset();
    io_.reset();
}

std::vector<std::string> StandInScheduler::commands() const {
    std::lock_guard lock(mutex_);
    return commands_;
}

std::size_t StandInScheduler::posts() const {
    std::lock_guard lock(mutex_);
    return posts_;
}

void StandInScheduler::answer_status(int status) {
    std::lock_guard lock(mutex_);
    status_ = status;
}

}  // namespace yagura::testing
