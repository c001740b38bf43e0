// Values of the standard macros of one host, service, contact or group.

#include "macro_values.hpp"

#include <cinttypes>
#include <cstdio>

#include <yagura/model/config.hpp>

namespace yagura::model::detail {

namespace {

using MC = MacroCode;

// Names of the groups an object is in: the resolved groups if linked, else as written.
template <class Group>
std::vector<std::string_view> group_names(const Table<Group>& groups, IndexList linked,
                                          SymbolList written, const StringPool& pool,
                                          Symbol Group::*name) {
    std::vector<std::string_view> out;
    if (!linked.list.empty()) {
        for (std::uint32_t i : pool.list(linked.list)) {
            out.push_back(pool.str(groups[i].*name));
        }
    } else {
        for (Symbol s : pool.symbols(written.list)) {
            out.push_back(pool.str(s));
        }
    }
    return out;
}

void append_joined(std::string& out, const std::vector<std::string_view>& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += names[i];
    }
}

void append_first(std::string& out, const std::vector<std::string_view>& names) {
    if (!names.empty()) {
        out += names.front();
    }
}

int count_services(const Host& h, const Config& cfg, MacroCode code) {
    int count = 0;
    for (std::uint32_t i : cfg.pool.list(h.host_links.services.list)) {
        ServiceState s = cfg.services[i].state;
        count += code == MC::TOTALHOSTSERVICES ||
                 (code == MC::TOTALHOSTSERVICESOK && s == ServiceState::ok) ||
                 (code == MC::TOTALHOSTSERVICESWARNING && s == ServiceState::warning) ||
                 (code == MC::TOTALHOSTSERVICESUNKNOWN && s == ServiceState::unknown) ||
                 (code == MC::TOTALHOSTSERVICESCRITICAL && s == ServiceState::critical);
    }
    return count;
}

// Members of a group as names, comma-separated ("web1,web2"; services "web1,HTTP,...").
template <class Member, class F>
void append_members(std::string& out, const GroupLinks& links, SymbolList written,
                    const Table<Member>& members, const StringPool& pool, F&& name) {
    if (links.members.list.empty()) {
        bool first = true;
        for (Symbol s : pool.symbols(written.list)) {
            out += first ? "" : ",";
            out += pool.str(s);
            first = false;
        }
        return;
    }
    bool first = true;
    for (std::uint32_t i : pool.list(links.members.list)) {
        out += first ? "" : ",";
        name(members[i]);
        first = false;
    }
}

}  // namespace

std::vector<std::string_view> hostgroup_names(const Config& cfg, const Host& h) {
    return group_names(cfg.hostgroups, h.host_links.hostgroups, h.hostgroups, cfg.pool,
                       &HostGroup::hostgroup_name);
}

std::vector<std::string_view> servicegroup_names(const Config& cfg, const Service& s) {
    return group_names(cfg.servicegroups, s.service_links.servicegroups, s.servicegroups, cfg.pool,
                       &ServiceGroup::servicegroup_name);
}

std::vector<std::string_view> contactgroup_names(const Config& cfg, const Contact& c) {
    return group_names(cfg.contactgroups, c.links.contactgroups, c.contactgroups, cfg.pool,
                       &ContactGroup::contactgroup_name);
}

bool host_value(MacroCode code, const Host& h, const Config& cfg, EpochSeconds now,
                std::string& out) {
    const StringPool& pool = cfg.pool;
    switch (code) {
        case MC::HOSTNAME:
            out += pool.str(h.host_name);
            return true;
        case MC::HOSTDISPLAYNAME:
            out += pool.str(h.display_name.empty() ? h.host_name : h.display_name);
            return true;
        case MC::HOSTALIAS:
            out += pool.str(h.alias.empty() ? h.host_name : h.alias);
            return true;
        case MC::HOSTADDRESS:
            out += pool.str(h.address.empty() ? h.host_name : h.address);
            return true;
        case MC::HOSTSTATE:
            out += state_name(h.state);
            return true;
        case MC::HOSTSTATEID:
            append_number(out, state_id(h.state));
            return true;
        case MC::LASTHOSTSTATE:
            out += state_name(h.last_state);
            return true;
        case MC::LASTHOSTSTATEID:
            append_number(out, state_id(h.last_state));
            return true;
        case MC::HOSTSTATETYPE:
            out += state_type_name(h.state_type);
            return true;
        case MC::LASTHOSTUP:
            append_time(out, h.last_time_up);
            return true;
        case MC::LASTHOSTDOWN:
            append_time(out, h.last_time_down);
            return true;
        case MC::LASTHOSTUNREACHABLE:
            append_time(out, h.last_time_unreachable);
            return true;
        case MC::HOSTGROUPNAME:
            append_first(out, hostgroup_names(cfg, h));
            return true;
        case MC::HOSTGROUPNAMES:
            append_joined(out, hostgroup_names(cfg, h));
            return true;
        case MC::HOSTREALM:
            out += pool.str(h.realm);
            return true;
        case MC::TOTALHOSTSERVICES:
        case MC::TOTALHOSTSERVICESOK:
        case MC::TOTALHOSTSERVICESWARNING:
        case MC::TOTALHOSTSERVICESUNKNOWN:
        case MC::TOTALHOSTSERVICESCRITICAL:
            append_number(out, count_services(h, cfg, code));
            return true;
        default:
            return checkable_value(code, h, cfg, now, out);
    }
}

bool service_value(MacroCode code, const Service& s, const Config& cfg, EpochSeconds now,
                   std::string& out) {
    const StringPool& pool = cfg.pool;
    switch (code) {
        case MC::SERVICEDESC:
            out += pool.str(s.service_description);
            return true;
        case MC::SERVICEDISPLAYNAME:
            out += pool.str(s.display_name.empty() ? s.service_description : s.display_name);
            return true;
        case MC::SERVICESTATE:
            out += state_name(s.state);
            return true;
        case MC::SERVICESTATEID:
            append_number(out, state_id(s.state));
            return true;
        case MC::LASTSERVICESTATE:
            out += state_name(s.last_state);
            return true;
        case MC::LASTSERVICESTATEID:
            append_number(out, state_id(s.last_state));
            return true;
        case MC::SERVICESTATETYPE:
            out += state_type_name(s.state_type);
            return true;
        case MC::SERVICEISVOLATILE:
            out += s.is_volatile ? '1' : '0';
            return true;
        case MC::LASTSERVICEOK:
            append_time(out, s.last_time_ok);
            return true;
        case MC::LASTSERVICEWARNING:
            append_time(out, s.last_time_warning);
            return true;
        case MC::LASTSERVICEUNKNOWN:
            append_time(out, s.last_time_unknown);
            return true;
        case MC::LASTSERVICECRITICAL:
            append_time(out, s.last_time_critical);
            return true;
        case MC::SERVICEGROUPNAME:
            append_first(out, servicegroup_names(cfg, s));
            return true;
        case MC::SERVICEGROUPNAMES:
            append_joined(out, servicegroup_names(cfg, s));
            return true;
        default:
            return checkable_value(code, s, cfg, now, out);
    }
}

bool contact_value(MacroCode code, const Contact& c, const Config& cfg, std::string& out) {
    const StringPool& pool = cfg.pool;
    switch (code) {
        case MC::CONTACTNAME:
            out += pool.str(c.contact_name);
            return true;
        case MC::CONTACTALIAS:
            out += pool.str(c.alias);
            return true;
        case MC::CONTACTEMAIL:
            out += pool.str(c.email);
            return true;
        case MC::CONTACTPAGER:
            out += pool.str(c.pager);
            return true;
        case MC::CONTACTADDRESS1:
            out += pool.str(c.address1);
            return true;
        case MC::CONTACTADDRESS2:
            out += pool.str(c.address2);
            return true;
        case MC::CONTACTADDRESS3:
            out += pool.str(c.address3);
            return true;
        case MC::CONTACTADDRESS4:
            out += pool.str(c.address4);
            return true;
        case MC::CONTACTADDRESS5:
            out += pool.str(c.address5);
            return true;
        case MC::CONTACTADDRESS6:
            out += pool.str(c.address6);
            return true;
        case MC::CONTACTGROUPNAME:
            append_first(out, contactgroup_names(cfg, c));
            return true;
        case MC::CONTACTGROUPNAMES:
            append_joined(out, contactgroup_names(cfg, c));
            return true;
        default:
            return false;
    }
}

bool hostgroup_value(MacroCode code, const HostGroup& g, const Config& cfg, std::string& out) {
    const StringPool& pool = cfg.pool;
    switch (code) {
        case MC::HOSTGROUPALIAS:
            out += pool.str(g.alias);
            return true;
        case MC::HOSTGROUPNOTES:
            out += pool.str(g.notes);
            return true;
        case MC::HOSTGROUPNOTESURL:
            out += pool.str(g.notes_url);
            return true;
        case MC::HOSTGROUPACTIONURL:
            out += pool.str(g.action_url);
            return true;
        case MC::HOSTGROUPMEMBERS:
            append_members(out, g.links, g.members, cfg.hosts, pool,
                           [&](const Host& h) { out += pool.str(h.host_name); });
            return true;
        default:
            return false;
    }
}

bool servicegroup_value(MacroCode code, const ServiceGroup& g, const Config& cfg,
                        std::string& out) {
    const StringPool& pool = cfg.pool;
    switch (code) {
        case MC::SERVICEGROUPALIAS:
            out += pool.str(g.alias);
            return true;
        case MC::SERVICEGROUPNOTES:
            out += pool.str(g.notes);
            return true;
        case MC::SERVICEGROUPNOTESURL:
            out += pool.str(g.notes_url);
            return true;
        case MC::SERVICEGROUPACTIONURL:
            out += pool.str(g.action_url);
            return true;
        case MC::SERVICEGROUPMEMBERS:
            append_members(out, g.links, g.members, cfg.services, pool, [&](const Service& s) {
                out += pool.str(s.host_name);
                out += ',';
                out += pool.str(s.service_description);
            });
            return true;
        default:
            return false;
    }
}

bool contactgroup_value(MacroCode code, const ContactGroup& g, const Config& cfg,
                        std::string& out) {
    const StringPool& pool = cfg.pool;
    switch (code) {
        case MC::CONTACTGROUPALIAS:
            out += pool.str(g.alias);
            return true;
        case MC::CONTACTGROUPMEMBERS:
            append_members(out, g.links, g.members, cfg.contacts, pool,
                           [&](const Contact& c) { out += pool.str(c.contact_name); });
            return true;
        default:
            return false;
    }
}

}  // namespace yagura::model::detail
