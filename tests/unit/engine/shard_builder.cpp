#include "shard_builder.hpp"

#include <algorithm>
#include <stdexcept>

#include <yagura/model/calendar.hpp>
#include <yagura/model/schema.hpp>

namespace yagura::engine::test {

namespace {

using namespace model;

template <class T>
void set(T& obj, Config& cfg, std::string_view key, std::string_view value) {
    SetResult r = set_attribute(obj, key, value, cfg.pool);
    if (!r.ok()) {
        throw std::runtime_error("shard builder: " + std::string(key) + " '" + std::string(value) +
                                 "': " + r.message);
    }
}

template <class T>
T make(Config& cfg, Attributes attrs) {
    T obj = cfg.make<T>();
    for (const auto& [key, value] : attrs) {
        set(obj, cfg, key, value);
    }
    return obj;
}

template <class T>
Index must_find(const Config& cfg, Symbol name, std::string_view what) {
    Index i = cfg.table<T>().find(name);
    if (i == kNoIndex) {
        throw std::runtime_error("shard builder: unknown " + std::string(what) + " '" +
                                 std::string(cfg.pool.str(name)) + "'");
    }
    return i;
}

Index period(const Config& cfg, Symbol name) {
    return name.empty() ? kNoIndex : must_find<TimePeriod>(cfg, name, "timeperiod");
}

IndexList index_list(Config& cfg, const std::vector<Index>& values) {
    std::vector<std::uint32_t> raw(values.begin(), values.end());
    return IndexList{cfg.pool.intern_list(raw)};
}

void add_unique(std::vector<Index>& list, Index i) {
    if (std::find(list.begin(), list.end(), i) == list.end()) {
        list.push_back(i);
    }
}

std::vector<CommandCall> calls(Config& cfg, SymbolList list) {
    std::vector<CommandCall> out;
    for (Symbol s : cfg.pool.symbols(list.list)) {
        out.push_back(link_command_call(cfg.pool.str(s), cfg.commands, cfg.pool));
    }
    return out;
}

void link_contacts(Config& cfg) {
    std::vector<std::vector<Index>> groups_of(cfg.contacts.size());
    for (Index g = 0; g < cfg.contactgroups.size(); ++g) {
        ContactGroup& group = cfg.contactgroups[g];
        std::vector<Index> members;
        for (Symbol m : cfg.pool.symbols(group.members.list)) {
            Index c = must_find<Contact>(cfg, m, "contact");
            members.push_back(c);
            add_unique(groups_of[c], g);
        }
        group.links.members = index_list(cfg, members);
    }
    for (NotificationWay& nw : cfg.notificationways) {
        nw.links.host_notification_period = period(cfg, nw.host_notification_period);
        nw.links.service_notification_period = period(cfg, nw.service_notification_period);
        nw.links.host_notification_commands = calls(cfg, nw.host_notification_commands);
        nw.links.service_notification_commands = calls(cfg, nw.service_notification_commands);
    }
    for (Index c = 0; c < cfg.contacts.size(); ++c) {
        Contact& contact = cfg.contacts[c];
        contact.links.contactgroups = index_list(cfg, groups_of[c]);
        NotificationLinks& n = contact.links.notification;
        n.host_notification_period = period(cfg, contact.host_notification_period);
        n.service_notification_period = period(cfg, contact.service_notification_period);
        n.host_notification_commands = calls(cfg, contact.host_notification_commands);
        n.service_notification_commands = calls(cfg, contact.service_notification_commands);
        std::vector<Index> ways;
        for (Symbol w : cfg.pool.symbols(contact.notificationways.list)) {
            ways.push_back(must_find<NotificationWay>(cfg, w, "notificationway"));
        }
        contact.links.notificationways = index_list(cfg, ways);
    }
}

void link_checkable(Config& cfg, Checkable& c) {
    c.links.check_command =
        c.check_command.empty()
            ? CommandCall{}
            : link_command_call(cfg.pool.str(c.check_command), cfg.commands, cfg.pool);
    c.links.event_handler =
        c.event_handler.empty()
            ? CommandCall{}
            : link_command_call(cfg.pool.str(c.event_handler), cfg.commands, cfg.pool);
    c.links.check_period = period(cfg, c.check_period);
    c.links.notification_period = period(cfg, c.notification_period);
    std::vector<Index> contacts;
    std::vector<Index> groups;
    for (Symbol name : cfg.pool.symbols(c.contacts.list)) {
        add_unique(contacts, must_find<Contact>(cfg, name, "contact"));
    }
    for (Symbol name : cfg.pool.symbols(c.contact_groups.list)) {
        Index g = must_find<ContactGroup>(cfg, name, "contactgroup");
        add_unique(groups, g);
        for (std::uint32_t m : cfg.pool.list(cfg.contactgroups[g].links.members.list)) {
            add_unique(contacts, m);
        }
    }
    c.links.contacts = index_list(cfg, contacts);
    c.links.contact_groups = index_list(cfg, groups);
    std::vector<Index> escalations;
    for (Symbol name : cfg.pool.symbols(c.escalations.list)) {
        escalations.push_back(must_find<Escalation>(cfg, name, "escalation"));
    }
    c.links.escalations = index_list(cfg, escalations);
}

}  // namespace

ShardBuilder::ShardBuilder() = default;

ShardBuilder& ShardBuilder::with_basics() {
    timeperiod("24x7", {"monday 00:00-24:00", "tuesday 00:00-24:00", "wednesday 00:00-24:00",
                        "thursday 00:00-24:00", "friday 00:00-24:00", "saturday 00:00-24:00",
                        "sunday 00:00-24:00"});
    timeperiod("never", {});
    command("check_ok", "/usr/lib/nagios/plugins/check_dummy 0 $HOSTNAME$");
    command("check_svc", "/usr/lib/nagios/plugins/check_dummy $ARG1$ $HOSTADDRESS$ $SERVICEDESC$");
    command("notify",
            "notify $CONTACTNAME$ $NOTIFICATIONTYPE$ $HOSTNAME$ $SERVICEDESC$ "
            "$NOTIFICATIONNUMBER$ $SERVICESTATE$");
    command("page", "page $CONTACTPAGER$ $NOTIFICATIONTYPE$");
    command("handler", "handler $HOSTNAME$ $SERVICEDESC$ $SERVICESTATE$");
    contact("admin", {{"host_notification_period", "24x7"},
                      {"service_notification_period", "24x7"},
                      {"host_notification_options", "d,u,r,f,s"},
                      {"service_notification_options", "w,u,c,r,f,s"},
                      {"host_notification_commands", "notify"},
                      {"service_notification_commands", "notify"}});
    return *this;
}

ShardBuilder& ShardBuilder::command(std::string_view name, std::string_view line, Attributes more) {
    Command c = make<Command>(cfg_, more);
    set(c, cfg_, "command_name", name);
    set(c, cfg_, "command_line", line);
    cfg_.commands.insert(std::move(c));
    return *this;
}

ShardBuilder& ShardBuilder::timeperiod(std::string_view name,
                                       std::initializer_list<std::string_view> rules) {
    TimePeriod tp = cfg_.make<TimePeriod>();
    set(tp, cfg_, "timeperiod_name", name);
    for (std::string_view rule : rules) {
        auto space = rule.find(' ');
        if (rule.substr(0, space).find_first_of("0123456789") == std::string_view::npos &&
            rule.find(':') != std::string_view::npos) {
            // "monday 09:00-17:00": the day is the key, the range the value.
            set(tp, cfg_, rule.substr(0, space), rule.substr(space + 1));
        } else {
            auto last = rule.rfind(' ');
            set(tp, cfg_, rule.substr(0, last), rule.substr(last + 1));
        }
    }
    cfg_.timeperiods.insert(std::move(tp));
    return *this;
}

ShardBuilder& ShardBuilder::contact(std::string_view name, Attributes attrs) {
    Contact c = make<Contact>(cfg_, attrs);
    set(c, cfg_, "contact_name", name);
    cfg_.contacts.insert(std::move(c));
    return *this;
}

ShardBuilder& ShardBuilder::contactgroup(std::string_view name, std::string_view members) {
    ContactGroup g = cfg_.make<ContactGroup>();
    set(g, cfg_, "contactgroup_name", name);
    set(g, cfg_, "members", members);
    cfg_.contactgroups.insert(std::move(g));
    return *this;
}

ShardBuilder& ShardBuilder::notificationway(std::string_view name, Attributes attrs) {
    NotificationWay nw = make<NotificationWay>(cfg_, attrs);
    set(nw, cfg_, "notificationway_name", name);
    cfg_.notificationways.insert(std::move(nw));
    return *this;
}

ShardBuilder& ShardBuilder::host(std::string_view name, Attributes attrs) {
    Host h = cfg_.make<Host>();
    set(h, cfg_, "host_name", name);
    set(h, cfg_, "address", "10.0.0.1");
    set(h, cfg_, "max_check_attempts", "3");
    set(h, cfg_, "check_interval", "5");
    set(h, cfg_, "retry_interval", "1");
    set(h, cfg_, "check_period", "24x7");
    set(h, cfg_, "notification_period", "24x7");
    set(h, cfg_, "notification_interval", "60");
    set(h, cfg_, "contacts", "admin");
    for (const auto& [key, value] : attrs) {
        set(h, cfg_, key, value);
    }
    cfg_.hosts.insert(std::move(h));
    return *this;
}

ShardBuilder& ShardBuilder::service(std::string_view host, std::string_view description,
                                    Attributes attrs) {
    Service s = cfg_.make<Service>();
    set(s, cfg_, "host_name", host);
    set(s, cfg_, "service_description", description);
    set(s, cfg_, "check_command", "check_svc!0");
    set(s, cfg_, "max_check_attempts", "3");
    set(s, cfg_, "check_interval", "5");
    set(s, cfg_, "retry_interval", "1");
    set(s, cfg_, "check_period", "24x7");
    set(s, cfg_, "notification_period", "24x7");
    set(s, cfg_, "notification_interval", "60");
    set(s, cfg_, "contacts", "admin");
    for (const auto& [key, value] : attrs) {
        set(s, cfg_, key, value);
    }
    cfg_.services.insert(std::move(s));
    return *this;
}

ShardBuilder& ShardBuilder::hostgroup(std::string_view name, std::string_view members) {
    HostGroup g = cfg_.make<HostGroup>();
    set(g, cfg_, "hostgroup_name", name);
    set(g, cfg_, "members", members);
    cfg_.hostgroups.insert(std::move(g));
    return *this;
}

ShardBuilder& ShardBuilder::servicegroup(std::string_view name, std::string_view members) {
    ServiceGroup g = cfg_.make<ServiceGroup>();
    set(g, cfg_, "servicegroup_name", name);
    set(g, cfg_, "members", members);
    cfg_.servicegroups.insert(std::move(g));
    return *this;
}

ShardBuilder& ShardBuilder::hostdependency(Attributes attrs) {
    cfg_.hostdependencies.append(make<HostDependency>(cfg_, attrs));
    return *this;
}

ShardBuilder& ShardBuilder::servicedependency(Attributes attrs) {
    cfg_.servicedependencies.append(make<ServiceDependency>(cfg_, attrs));
    return *this;
}

ShardBuilder& ShardBuilder::escalation(std::string_view name, Attributes attrs) {
    Escalation es = make<Escalation>(cfg_, attrs);
    set(es, cfg_, "escalation_name", name);
    cfg_.escalations.insert(std::move(es));
    return *this;
}

ShardBuilder& ShardBuilder::global(std::string_view key, std::string_view value) {
    set(cfg_.globals, cfg_, key, value);
    return *this;
}

model::Config ShardBuilder::build() {
    Config& cfg = cfg_;
    cfg.compile_command_lines();
    auto errors = resolve_exclusions(cfg.timeperiods.items(), cfg.pool);
    if (!errors.empty()) {
        throw std::runtime_error("shard builder: " + errors.front());
    }
    link_contacts(cfg);
    for (Escalation& es : cfg.escalations) {
        std::vector<Index> contacts;
        for (Symbol c : cfg.pool.symbols(es.contacts.list)) {
            add_unique(contacts, must_find<Contact>(cfg, c, "contact"));
        }
        for (Symbol g : cfg.pool.symbols(es.contact_groups.list)) {
            Index gi = must_find<ContactGroup>(cfg, g, "contactgroup");
            for (std::uint32_t m : cfg.pool.list(cfg.contactgroups[gi].links.members.list)) {
                add_unique(contacts, m);
            }
        }
        es.links.contacts = index_list(cfg, contacts);
        es.links.escalation_period = period(cfg, es.escalation_period);
    }
    const std::size_t hosts = cfg.hosts.size();
    std::vector<std::vector<Index>> children(hosts), services(hosts), host_groups(hosts);
    std::vector<std::vector<Index>> service_groups(cfg.services.size());
    for (Index g = 0; g < cfg.hostgroups.size(); ++g) {
        std::vector<Index> members;
        for (Symbol m : cfg.pool.symbols(cfg.hostgroups[g].members.list)) {
            Index h = must_find<Host>(cfg, m, "host");
            members.push_back(h);
            add_unique(host_groups[h], g);
        }
        cfg.hostgroups[g].links.members = index_list(cfg, members);
    }
    for (Index g = 0; g < cfg.servicegroups.size(); ++g) {
        auto names = cfg.pool.symbols(cfg.servicegroups[g].members.list);
        std::vector<Index> members;
        for (std::size_t i = 0; i + 1 < names.size(); i += 2) {
            Index sv = cfg.services.find(names[i], names[i + 1]);
            if (sv == kNoIndex) {
                throw std::runtime_error("shard builder: unknown service in servicegroup");
            }
            members.push_back(sv);
            add_unique(service_groups[sv], g);
        }
        cfg.servicegroups[g].links.members = index_list(cfg, members);
    }
    for (Index i = 0; i < cfg.services.size(); ++i) {
        Service& s = cfg.services[i];
        s.service_links.host = must_find<Host>(cfg, s.host_name, "host");
        services[s.service_links.host].push_back(i);
        s.service_links.servicegroups = index_list(cfg, service_groups[i]);
        link_checkable(cfg, s);
    }
    for (Index i = 0; i < hosts; ++i) {
        Host& h = cfg.hosts[i];
        std::vector<Index> parents;
        for (Symbol p : cfg.pool.symbols(h.parents.list)) {
            Index pi = must_find<Host>(cfg, p, "host");
            parents.push_back(pi);
            children[pi].push_back(i);
        }
        h.host_links.parents = index_list(cfg, parents);
        link_checkable(cfg, h);
    }
    for (Index i = 0; i < hosts; ++i) {
        Host& h = cfg.hosts[i];
        h.host_links.children = index_list(cfg, children[i]);
        h.host_links.services = index_list(cfg, services[i]);
        h.host_links.hostgroups = index_list(cfg, host_groups[i]);
    }
    for (HostDependency& d : cfg.hostdependencies) {
        d.links.dependent =
            must_find<Host>(cfg, cfg.pool.symbols(d.dependent_host_name.list)[0], "host");
        d.links.master = must_find<Host>(cfg, cfg.pool.symbols(d.host_name.list)[0], "host");
        d.links.dependency_period = period(cfg, d.dependency_period);
    }
    for (ServiceDependency& d : cfg.servicedependencies) {
        auto find = [&](SymbolList host, SymbolList desc) {
            Index sv =
                cfg.services.find(cfg.pool.symbols(host.list)[0], cfg.pool.symbols(desc.list)[0]);
            if (sv == kNoIndex) {
                throw std::runtime_error("shard builder: unknown service in servicedependency");
            }
            return sv;
        };
        d.links.dependent = find(d.dependent_host_name, d.dependent_service_description);
        d.links.master = find(d.host_name, d.service_description);
        d.links.dependency_period = period(cfg, d.dependency_period);
    }
    return std::move(cfg_);
}

}  // namespace yagura::engine::test
