// Values of the standard macros of one host, service, contact or group.

#include "macro_values.hpp"

#include <cinttypes>
#include <cstdio>

#include <yagura/model/config.hpp>

namespace yagura::model::detail {

namespace {

using MC = MacroCode;

void append_number(std::string& out, std::int64_t v) {
    out += std::to_string(v);
}

void append_fixed(std::string& out, double v, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    out += buffer;
}

void append_time(std::string& out, EpochSeconds t) {
    append_number(out, static_cast<std::int64_t>(t));
}

// Nagios' $HOSTDURATION$: "0d 2h 13m 5s".
void append_duration(std::string& out, EpochSeconds now, EpochSeconds since) {
    auto d = static_cast<std::int64_t>(now - since);
    if (d < 0) {
        d = 0;
    }
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%" PRId64 "d %" PRId64 "h %" PRId64 "m %" PRId64 "s",
                  d / 86400, d % 86400 / 3600, d % 3600 / 60, d % 60);
    out += buffer;
}

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

// The macros hosts and services both have, read from the Checkable part.
enum class Common {
    none,
    attempt,
    max_attempts,
    event_id,
    last_event_id,
    problem_id,
    last_problem_id,
    latency,
    execution_time,
    duration,
    duration_sec,
    downtime,
    percent_change,
    last_check,
    last_state_change,
    output,
    long_output,
    perf_data,
    last_perf_data,
    check_command,
    check_type,
    ack_author,
    ack_author_name,
    ack_author_alias,
    ack_comment,
    action_url,
    notes_url,
    notes,
    business_impact,
    notification_number,
    notification_id,
    notification_enabled,
    notification_period,
};

Common common_of(MacroCode code) {
    switch (code) {
        case MC::HOSTATTEMPT:
        case MC::SERVICEATTEMPT:
            return Common::attempt;
        case MC::MAXHOSTATTEMPTS:
        case MC::MAXSERVICEATTEMPTS:
            return Common::max_attempts;
        case MC::HOSTEVENTID:
        case MC::SERVICEEVENTID:
            return Common::event_id;
        case MC::LASTHOSTEVENTID:
        case MC::LASTSERVICEEVENTID:
            return Common::last_event_id;
        case MC::HOSTPROBLEMID:
        case MC::SERVICEPROBLEMID:
            return Common::problem_id;
        case MC::LASTHOSTPROBLEMID:
        case MC::LASTSERVICEPROBLEMID:
            return Common::last_problem_id;
        case MC::HOSTLATENCY:
        case MC::SERVICELATENCY:
            return Common::latency;
        case MC::HOSTEXECUTIONTIME:
        case MC::SERVICEEXECUTIONTIME:
            return Common::execution_time;
        case MC::HOSTDURATION:
        case MC::SERVICEDURATION:
            return Common::duration;
        case MC::HOSTDURATIONSEC:
        case MC::SERVICEDURATIONSEC:
            return Common::duration_sec;
        case MC::HOSTDOWNTIME:
        case MC::SERVICEDOWNTIME:
            return Common::downtime;
        case MC::HOSTPERCENTCHANGE:
        case MC::SERVICEPERCENTCHANGE:
            return Common::percent_change;
        case MC::LASTHOSTCHECK:
        case MC::LASTSERVICECHECK:
            return Common::last_check;
        case MC::LASTHOSTSTATECHANGE:
        case MC::LASTSERVICESTATECHANGE:
            return Common::last_state_change;
        case MC::HOSTOUTPUT:
        case MC::SERVICEOUTPUT:
            return Common::output;
        case MC::LONGHOSTOUTPUT:
        case MC::LONGSERVICEOUTPUT:
            return Common::long_output;
        case MC::HOSTPERFDATA:
        case MC::SERVICEPERFDATA:
            return Common::perf_data;
        case MC::LASTHOSTPERFDATA:
        case MC::LASTSERVICEPERFDATA:
            return Common::last_perf_data;
        case MC::HOSTCHECKCOMMAND:
        case MC::SERVICECHECKCOMMAND:
            return Common::check_command;
        case MC::HOSTCHECKTYPE:
        case MC::SERVICECHECKTYPE:
            return Common::check_type;
        case MC::HOSTACKAUTHOR:
        case MC::SERVICEACKAUTHOR:
            return Common::ack_author;
        case MC::HOSTACKAUTHORNAME:
        case MC::SERVICEACKAUTHORNAME:
            return Common::ack_author_name;
        case MC::HOSTACKAUTHORALIAS:
        case MC::SERVICEACKAUTHORALIAS:
            return Common::ack_author_alias;
        case MC::HOSTACKCOMMENT:
        case MC::SERVICEACKCOMMENT:
            return Common::ack_comment;
        case MC::HOSTACTIONURL:
        case MC::SERVICEACTIONURL:
            return Common::action_url;
        case MC::HOSTNOTESURL:
        case MC::SERVICENOTESURL:
            return Common::notes_url;
        case MC::HOSTNOTES:
        case MC::SERVICENOTES:
            return Common::notes;
        case MC::HOSTBUSINESSIMPACT:
        case MC::SERVICEBUSINESSIMPACT:
            return Common::business_impact;
        case MC::HOSTNOTIFICATIONNUMBER:
        case MC::SERVICENOTIFICATIONNUMBER:
            return Common::notification_number;
        case MC::HOSTNOTIFICATIONID:
        case MC::SERVICENOTIFICATIONID:
            return Common::notification_id;
        case MC::HOSTNOTIFICATIONENABLED:
        case MC::SERVICENOTIFICATIONENABLED:
            return Common::notification_enabled;
        case MC::HOSTNOTIFICATIONPERIOD:
        case MC::SERVICENOTIFICATIONPERIOD:
            return Common::notification_period;
        default:
            return Common::none;
    }
}

bool common_value(Common which, const Checkable& c, const Config& cfg, EpochSeconds now,
                  std::string& out) {
    const StringPool& pool = cfg.pool;
    const Acknowledgement* ack =
        c.problem_has_been_acknowledged && c.acknowledgement ? &*c.acknowledgement : nullptr;
    switch (which) {
        case Common::none:
            return false;
        case Common::attempt:
            append_number(out, c.attempt);
            return true;
        case Common::max_attempts:
            append_number(out, c.max_check_attempts);
            return true;
        case Common::event_id:
            append_number(out, static_cast<std::int64_t>(c.current_event_id));
            return true;
        case Common::last_event_id:
            append_number(out, static_cast<std::int64_t>(c.last_event_id));
            return true;
        case Common::problem_id:
            append_number(out, static_cast<std::int64_t>(c.current_problem_id));
            return true;
        case Common::last_problem_id:
            append_number(out, static_cast<std::int64_t>(c.last_problem_id));
            return true;
        case Common::latency:
            append_fixed(out, c.latency, 3);
            return true;
        case Common::execution_time:
            append_fixed(out, c.execution_time, 3);
            return true;
        case Common::duration:
            append_duration(out, now, c.last_state_change);
            return true;
        case Common::duration_sec:
            append_number(out, static_cast<std::int64_t>(std::max(0.0, now - c.last_state_change)));
            return true;
        case Common::downtime:
            append_number(out, c.scheduled_downtime_depth);
            return true;
        case Common::percent_change:
            append_fixed(out, c.percent_state_change, 2);
            return true;
        case Common::last_check:
            append_time(out, c.last_chk);
            return true;
        case Common::last_state_change:
            append_time(out, c.last_state_change);
            return true;
        case Common::output:
            out += c.output;
            return true;
        case Common::long_output:
            out += c.long_output;
            return true;
        case Common::perf_data:
            out += c.perf_data;
            return true;
        case Common::last_perf_data:
            out += c.last_perf_data;
            return true;
        case Common::check_command:
            out += pool.str(c.check_command);
            return true;
        case Common::check_type:
            out += check_type_name(c.check_type);
            return true;
        case Common::ack_author:
        case Common::ack_author_name:
            if (ack != nullptr) {
                out += ack->author;
            }
            return true;
        case Common::ack_author_alias:
            if (ack != nullptr) {
                Index i = cfg.contacts.find(ack->author, pool);
                out +=
                    i == kNoIndex ? std::string_view(ack->author) : pool.str(cfg.contacts[i].alias);
            }
            return true;
        case Common::ack_comment:
            if (ack != nullptr) {
                out += ack->comment;
            }
            return true;
        case Common::action_url:
            out += pool.str(c.action_url);
            return true;
        case Common::notes_url:
            out += pool.str(c.notes_url);
            return true;
        case Common::notes:
            out += pool.str(c.notes);
            return true;
        case Common::business_impact:
            append_number(out, c.business_impact);
            return true;
        case Common::notification_number:
            append_number(out, c.current_notification_number);
            return true;
        case Common::notification_id:
            append_number(out, static_cast<std::int64_t>(c.current_notification_id));
            return true;
        case Common::notification_enabled:
            out += c.notifications_enabled ? "YES" : "NO";
            return true;
        case Common::notification_period:
            out += pool.str(c.notification_period);
            return true;
    }
    return false;
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
            return common_value(common_of(code), h, cfg, now, out);
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
            return common_value(common_of(code), s, cfg, now, out);
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
