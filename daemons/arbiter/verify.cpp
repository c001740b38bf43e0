#include "arbiter/verify.hpp"

#include <iomanip>
#include <ostream>

#include <yagura/config/loader.hpp>
#include <yagura/daemon/settings.hpp>

#include "arbiter/arbiter_link.hpp"
#include "arbiter/dispatch_check.hpp"

namespace yagura::arbiter {

namespace {

void print_counts(const model::Config& config, std::ostream& out) {
    out << "Objects:\n";
    for (const auto& [type, count] : config::object_counts(config)) {
        if (count > 0) {
            out << "  " << std::left << std::setw(20) << type << std::right << std::setw(10)
                << count << "\n";
        }
    }
}

template <class L>
void print_links(const model::Table<L>& links, const model::Config& config, std::ostream& out) {
    const auto& pool = config.pool;
    for (const L& link : links) {
        out << "  " << model::type_info<L>().name << " " << pool.str(link.daemon_name) << " "
            << pool.str(link.address) << ":" << link.port;
        if (link.realm_index != model::kNoIndex) {
            out << " realm " << pool.str(config.realms[link.realm_index].realm_name);
        }
        out << (link.spare ? " (spare)" : "");
        if (!link.imported_from.file.empty()) {
            out << "  [" << pool.str(link.imported_from.file) << ":" << link.imported_from.line
                << "]";
        } else {
            out << "  [default]";
        }
        out << "\n";
    }
}

void print_daemons(const model::Config& config, std::ostream& out) {
    out << "Daemons:\n";
    print_links(config.arbiters, config, out);
    print_links(config.schedulers, config, out);
    print_links(config.pollers, config, out);
    print_links(config.reactionners, config, out);
    print_links(config.brokers, config, out);
    print_links(config.receivers, config, out);
}

}  // namespace

int verify_configuration(const std::string& main_cfg, const std::string& wanted_name,
                         std::ostream& out, std::ostream& err) {
    std::size_t errors = 0;
    std::size_t warnings = 0;
    try {
        auto settings = daemon::load_arbiter_settings(main_cfg);
        for (const auto& warning : settings.warnings) {
            err << warning << "\n";
            ++warnings;
        }
    } catch (const std::exception& e) {
        err << e.what() << "\n";
        ++errors;
    }
    auto result = config::load(main_cfg);
    for (const auto& w : result.warnings) {
        err << w.to_string() << "\n";
    }
    for (const auto& e : result.errors) {
        err << e.to_string() << "\n";
    }
    warnings += result.warnings.size();
    errors += result.errors.size();
    if (result.ok()) {
        const model::Config& config = *result.config;
        print_counts(config, out);
        print_daemons(config, out);
        try {
            auto me = choose_own_arbiter(arbiter_links(config), wanted_name, local_host_name());
            out << "This arbiter: " << me.name << " on " << me.address << ":" << me.port << "\n";
        } catch (const std::exception& e) {
            err << e.what() << "\n";
            ++errors;
        }
        errors += static_cast<std::size_t>(check_dispatch(config, out, err));
    }
    const auto& s = result.stats;
    out << "Read " << s.files << " files (" << s.bytes / 1024 << " KiB) in " << std::fixed
        << std::setprecision(3)
        << s.read_parse_seconds + s.resolve_seconds + s.link_seconds + s.validate_seconds << " s\n";
    out << errors << " error(s), " << warnings << " warning(s)\n";
    out << (errors == 0 ? "Configuration is correct" : "Configuration is incorrect") << "\n";
    return errors == 0 ? 0 : 1;
}

}  // namespace yagura::arbiter
