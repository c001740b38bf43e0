#include <filesystem>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/peer.hpp>
#include <yagura/daemon/settings.hpp>
#include <yagura/net/run_sync.hpp>

#include "arbiter/arbiter_link.hpp"
#include "yagura/commands.hpp"

namespace yagura::cli {

namespace fs = std::filesystem;
namespace asio = boost::asio;

namespace {

struct Target {
    std::string name;
    net::Endpoint endpoint;
    net::TlsSettings tls;
};

struct StatusOptions {
    std::string etc = "/etc/yagura";
    std::vector<std::string> addresses;  // host:port
    std::string ca_cert;
    bool plain = false;
    double timeout = 3;
};

std::string reachable_host(const std::string& host) {
    return host == "0.0.0.0" || host == "::" || host.empty() ? "127.0.0.1" : host;
}

std::vector<Target> targets_from_etc(const std::string& etc) {
    std::vector<Target> targets;
    auto main_cfg = (fs::path(etc) / "yagura.cfg").string();
    if (fs::exists(main_cfg)) {
        auto settings = daemon::load_arbiter_settings(main_cfg);
        for (const auto& link : arbiter::read_arbiter_links(main_cfg)) {
            targets.push_back({link.name, {link.address, link.port, link.name}, settings.tls});
        }
    }
    for (const char* role : {"scheduler", "poller", "reactionner", "broker", "receiver"}) {
        auto ini = fs::path(etc) / "daemons" / (std::string(role) + ".ini");
        if (fs::exists(ini)) {
            auto settings = daemon::load_satellite_settings(ini.string(), role);
            targets.push_back(
                {role, {reachable_host(settings.host), settings.port, role}, settings.tls});
        }
    }
    return targets;
}

std::vector<Target> targets_from_addresses(const StatusOptions& options) {
    std::vector<Target> targets;
    for (const auto& address : options.addresses) {
        auto colon = address.rfind(':');
        auto port =
            colon == std::string::npos ? std::nullopt : core::parse_int(address.substr(colon + 1));
        if (!port || *port <= 0 || *port > 65535) {
            throw core::Error(core::ErrorKind::invalid_input,
                              "expected host:port, got '" + address + "'");
        }
        net::TlsSettings tls{.use_ssl = !options.plain, .ca_cert = options.ca_cert};
        targets.push_back(
            {address, {address.substr(0, colon), static_cast<std::uint16_t>(*port), ""}, tls});
    }
    return targets;
}

int status(const StatusOptions& options) {
    auto targets =
        options.addresses.empty() ? targets_from_etc(options.etc) : targets_from_addresses(options);
    if (targets.empty()) {
        std::cerr << "no daemons found in " << options.etc << " (give host:port arguments)\n";
        return 1;
    }
    asio::io_context io;
    int down = 0;
    std::cout << fmt::format("{:<14} {:<24} {:<6} {}\n", "DAEMON", "ADDRESS", "STATE",
                             "RUNNING ID / ERROR");
    for (auto& target : targets) {
        if (!options.ca_cert.empty()) {
            target.tls.ca_cert = options.ca_cert;
        }
        net::ClientSettings settings{.tls = target.tls};
        settings.timeout = std::chrono::milliseconds(static_cast<long>(options.timeout * 1000));
        auto client = std::make_shared<net::HttpClient>(io, settings);
        auto link = std::make_shared<daemon::PeerLink>(target.endpoint, 1);
        net::run_sync(io, link->check(*client, 0));
        const auto& liveness = link->liveness();
        down += liveness.alive ? 0 : 1;
        std::cout << fmt::format(
            "{:<14} {:<24} {:<6} {}\n", target.name,
            (target.tls.use_ssl ? "https://" : "http://") + target.endpoint.key(),
            liveness.alive ? "up" : "DOWN",
            liveness.alive ? liveness.running_id : liveness.last_error);
    }
    return down == 0 ? 0 : 1;
}

}  // namespace

void add_status_command(CLI::App& app) {
    auto options = std::make_shared<StatusOptions>();
    auto* cmd = app.add_subcommand("status", "ping every daemon and show whether it is up");
    cmd->add_option("daemons", options->addresses,
                    "host:port of daemons to ping (default: all those configured in --etc)");
    cmd->add_option("--etc", options->etc, "configuration directory (yagura.cfg, daemons/*.ini)")
        ->capture_default_str();
    cmd->add_option("--cacert", options->ca_cert, "CA certificate to verify the daemons with");
    cmd->add_flag("--plain", options->plain, "plain HTTP for host:port arguments");
    cmd->add_option("--timeout", options->timeout, "seconds per call")->capture_default_str();
    cmd->callback([options] {
        if (int code = status(*options); code != 0) {
            throw CLI::RuntimeError(code);
        }
    });
}

}  // namespace yagura::cli
