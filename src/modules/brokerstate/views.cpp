// Views across the scheduler parts: names to hosts, groups merged by name (each part knows
// only its own members), contacts and commands once each (every part carries them all).
#include <algorithm>

#include "impl.hpp"

namespace yagura::modules::brokerstate {

namespace {

template <class Member>
void sort_unique(std::vector<const Member*>& members) {
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
}

void copy_group_identity(const GroupDecl& decl, std::string& alias, std::string& notes,
                         std::string& notes_url, std::string& action_url) {
    if (alias.empty()) {
        alias = decl.alias;
    }
    if (notes.empty()) {
        notes = decl.notes;
    }
    if (notes_url.empty()) {
        notes_url = decl.notes_url;
    }
    if (action_url.empty()) {
        action_url = decl.action_url;
    }
}

}  // namespace

void BrokerState::Impl::rebuild_views() {
    hosts_by_name.clear();
    hostgroups.clear();
    servicegroups.clear();
    contacts.clear();
    contactgroups.clear();
    commands.clear();
    timeperiods.clear();
    host_count = service_count = 0;
    auto hostgroup_named = [this](const std::string& name) -> ls::HostGroup& {
        auto& group = hostgroups[name];
        group.name = name;
        return group;
    };
    auto servicegroup_named = [this](const std::string& name) -> ls::ServiceGroup& {
        auto& group = servicegroups[name];
        group.name = name;
        return group;
    };
    for (auto& [instance, shard] : shards) {
        for (auto& host : shard->hosts) {
            if (hosts_by_name.emplace(host.name, &host).second) {
                ++host_count;
            }
            for (const auto& group : host.groups) {
                hostgroup_named(group).members.push_back(&host);
            }
        }
        for (auto& service : shard->services) {
            if (service.host == nullptr) {
                continue;
            }
            ++service_count;
            for (const auto& group : service.groups) {
                servicegroup_named(group).members.push_back(&service);
            }
        }
        for (const auto& [name, decl] : shard->hostgroups) {
            auto& group = hostgroup_named(name);
            copy_group_identity(decl, group.alias, group.notes, group.notes_url, group.action_url);
            for (const auto& member : decl.members) {
                if (const ls::Host* host = shard->host(member)) {
                    group.members.push_back(host);
                }
            }
        }
        for (const auto& [name, decl] : shard->servicegroups) {
            auto& group = servicegroup_named(name);
            copy_group_identity(decl, group.alias, group.notes, group.notes_url, group.action_url);
            for (const auto& member : decl.members) {
                auto it = shard->service_index.find(member);
                if (it != shard->service_index.end() &&
                    shard->services[it->second].host != nullptr) {
                    group.members.push_back(&shard->services[it->second]);
                }
            }
        }
        for (const auto& [name, contact] : shard->contacts) {
            contacts.emplace(name, contact);
        }
        for (const auto& [name, group] : shard->contactgroups) {
            auto& merged = contactgroups[name];
            merged.name = name;
            if (merged.alias.empty()) {
                merged.alias = group.alias;
            }
            merged.members.insert(merged.members.end(), group.members.begin(), group.members.end());
        }
        for (const auto& [name, command] : shard->commands) {
            commands.emplace(name, &command);
        }
        for (const auto& [name, period] : shard->timeperiods) {
            timeperiods.emplace(name, &period);
        }
    }
    for (auto& [name, group] : hostgroups) {
        sort_unique(group.members);
        std::sort(group.members.begin(), group.members.end(),
                  [](auto* a, auto* b) { return a->name < b->name; });
    }
    for (auto& [name, group] : servicegroups) {
        sort_unique(group.members);
        std::sort(group.members.begin(), group.members.end(), [](auto* a, auto* b) {
            return std::tie(a->host_name, a->description) < std::tie(b->host_name, b->description);
        });
    }
    for (auto& [name, group] : contactgroups) {
        std::sort(group.members.begin(), group.members.end());
        group.members.erase(std::unique(group.members.begin(), group.members.end()),
                            group.members.end());
        for (const auto& member : group.members) {
            auto contact = contacts.find(member);
            if (contact != contacts.end() &&
                std::find(contact->second.groups.begin(), contact->second.groups.end(), name) ==
                    contact->second.groups.end()) {
                contact->second.groups.push_back(name);
            }
        }
    }
}

// One status row for all parts: the oldest start, the latest command check, and a switch is
// on only if it is on in every part.
ls::ProgramStatus BrokerState::Impl::merged_program() const {
    ls::ProgramStatus merged;
    bool first = true;
    for (const auto& [instance, shard] : shards) {
        if (!shard->program) {
            continue;
        }
        const auto& p = *shard->program;
        ++merged.instances;
        if (first) {
            merged = p;
            merged.instances = 1;
            first = false;
            continue;
        }
        merged.program_start = std::min(merged.program_start, p.program_start);
        merged.last_command_check = std::max(merged.last_command_check, p.last_command_check);
        merged.last_log_rotation = std::max(merged.last_log_rotation, p.last_log_rotation);
        bool ls::ProgramStatus::*switches[] = {
            &ls::ProgramStatus::enable_notifications,
            &ls::ProgramStatus::execute_service_checks,
            &ls::ProgramStatus::execute_host_checks,
            &ls::ProgramStatus::accept_passive_service_checks,
            &ls::ProgramStatus::accept_passive_host_checks,
            &ls::ProgramStatus::enable_event_handlers,
            &ls::ProgramStatus::enable_flap_detection,
            &ls::ProgramStatus::process_performance_data,
            &ls::ProgramStatus::check_service_freshness,
            &ls::ProgramStatus::check_host_freshness,
        };
        for (auto field : switches) {
            merged.*field = merged.*field && p.*field;
        }
    }
    return merged;
}

}  // namespace yagura::modules::brokerstate
