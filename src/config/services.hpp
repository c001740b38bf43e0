#pragma once

// Service expansion: every service definition becomes one service per host it names,
// moved straight into the model's table while the staged definitions are released.
//   host_name a,b,!c            one copy per host, `!` removes, `*` every host
//   hostgroup_name expression   see expression.hpp; combined with host_name as Shinken does
//   service template with       a copy for every host that uses a host template of that
//     host_name <host template> name (directly or through other templates)
//   duplicate_foreach _VAR      one copy per key of the host's custom variable (foreach.hpp)
// A host's service_excludes / service_includes drop copies by description; the host's
// implicit values (contacts, periods, ...) fill what a copy leaves unset. When two
// definitions give one host the same service, one written for that host alone wins over
// one that came from a list, group or template; between equals the last one read wins, with
// a warning.

#include <unordered_map>

#include <yagura/model/config.hpp>

#include "expression.hpp"
#include "report.hpp"
#include "staging.hpp"

namespace yagura::config::detail {

// Host template name -> the registered hosts using it (by host_name), directly or through
// other templates. Computed before the host stage is released.
using TemplateUsers = std::unordered_map<std::uint32_t, std::vector<model::Symbol>>;
TemplateUsers host_template_users(Stage<model::Host>& hosts, const model::StringPool& pool);

void expand_services(Stage<model::Service>& stage, const TemplateUsers& users,
                     model::Config& config, Report& report);

}  // namespace yagura::config::detail
