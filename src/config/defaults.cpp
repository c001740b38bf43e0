#include "defaults.hpp"

#include <string>

namespace yagura::config::detail {

namespace {

template <class L>
void add_link_if_none(model::Config& config, std::string_view name) {
    auto& table = config.table<L>();
    if (!table.empty()) {
        return;
    }
    auto link = config.make<L>();
    model::set_attribute(link, "address", "127.0.0.1", config.pool);
    model::set_attribute(link, std::string(model::type_info<L>().name) + "_name", name,
                         config.pool);
    if constexpr (std::is_same_v<L, model::BrokerLink>) {
        link.manage_arbiters = true;  // Shinken's default broker also collects arbiter broks
    }
    table.insert(std::move(link));
}

}  // namespace

void add_default_realm_and_daemons(model::Config& config) {
    if (config.realms.empty()) {
        auto realm = config.make<model::Realm>();
        model::set_attribute(realm, "realm_name", "All", config.pool);
        model::set_attribute(realm, "default", "1", config.pool);
        config.realms.insert(std::move(realm));
    } else if (config.realms.size() == 1) {
        config.realms[0].default_realm = true;
    }
    add_link_if_none<model::ArbiterLink>(config, "Default-Arbiter");
    add_link_if_none<model::SchedulerLink>(config, "Default-Scheduler");
    add_link_if_none<model::PollerLink>(config, "Default-Poller");
    add_link_if_none<model::ReactionnerLink>(config, "Default-Reactionner");
    add_link_if_none<model::BrokerLink>(config, "Default-Broker");
    add_link_if_none<model::ReceiverLink>(config, "Default-Receiver");
}

void add_internal_commands(model::Config& config) {
    for (std::string_view name : {"_internal_host_up", "_echo", "bp_rule"}) {
        if (config.commands.find(name, config.pool) != model::kNoIndex) {
            continue;
        }
        auto command = config.make<model::Command>();
        model::set_attribute(command, "command_name", name, config.pool);
        model::set_attribute(command, "command_line", name, config.pool);
        config.commands.insert(std::move(command));
    }
}

}  // namespace yagura::config::detail
