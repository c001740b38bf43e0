#include <iostream>

#include <yagura/core/error.hpp>

#include "arbiter/verify.hpp"
#include "yagura/commands.hpp"

namespace yagura::cli {

void add_check_config_command(CLI::App& app) {
    auto main_cfg = std::make_shared<std::string>("/etc/yagura/yagura.cfg");
    auto* cmd =
        app.add_subcommand("check-config", "check the configuration (as yagura-arbiter -v)");
    cmd->add_option("-c,--config", *main_cfg, "the main configuration file")->capture_default_str();
    cmd->callback([main_cfg] {
        if (int code = arbiter::verify_configuration(*main_cfg, "", std::cout, std::cerr)) {
            throw CLI::RuntimeError(code);
        }
    });
}

}  // namespace yagura::cli

int main(int argc, char** argv) {
    CLI::App app{"yagura: administer a yagura monitoring site", "yagura"};
    app.set_version_flag("-V,--version", std::string("yagura ") + YAGURA_VERSION);
    app.require_subcommand(1);
    yagura::cli::add_pki_commands(app);
    yagura::cli::add_status_command(app);
    yagura::cli::add_check_config_command(app);
    yagura::cli::add_send_command(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::cerr << "yagura: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
