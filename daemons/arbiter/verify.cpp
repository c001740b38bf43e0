#include "arbiter/verify.hpp"

#include <ostream>

#include <yagura/daemon/settings.hpp>

#include "arbiter/arbiter_link.hpp"
#include "arbiter/dispatch_check.hpp"

namespace yagura::arbiter {

int verify_configuration(const std::string& main_cfg, const std::string& wanted_name,
                         std::ostream& out, std::ostream& err) {
    int errors = 0;
    try {
        auto settings = daemon::load_arbiter_settings(main_cfg);
        for (const auto& warning : settings.warnings) {
            err << warning << "\n";
        }
        auto links = read_arbiter_links(main_cfg);
        auto me = find_own_arbiter_link(main_cfg, wanted_name, local_host_name());
        out << "Arbiters defined: " << links.size() << "\n";
        for (const auto& link : links) {
            out << "  " << link.name << " " << link.address << ":" << link.port
                << (link.spare ? " (spare)" : "") << "  [" << link.defined_at << "]\n";
        }
        out << "This arbiter: " << me.name << " on " << me.address << ":" << me.port
            << (settings.tls.use_ssl ? " (https)" : " (http)") << "\n";
        errors += load_and_check_dispatch(main_cfg, out, err);
    } catch (const std::exception& e) {
        err << e.what() << "\n";
        ++errors;
    }
    out << (errors == 0 ? "Configuration is correct" : "Configuration is incorrect") << "\n";
    return errors == 0 ? 0 : 1;
}

}  // namespace yagura::arbiter
