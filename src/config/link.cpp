#include "link.hpp"

#include <algorithm>

#include <yagura/model/calendar.hpp>

namespace yagura::config::detail {

using model::CommandCall;
using model::Index;
using model::kNoIndex;
using model::Symbol;

void link(model::Config& config, Report& report) {
    Linker(config, report).run();
}

void Linker::run() {
    link_commands_and_periods();
    link_contacts();
    link_groups();
    link_realms();
    link_daemons();
    link_hosts();
    link_parents();
    link_services();
    link_escalations();
    link_dependencies();
    check_global_commands();
}

model::IndexList Linker::index_list(std::vector<Index>& indices) {
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    return model::IndexList{pool_.intern_list(indices)};
}

void Linker::error(const ObjectRef& who, std::string message) {
    report_.error(who.where, who.describe(pool_), std::move(message));
}

Index Linker::period(Symbol name, const ObjectRef& who, std::string_view field, bool quiet) {
    if (name.empty()) {
        return kNoIndex;
    }
    Index p = config_.timeperiods.find(name);
    if (p == kNoIndex && !quiet) {
        error(who, std::string(field) + ": " +
                       unknown_name(report_, "timeperiod", pool_.str(name), config_.timeperiods));
    }
    return p;
}

CommandCall Linker::command(Symbol text, const ObjectRef& who, std::string_view field) {
    if (text.empty()) {
        return {};
    }
    auto it = commands_.find(text.id);
    if (it == commands_.end()) {
        it = commands_
                 .emplace(text.id,
                          model::link_command_call(pool_.str(text), config_.commands, pool_))
                 .first;
    }
    if (it->second.command == kNoIndex) {
        std::string_view written = pool_.str(text);
        std::string_view name = written.substr(0, written.find('!'));
        error(who,
              std::string(field) + ": " + unknown_name(report_, "command", name, config_.commands));
    }
    return it->second;
}

void Linker::link_commands_and_periods() {
    config_.compile_command_lines();
    for (model::TimePeriod& p : config_.timeperiods) {
        for (Symbol name : pool_.symbols(p.exclude.list)) {
            if (config_.timeperiods.find(name) == kNoIndex) {
                report_.error(p.imported_from, describe(p, pool_),
                              "exclude: " + unknown_name(report_, "timeperiod", pool_.str(name),
                                                         config_.timeperiods));
            }
        }
    }
    for (const std::string& problem :
         model::resolve_exclusions(config_.timeperiods.items(), pool_)) {
        if (problem.find("loop") == std::string::npos) {
            continue;  // unknown names: reported above with their place
        }
        // "timeperiod 'a': exclude loop a -> b -> a": report it at period a.
        std::size_t open = problem.find('\'');
        std::size_t close = problem.find('\'', open + 1);
        Index p = config_.timeperiods.find(problem.substr(open + 1, close - open - 1), pool_);
        std::string message = problem.substr(problem.find(": ") + 2);
        if (p == kNoIndex) {
            report_.error_at("", 0, "", problem);
        } else {
            report_.error(config_.timeperiods[p].imported_from,
                          describe(config_.timeperiods[p], pool_), message);
        }
    }
}

template <class T>
void Linker::link_notification(model::NotificationLinks& links, const T& obj) {
    ObjectRef who = ref(obj);
    links.host_notification_period =
        period(obj.host_notification_period, who, "host_notification_period");
    links.service_notification_period =
        period(obj.service_notification_period, who, "service_notification_period");
    links.host_notification_commands.clear();
    links.service_notification_commands.clear();
    for (Symbol c : pool_.symbols(obj.host_notification_commands.list)) {
        links.host_notification_commands.push_back(command(c, who, "host_notification_commands"));
    }
    for (Symbol c : pool_.symbols(obj.service_notification_commands.list)) {
        links.service_notification_commands.push_back(
            command(c, who, "service_notification_commands"));
    }
}

void Linker::link_contacts() {
    for (model::NotificationWay& way : config_.notificationways) {
        link_notification(way.links, way);
    }
    contact_groups_ = contactgroup_members(config_, &report_);
    Members groups_of = groups_of_members(contact_groups_, config_.contacts.size());
    for (std::size_t c = 0; c < config_.contacts.size(); ++c) {
        model::Contact& contact = config_.contacts[c];
        link_notification(contact.links.notification, contact);
        contact.links.contactgroups = index_list(groups_of[c]);
        std::vector<Index> ways;
        for (Symbol name : pool_.symbols(contact.notificationways.list)) {
            Index w = config_.notificationways.find(name);
            if (w == kNoIndex) {
                report_.error(
                    contact.imported_from, describe(contact, pool_),
                    "notificationways: " + unknown_name(report_, "notificationway", pool_.str(name),
                                                        config_.notificationways));
                continue;
            }
            ways.push_back(w);
        }
        contact.links.notificationways = index_list(ways);
    }
    for (std::size_t g = 0; g < config_.contactgroups.size(); ++g) {
        model::ContactGroup& group = config_.contactgroups[g];
        group.links.members = index_list(contact_groups_[g]);
        std::vector<Index> subgroups;
        for (Symbol name : pool_.symbols(group.contactgroup_members.list)) {
            if (Index s = config_.contactgroups.find(name); s != kNoIndex) {
                subgroups.push_back(s);
            }
        }
        group.links.subgroups = index_list(subgroups);
    }
}

void Linker::check_global_commands() {
    const model::Globals& g = config_.globals;
    struct Global {
        std::string_view name;
        Symbol value;
    };
    for (const Global& c :
         {Global{"global_host_event_handler", g.global_host_event_handler},
          Global{"global_service_event_handler", g.global_service_event_handler},
          Global{"ocsp_command", g.ocsp_command}, Global{"ochp_command", g.ochp_command},
          Global{"host_perfdata_command", g.host_perfdata_command},
          Global{"service_perfdata_command", g.service_perfdata_command}}) {
        if (c.value.empty()) {
            continue;
        }
        CommandCall call = model::link_command_call(pool_.str(c.value), config_.commands, pool_);
        if (call.command == kNoIndex) {
            std::string_view written = pool_.str(c.value);
            report_.error_at(
                "", 0, "main configuration",
                std::string(c.name) + ": " +
                    unknown_name(report_, "command", written.substr(0, written.find('!')),
                                 config_.commands));
        }
    }
}

}  // namespace yagura::config::detail
