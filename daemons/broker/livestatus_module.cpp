#include "broker/livestatus_module.hpp"

#include <filesystem>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>

namespace yagura::broker {

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

std::string resolve(const std::string& path, const std::string& workdir) {
    if (path.empty() || fs::path(path).is_absolute()) {
        return path;
    }
    return (fs::path(workdir) / path).lexically_normal().string();
}

}  // namespace

LivestatusModuleSettings livestatus_module_settings(const modules::ModuleConfig& config,
                                                    const std::string& workdir,
                                                    std::vector<std::string>* unused) {
    modules::ModuleParameters p(config);
    LivestatusModuleSettings s;
    auto& server = s.server;
    server.tcp_address = p.text("host", server.tcp_address);
    server.tcp_port =
        static_cast<std::uint16_t>(p.integer("port", server.tcp_port, 0, 65535));  // 0: any
    server.tcp_enabled = p.boolean("tcp", true);
    server.unix_socket = resolve(p.text("socket", ""), workdir);
    auto mode = p.text("socket_mode", "0660");
    if (mode.empty() || mode.size() > 4 ||
        mode.find_first_not_of("01234567") != std::string::npos) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "module '" + config.name + "': socket_mode: '" + mode +
                              "' is not an octal mode such as 0660");
    }
    server.unix_socket_mode = static_cast<unsigned>(std::stoul(mode, nullptr, 8));
    server.max_request_bytes = p.bytes("max_request_size", server.max_request_bytes);
    server.idle_timeout = p.seconds("idle_timeout", server.idle_timeout);
    server.max_wait = p.seconds("max_wait", server.max_wait);
    server.max_connections =
        static_cast<std::size_t>(p.integer("max_connections", 512, 1, 1'000'000));
    s.queries.max_response_bytes = p.bytes("max_response_size", s.queries.max_response_bytes);
    s.log.directory = resolve(p.text("log_directory", "livestatus-log"), workdir);
    s.log.max_file_bytes = p.bytes("log_file_size", s.log.max_file_bytes);
    s.log.max_total_bytes = p.bytes("log_total_size", s.log.max_total_bytes);
    s.log.max_age_seconds =
        p.number("log_max_age", s.log.max_age_seconds / 86400, 0, 36500) * 86400;
    if (!server.tcp_enabled && server.unix_socket.empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "module '" + config.name + "': tcp 0 needs a socket to listen on");
    }
    if (unused) {
        *unused = p.unused();
    }
    return s;
}

LivestatusModule::LivestatusModule(const modules::ModuleContext& context, std::string name,
                                   LivestatusModuleSettings settings,
                                   const modules::brokerstate::BrokerState& state,
                                   livestatus::CommandSink* commands, TriggerFanout& fanout)
    : io_(context.io),
      name_(std::move(name)),
      settings_(std::move(settings)),
      fanout_(fanout),
      livestatus_(state, commands, context.clock, settings_.queries) {}

LivestatusModule::~LivestatusModule() {
    if (server_) {
        fanout_.remove(server_.get());
        server_->stop();
    }
}

bool LivestatusModule::wants(std::string_view) const {
    return false;
}

void LivestatusModule::start() {
    auto server = std::make_unique<livestatus::Server>(io_, livestatus_, settings_.server);
    server->start();
    server_ = std::move(server);
    fanout_.add(server_.get());
}

void LivestatusModule::handle(const modules::Brok&) {}

asio::awaitable<void> LivestatusModule::stop(std::chrono::milliseconds budget) {
    if (!server_) {
        co_return;
    }
    fanout_.remove(server_.get());
    server_->stop();
    // Connections end on their next turn of the loop (a waiting query answers first): let them,
    // so that nothing reads the state after the broker lets it go.
    auto deadline = std::chrono::steady_clock::now() + budget;
    asio::steady_timer pause(io_);
    while (server_->stats().connections_open > 0 && std::chrono::steady_clock::now() < deadline) {
        pause.expires_after(std::chrono::milliseconds(5));
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

std::uint16_t LivestatusModule::tcp_port() const {
    return server_ ? server_->tcp_port() : 0;
}

nlohmann::json LivestatusModule::stats() const {
    nlohmann::json out = {
        {"tcp", settings_.server.tcp_enabled
                    ? settings_.server.tcp_address + ":" + std::to_string(tcp_port())
                    : std::string("off")},
        {"socket", settings_.server.unix_socket}};
    if (server_) {
        auto s = server_->stats();
        out["connections_accepted"] = s.connections_accepted;
        out["connections_refused"] = s.connections_refused;
        out["connections_open"] = s.connections_open;
        out["requests"] = s.requests;
        out["errors"] = s.errors;
        out["waiting"] = s.waiting;
    }
    return out;
}

void LivestatusModule::metrics(net::MetricsWriter& out, const net::Labels& labels) const {
    if (!server_) {
        return;
    }
    auto s = server_->stats();
    out.counter("yagura_livestatus_requests_total", "Livestatus requests answered.",
                static_cast<double>(s.requests), labels);
    out.counter("yagura_livestatus_errors_total", "Livestatus requests answered with an error.",
                static_cast<double>(s.errors), labels);
    out.gauge("yagura_livestatus_connections_open", "Livestatus connections open.",
              static_cast<double>(s.connections_open), labels);
}

}  // namespace yagura::broker
