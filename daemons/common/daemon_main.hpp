#pragma once

#include <functional>
#include <string>

#include <yagura/daemon/daemon.hpp>

// What every daemon's main does around its role: print errors for humans, set up logging,
// build the runtime, let the role wire itself, run.
namespace yagura::daemons {

using Wiring = std::function<void(daemon::Daemon&)>;

// The whole main of a satellite: `yagura-<role> [-c INI] [-d]`, --help, --version.
int satellite_main(int argc, char** argv, const std::string& role, const Wiring& wire);

// Runs a daemon whose settings are loaded: logging, wiring, run. Prints what prevents
// starting on stderr (and to the log) and returns the exit code.
int run_daemon(const std::string& program, daemon::DaemonSettings settings, const Wiring& wire);

std::string version_line(const std::string& program);

}  // namespace yagura::daemons
