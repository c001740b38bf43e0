#include "arbiter/arbiter_link.hpp"

#include <unistd.h>

#include <yagura/config/loader.hpp>
#include <yagura/core/error.hpp>

namespace yagura::arbiter {

std::vector<ArbiterLink> arbiter_links(const model::Config& config) {
    std::vector<ArbiterLink> links;
    const auto& pool = config.pool;
    for (const model::ArbiterLink& a : config.arbiters) {
        ArbiterLink link;
        link.name = std::string(pool.str(a.daemon_name));
        link.host_name = std::string(pool.str(a.host_name));
        if (!a.address.empty()) {
            link.address = std::string(pool.str(a.address));
        }
        link.port = static_cast<std::uint16_t>(a.port);
        link.spare = a.spare;
        if (!a.imported_from.file.empty()) {
            link.defined_at = std::string(pool.str(a.imported_from.file)) + ":" +
                              std::to_string(a.imported_from.line);
        }
        links.push_back(std::move(link));
    }
    return links;
}

ArbiterLink choose_own_arbiter(const std::vector<ArbiterLink>& links,
                               const std::string& wanted_name, const std::string& this_host_name) {
    if (!wanted_name.empty()) {
        for (const auto& link : links) {
            if (link.name == wanted_name) {
                return link;
            }
        }
        throw core::Error(core::ErrorKind::not_found,
                          "no define arbiter with arbiter_name " + wanted_name);
    }
    // "node1" and "node1.example.org" name the same machine, whichever side is qualified.
    auto short_name = [](const std::string& name) { return name.substr(0, name.find('.')); };
    for (const auto& link : links) {
        if (!link.host_name.empty() && (link.host_name == this_host_name ||
                                        short_name(link.host_name) == short_name(this_host_name))) {
            return link;
        }
    }
    if (links.size() == 1) {
        return links.front();
    }
    if (links.empty()) {
        return ArbiterLink{};
    }
    throw core::Error(core::ErrorKind::invalid_input,
                      std::to_string(links.size()) +
                          " arbiters are defined and none has host_name " + this_host_name +
                          "; start with -n <arbiter_name>");
}

std::vector<ArbiterLink> read_arbiter_links(const std::string& main_cfg) {
    auto result = config::load(main_cfg);
    if (!result.ok()) {
        std::string message = main_cfg + ": the configuration does not load:";
        constexpr std::size_t kShown = 20;
        for (std::size_t i = 0; i < result.errors.size() && i < kShown; ++i) {
            message += "\n  " + result.errors[i].to_string();
        }
        if (result.errors.size() > kShown) {
            message += "\n  ... and " + std::to_string(result.errors.size() - kShown) +
                       " more errors (yagura-arbiter -v lists them all)";
        }
        throw core::Error(core::ErrorKind::invalid_input, message);
    }
    return arbiter_links(*result.config);
}

ArbiterLink find_own_arbiter_link(const std::string& main_cfg, const std::string& wanted_name,
                                  const std::string& this_host_name) {
    return choose_own_arbiter(read_arbiter_links(main_cfg), wanted_name, this_host_name);
}

std::string local_host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) {
        return "localhost";
    }
    return name;
}

}  // namespace yagura::arbiter
