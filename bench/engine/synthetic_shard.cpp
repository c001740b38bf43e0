#include "synthetic_shard.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

#include <yagura/model/calendar.hpp>
#include <yagura/model/schema.hpp>

namespace yagura::engine::bench {

namespace {

using namespace model;

template <class T>
void set(T& obj, Config& cfg, std::string_view key, std::string_view value) {
    SetResult r = set_attribute(obj, key, value, cfg.pool);
    if (!r.ok()) {
        throw std::runtime_error("synthetic shard: " + std::string(key) + ": " + r.message);
    }
}

IndexList index_list(Config& cfg, const std::vector<std::uint32_t>& values) {
    return IndexList{cfg.pool.intern_list(values)};
}

}  // namespace

Config synthetic_shard(const SyntheticSpec& spec) {
    Config cfg;
    TimePeriod always = cfg.make<TimePeriod>();
    set(always, cfg, "timeperiod_name", "24x7");
    for (const char* day :
         {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
        set(always, cfg, day, "00:00-24:00");
    }
    cfg.timeperiods.insert(std::move(always));
    Command check = cfg.make<Command>();
    set(check, cfg, "command_name", "check_svc");
    set(check, cfg, "command_line", "/usr/lib/nagios/plugins/check_dummy $ARG1$ $HOSTADDRESS$");
    cfg.commands.insert(std::move(check));
    Command notify = cfg.make<Command>();
    set(notify, cfg, "command_name", "notify");
    set(notify, cfg, "command_line", "notify $CONTACTNAME$ $NOTIFICATIONTYPE$ $HOSTNAME$");
    cfg.commands.insert(std::move(notify));
    Contact admin = cfg.make<Contact>();
    set(admin, cfg, "contact_name", "admin");
    set(admin, cfg, "service_notification_options", "w,u,c,r");
    set(admin, cfg, "host_notification_options", "d,u,r");
    set(admin, cfg, "service_notification_commands", "notify");
    set(admin, cfg, "host_notification_commands", "notify");
    admin.links.notification.service_notification_commands = {
        link_command_call("notify", cfg.commands, cfg.pool)};
    admin.links.notification.host_notification_commands =
        admin.links.notification.service_notification_commands;
    cfg.contacts.insert(std::move(admin));
    cfg.compile_command_lines();
    resolve_exclusions(cfg.timeperiods.items(), cfg.pool);

    Host host_tpl = cfg.make<Host>();
    set(host_tpl, cfg, "max_check_attempts", std::to_string(spec.max_check_attempts));
    set(host_tpl, cfg, "check_interval", std::to_string(spec.host_check_interval));
    set(host_tpl, cfg, "check_period", "24x7");
    set(host_tpl, cfg, "notification_period", "24x7");
    set(host_tpl, cfg, "contacts", "admin");
    host_tpl.links.check_period = 0;
    host_tpl.links.notification_period = 0;
    host_tpl.links.contacts = index_list(cfg, {0});

    Service svc_tpl = cfg.make<Service>();
    set(svc_tpl, cfg, "check_command", "check_svc!0");
    set(svc_tpl, cfg, "max_check_attempts", std::to_string(spec.max_check_attempts));
    set(svc_tpl, cfg, "retry_interval", std::to_string(spec.retry_interval));
    set(svc_tpl, cfg, "check_period", "24x7");
    set(svc_tpl, cfg, "notification_period", "24x7");
    set(svc_tpl, cfg, "contacts", "admin");
    svc_tpl.links.check_command = link_command_call("check_svc!0", cfg.commands, cfg.pool);
    svc_tpl.links.check_period = 0;
    svc_tpl.links.notification_period = 0;
    svc_tpl.links.contacts = index_list(cfg, {0});

    const auto hosts = static_cast<std::size_t>(spec.hosts);
    const auto per_host = static_cast<std::size_t>(spec.services_per_host);
    cfg.hosts.reserve(hosts);
    cfg.services.reserve(hosts * per_host);
    std::vector<Symbol> descriptions;
    char text[48];
    for (std::size_t d = 0; d < per_host; ++d) {
        std::snprintf(text, sizeof text, "service-%02zu", d);
        descriptions.push_back(cfg.pool.intern(text));
    }
    std::vector<std::uint32_t> services_of_host;
    std::size_t interval_turn = 0;
    for (std::size_t i = 0; i < hosts; ++i) {
        Host h = host_tpl;
        std::snprintf(text, sizeof text, "host-%06zu", i);
        h.host_name = cfg.pool.intern(text);
        std::snprintf(text, sizeof text, "10.%zu.%zu.%zu", i >> 16 & 255, i >> 8 & 255, i & 255);
        h.address = cfg.pool.intern(text);
        services_of_host.clear();
        for (std::size_t d = 0; d < per_host; ++d) {
            Service s = svc_tpl;
            s.host_name = h.host_name;
            s.service_description = descriptions[d];
            s.check_interval = spec.check_intervals[interval_turn++ % spec.check_intervals.size()];
            s.service_links.host = static_cast<Index>(i);
            auto inserted = cfg.services.insert(std::move(s));
            services_of_host.push_back(inserted.index);
        }
        h.host_links.services = index_list(cfg, services_of_host);
        cfg.hosts.insert(std::move(h));
    }
    return cfg;
}

}  // namespace yagura::engine::bench
