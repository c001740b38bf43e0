#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

// The subcommands of the `yagura` admin CLI, each adding itself to the app explicitly.
namespace yagura::cli {

void add_pki_commands(CLI::App& app);
void add_status_command(CLI::App& app);
void add_check_config_command(CLI::App& app);
void add_send_command(CLI::App& app);

}  // namespace yagura::cli
