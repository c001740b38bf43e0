// The service columns, used by services, the by-group tables and (as service_*) by comments,
// downtimes and log.
#include "checkable_columns.hpp"
#include "columns.hpp"
#include "macros.hpp"

namespace yagura::modules::livestatus {

void declare_service_columns(std::vector<ColumnPtr>& out, const std::string& prefix,
                             Projection<Service> project) {
    ColumnDeclarer<Service> d(out, prefix, project);
    d.string("description", "Service description",
             [](const Service& s) -> std::string_view { return s.description; });
    d.string("service_description", "Service description (alias of description)",
             [](const Service& s) -> std::string_view { return s.description; });
    d.string("host_name", "Name of the service's host",
             [](const Service& s) -> std::string_view { return s.host_name; });
    d.integer("is_volatile", "Whether the service is volatile",
              [](const Service& s) { return s.is_volatile ? 1 : 0; });
    d.time("last_time_ok", "Last time the service was OK",
           [](const Service& s) { return s.last_time_in_state[0]; });
    d.time("last_time_warning", "Last time the service was WARNING",
           [](const Service& s) { return s.last_time_in_state[1]; });
    d.time("last_time_critical", "Last time the service was CRITICAL",
           [](const Service& s) { return s.last_time_in_state[2]; });
    d.time("last_time_unknown", "Last time the service was UNKNOWN",
           [](const Service& s) { return s.last_time_in_state[3]; });
    d.integer("obsess_over_service", "Whether OCSP runs for this service",
              [](const Service& s) { return s.obsess ? 1 : 0; });
    for (const auto& e : expanded_url_fields()) {
        d.string(e.name, e.description, [field = e.field](const Service& s) -> std::string_view {
            static const std::string none;
            const Host* h = s.host;
            return expand_macros(s.*field, {{"$HOSTNAME$", s.host_name},
                                            {"$SERVICEDESC$", s.description},
                                            {"$SERVICEDISPLAYNAME$", s.display_name},
                                            {"$HOSTADDRESS$", h != nullptr ? h->address : none}});
        });
    }
    ColumnDeclarer<Checkable> shared(out, prefix, as_checkable(project));
    declare_checkable_columns(shared);
}

}  // namespace yagura::modules::livestatus
