#include <iostream>

#include <CLI/CLI.hpp>

#include "arbiter/arbiter.hpp"
#include "arbiter/verify.hpp"
#include "common/daemon_main.hpp"

using namespace yagura;

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
    arbiter::ArbiterLink me;
    try {
        settings = daemon::load_arbiter_settings(main_cfg);
        me = arbiter::find_own_arbiter_link(main_cfg, name, arbiter::local_host_name());
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
    settings.name = me.name;
    settings.host = me.address;
    settings.port = me.port;
    settings.daemonize = detach;
    std::unique_ptr<arbiter::Arbiter> role;
    return daemons::run_daemon(program, std::move(settings), [&](daemon::Daemon& d) {
        role = std::make_unique<arbiter::Arbiter>(d, me);
    });
}
