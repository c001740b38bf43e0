#include <iostream>

#include <CLI/CLI.hpp>

#include <yagura/core/error.hpp>

#include "arbiter/arbiter.hpp"
#include "arbiter/arbiter_link.hpp"
#include "arbiter/config_source.hpp"
#include "arbiter/verify.hpp"
#include "common/daemon_main.hpp"

using namespace yagura;

namespace {

// The spare receives the master's whole configuration in one request.
constexpr std::size_t kArbiterBodyLimit = std::size_t{1} << 30;

bool other_spares(const dispatch::Topology& topology, const std::string& me) {
    for (const auto* a : topology.of_kind(dispatch::DaemonKind::arbiter)) {
        if (a->spare && a->name != me) {
            return true;
        }
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string program = "yagura-arbiter";
    CLI::App app{"yagura-arbiter: reads the configuration, dispatches it, watches the daemons",
                 program};
    std::string main_cfg = "/etc/yagura/yagura.cfg";
    std::string name;
    bool verify = false;
    bool detach = false;
    app.add_option("-c,--config", main_cfg, "the main configuration file")->capture_default_str();
    app.add_option("-n,--name", name, "the arbiter_name of this arbiter's define arbiter block");
    app.add_flag("-v,--verify-config", verify, "check the configuration, print errors, exit");
    app.add_flag("-d,--daemon", detach, "detach and run in the background");
    app.set_version_flag("-V,--version", daemons::version_line(program));
    CLI11_PARSE(app, argc, argv);

    if (verify) {
        return arbiter::verify_configuration(main_cfg, name, std::cout, std::cerr);
    }
    daemon::DaemonSettings settings;
    std::shared_ptr<arbiter::Prepared> prepared;
    dispatch::DaemonInfo me;
    try {
        settings = daemon::load_arbiter_settings(main_cfg);
        auto loaded = arbiter::load_configuration(main_cfg);
        for (const auto& w : loaded.warnings) {
            settings.warnings.push_back(w);
        }
        if (!loaded.ok()) {
            for (const auto& e : loaded.errors) {
                std::cerr << e << "\n";
            }
            std::cerr << program << ": the configuration has " << loaded.errors.size()
                      << " errors (yagura-arbiter -v -c " << main_cfg << " lists them)\n";
            return 1;
        }
        dispatch::Problems ignored;
        auto topology = dispatch::make_topology(*loaded.config, ignored);
        me = arbiter::find_me(topology, name, arbiter::local_host_name());
        auto made = arbiter::prepare(std::move(*loaded.config), main_cfg, {}, nullptr,
                                     !me.spare && other_spares(topology, me.name), {});
        if (!made.prepared) {
            for (const auto& e : made.errors) {
                std::cerr << e << "\n";
            }
            std::cerr << program << ": the configuration cannot be dispatched\n";
            return 1;
        }
        prepared = made.prepared;
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
    settings.name = me.name;
    settings.host = me.address;
    settings.port = me.port;
    settings.daemonize = detach;
    settings.max_request_body = std::max(settings.max_request_body, kArbiterBodyLimit);
    std::unique_ptr<arbiter::Arbiter> role;
    return daemons::run_daemon(program, std::move(settings), [&](daemon::Daemon& d) {
        role =
            std::make_unique<arbiter::Arbiter>(d, arbiter::ArbiterOptions{main_cfg}, me, prepared);
    });
}
