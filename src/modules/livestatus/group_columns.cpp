// Host group and service group columns, used by the group tables and (as hostgroup_*,
// servicegroup_*) by the by-group tables.
#include <algorithm>

#include "columns.hpp"

namespace yagura::modules::livestatus {

namespace {

template <class Group>
void declare_group_identity(ColumnDeclarer<Group>& d) {
    d.string("name", "Group name", [](const Group& g) -> std::string_view { return g.name; });
    d.string("alias", "Group alias", [](const Group& g) -> std::string_view { return g.alias; });
    d.string("notes", "Notes", [](const Group& g) -> std::string_view { return g.notes; });
    d.string("notes_url", "URL with notes",
             [](const Group& g) -> std::string_view { return g.notes_url; });
    d.string("action_url", "URL of an action",
             [](const Group& g) -> std::string_view { return g.action_url; });
}

// Counts the states of a group's services (servicegroups) or of its hosts' services
// (hostgroups), the way Nagios' group overviews show them.
struct StateCounts {
    int total = 0, pending = 0, by_state[4] = {0, 0, 0, 0}, hard_by_state[4] = {0, 0, 0, 0};
    int worst = 0;
    void add(const Service& s) {
        ++total;
        if (!s.has_been_checked) {
            ++pending;
            return;
        }
        ++by_state[std::clamp(s.state, 0, 3)];
        int hard = s.state_type == 1 ? s.state : s.last_hard_state;
        ++hard_by_state[std::clamp(hard, 0, 3)];
        if (service_state_severity(s.state) > service_state_severity(worst)) {
            worst = s.state;
        }
    }
};

template <class Group>
void declare_service_state_counts(ColumnDeclarer<Group>& d, StateCounts (*count)(const Group&)) {
    d.integer("num_services", "Number of services",
              [count](const Group& g) { return count(g).total; });
    d.integer("num_services_pending", "Services not checked yet",
              [count](const Group& g) { return count(g).pending; });
    const char* names[] = {"ok", "warn", "crit", "unknown"};
    for (int state = 0; state < 4; ++state) {
        std::string name = std::string("num_services_") + names[state];
        std::string hard_name = std::string("num_services_hard_") + names[state];
        // The declarer keeps the name; these strings only need to live through the call.
        d.integer(name.c_str(), "Services in this state",
                  [count, state](const Group& g) { return count(g).by_state[state]; });
        d.integer(hard_name.c_str(), "Services in this hard state",
                  [count, state](const Group& g) { return count(g).hard_by_state[state]; });
    }
    d.integer("worst_service_state", "Worst service state (OK<WARN<UNKNOWN<CRIT)",
              [count](const Group& g) { return count(g).worst; });
}

StateCounts count_hostgroup(const HostGroup& group) {
    StateCounts counts;
    for (const Host* host : group.members) {
        for (const Service* service : host->services) {
            counts.add(*service);
        }
    }
    return counts;
}

StateCounts count_servicegroup(const ServiceGroup& group) {
    StateCounts counts;
    for (const Service* service : group.members) {
        counts.add(*service);
    }
    return counts;
}

}  // namespace

void declare_hostgroup_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                               Projection<HostGroup> project) {
    ColumnDeclarer<HostGroup> d(out, prefix, std::move(project));
    declare_group_identity(d);
    d.list("members", "Names of the member hosts", [](const HostGroup& g, ValueList& list) {
        for (const Host* h : g.members) {
            list.push_back(Value{h->name});
        }
    });
    d.list("members_with_state", "Member hosts as [name, state, checked]",
           [](const HostGroup& g, ValueList& list) {
               for (const Host* h : g.members) {
                   list.push_back(Value{ValueList{Value{h->name}, Value{std::int64_t{h->state}},
                                                  Value{std::int64_t{h->has_been_checked}}}});
               }
           });
    d.integer("num_hosts", "Number of member hosts",
              [](const HostGroup& g) { return static_cast<std::int64_t>(g.members.size()); });
    const char* host_states[] = {"up", "down", "unreach"};
    for (int state = 0; state < 3; ++state) {
        std::string name = std::string("num_hosts_") + host_states[state];
        d.integer(name.c_str(), "Member hosts in this state", [state](const HostGroup& g) {
            return std::count_if(g.members.begin(), g.members.end(), [state](const Host* h) {
                return h->has_been_checked && h->state == state;
            });
        });
    }
    d.integer("num_hosts_pending", "Member hosts not checked yet", [](const HostGroup& g) {
        return std::count_if(g.members.begin(), g.members.end(),
                             [](const Host* h) { return !h->has_been_checked; });
    });
    d.integer("worst_host_state", "Worst state of the member hosts", [](const HostGroup& g) {
        int worst = 0;
        for (const Host* h : g.members) {
            worst = std::max(worst, h->state);
        }
        return worst;
    });
    declare_service_state_counts<HostGroup>(d, &count_hostgroup);
}

void declare_servicegroup_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                                  Projection<ServiceGroup> project) {
    ColumnDeclarer<ServiceGroup> d(out, prefix, std::move(project));
    declare_group_identity(d);
    d.list("members", "Member services as [host, description]",
           [](const ServiceGroup& g, ValueList& list) {
               for (const Service* s : g.members) {
                   list.push_back(Value{ValueList{Value{s->host_name}, Value{s->description}}});
               }
           });
    d.list("members_with_state", "Member services as [host, description, state, checked]",
           [](const ServiceGroup& g, ValueList& list) {
               for (const Service* s : g.members) {
                   list.push_back(Value{ValueList{Value{s->host_name}, Value{s->description},
                                                  Value{std::int64_t{s->state}},
                                                  Value{std::int64_t{s->has_been_checked}}}});
               }
           });
    declare_service_state_counts<ServiceGroup>(d, &count_servicegroup);
}

}  // namespace yagura::modules::livestatus
