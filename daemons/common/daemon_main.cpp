#include "common/daemon_main.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>

namespace yagura::daemons {

std::string version_line(const std::string& program) {
    return program + " " + YAGURA_VERSION;
}

int run_daemon(const std::string& program, daemon::DaemonSettings settings, const Wiring& wire) {
    try {
        core::configure_logging({.level = settings.log_level, .file = settings.local_log});
        if (settings.daemonize && settings.local_log.empty()) {
            settings.warnings.push_back("-d without local_log: the logs go nowhere");
        }
        daemon::Daemon daemon(std::move(settings));
        return daemon.run([&] { wire(daemon); });
    } catch (const std::exception& e) {
        core::logger("daemon")->error("{}: {}", program, e.what());
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
}

int satellite_main(int argc, char** argv, const std::string& role, const Wiring& wire) {
    std::string program = "yagura-" + role;
    CLI::App app{program + ": the yagura " + role + " daemon", program};
    std::string ini = "/etc/yagura/daemons/" + role + ".ini";
    bool detach = false;
    app.add_option("-c,--config", ini, "the daemon's ini file ([daemon] section)")
        ->capture_default_str();
    app.add_flag("-d,--daemon", detach, "detach and run in the background");
    app.set_version_flag("-V,--version", version_line(program));
    CLI11_PARSE(app, argc, argv);

    daemon::DaemonSettings settings;
    try {
        settings = daemon::load_satellite_settings(ini, role);
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
    settings.daemonize = detach;
    return run_daemon(program, std::move(settings), wire);
}

}  // namespace yagura::daemons
