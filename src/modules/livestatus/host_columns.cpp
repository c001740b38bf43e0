// The host columns, used by hosts, hostsbygroup and (as host_*) by every table that joins a
// host: services, comments, downtimes, log.
#include <algorithm>
#include <string>

#include "checkable_columns.hpp"
#include "columns.hpp"
#include "macros.hpp"

namespace yagura::modules::livestatus {

namespace {

struct ServiceCounts {
    int total = 0, pending = 0, ok = 0, warn = 0, crit = 0, unknown = 0;
    int hard_ok = 0, hard_warn = 0, hard_crit = 0, hard_unknown = 0;
    int worst = 0, worst_hard = 0;
};

ServiceCounts count_services(const Host& host) {
    ServiceCounts counts;
    for (const Service* service : host.services) {
        ++counts.total;
        if (!service->has_been_checked) {
            ++counts.pending;
            continue;
        }
        int hard = service->state_type == 1 ? service->state : service->last_hard_state;
        int* by_state[] = {&counts.ok, &counts.warn, &counts.crit, &counts.unknown};
        int* by_hard[] = {&counts.hard_ok, &counts.hard_warn, &counts.hard_crit,
                          &counts.hard_unknown};
        ++*by_state[std::clamp(service->state, 0, 3)];
        ++*by_hard[std::clamp(hard, 0, 3)];
        if (service_state_severity(service->state) > service_state_severity(counts.worst)) {
            counts.worst = service->state;
        }
        if (service_state_severity(hard) > service_state_severity(counts.worst_hard)) {
            counts.worst_hard = hard;
        }
    }
    return counts;
}

void declare_service_counts(ColumnDeclarer<Host>& d) {
    using Field = int ServiceCounts::*;
    struct Counted {
        const char* name;
        const char* description;
        Field field;
    };
    static const Counted counted[] = {
        {"num_services", "Number of services", &ServiceCounts::total},
        {"num_services_pending", "Services not checked yet", &ServiceCounts::pending},
        {"num_services_ok", "Services in state OK", &ServiceCounts::ok},
        {"num_services_warn", "Services in state WARNING", &ServiceCounts::warn},
        {"num_services_crit", "Services in state CRITICAL", &ServiceCounts::crit},
        {"num_services_unknown", "Services in state UNKNOWN", &ServiceCounts::unknown},
        {"num_services_hard_ok", "Services in hard state OK", &ServiceCounts::hard_ok},
        {"num_services_hard_warn", "Services in hard state WARNING", &ServiceCounts::hard_warn},
        {"num_services_hard_crit", "Services in hard state CRITICAL", &ServiceCounts::hard_crit},
        {"num_services_hard_unknown", "Services in hard state UNKNOWN",
         &ServiceCounts::hard_unknown},
        {"worst_service_state", "Worst state of the services (OK<WARN<UNKNOWN<CRIT)",
         &ServiceCounts::worst},
        {"worst_service_hard_state", "Worst hard state of the services",
         &ServiceCounts::worst_hard},
    };
    for (const auto& c : counted) {
        d.integer(c.name, c.description,
                  [field = c.field](const Host& h) { return count_services(h).*field; });
    }
    d.integer("total_services", "Number of services (alias of num_services)",
              [](const Host& h) { return static_cast<std::int64_t>(h.services.size()); });
}

void declare_service_lists(ColumnDeclarer<Host>& d) {
    d.list("services", "Descriptions of the host's services", [](const Host& h, ValueList& out) {
        for (const Service* s : h.services) {
            out.push_back(Value{s->description});
        }
    });
    d.list(
        "services_with_state", "The host's services as [description, state, checked]",
        [](const Host& h, ValueList& out) {
            for (const Service* s : h.services) {
                out.push_back(Value{ValueList{Value{s->description}, Value{std::int64_t{s->state}},
                                              Value{std::int64_t{s->has_been_checked}}}});
            }
        });
    d.list("services_with_info",
           "The host's services as [description, state, checked, plugin_output]",
           [](const Host& h, ValueList& out) {
               for (const Service* s : h.services) {
                   out.push_back(Value{ValueList{
                       Value{s->description}, Value{std::int64_t{s->state}},
                       Value{std::int64_t{s->has_been_checked}}, Value{s->plugin_output}}});
               }
           });
}

void declare_expanded_urls(ColumnDeclarer<Host>& d) {
    for (const auto& e : expanded_url_fields()) {
        d.string(e.name, e.description, [field = e.field](const Host& h) -> std::string_view {
            return expand_macros(h.*field, {{"$HOSTNAME$", h.name},
                                            {"$HOSTADDRESS$", h.address},
                                            {"$HOSTALIAS$", h.alias},
                                            {"$HOSTDISPLAYNAME$", h.display_name}});
        });
    }
}

}  // namespace

void declare_host_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                          Projection<Host> project) {
    ColumnDeclarer<Host> d(out, prefix, project);
    d.string("name", "Host name", [](const Host& h) -> std::string_view { return h.name; });
    d.string("host_name", "Host name (alias of name)",
             [](const Host& h) -> std::string_view { return h.name; });
    d.string("alias", "Long name", [](const Host& h) -> std::string_view { return h.alias; });
    d.string("address", "IP address or DNS name",
             [](const Host& h) -> std::string_view { return h.address; });
    d.list("parents", "Parent hosts",
           [](const Host& h, ValueList& list) { append_strings(h.parents, list); });
    d.list("childs", "Child hosts",
           [](const Host& h, ValueList& list) { append_strings(h.childs, list); });
    d.integer("obsess_over_host", "Whether OCHP runs for this host",
              [](const Host& h) { return h.obsess ? 1 : 0; });
    declare_expanded_urls(d);
    d.time("last_time_up", "Last time the host was UP",
           [](const Host& h) { return h.last_time_in_state[0]; });
    d.time("last_time_down", "Last time the host was DOWN",
           [](const Host& h) { return h.last_time_in_state[1]; });
    d.time("last_time_unreachable", "Last time the host was UNREACHABLE",
           [](const Host& h) { return h.last_time_in_state[2]; });
    ColumnDeclarer<Checkable> shared(out, prefix, as_checkable(project));
    declare_checkable_columns(shared);
    declare_service_counts(d);
    declare_service_lists(d);
}

int service_state_severity(int state) {
    switch (state) {
        case 0:
            return 0;
        case 1:
            return 1;
        case 3:
            return 2;
        case 2:
            return 3;
        default:
            return 0;
    }
}

}  // namespace yagura::modules::livestatus
