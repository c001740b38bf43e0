#pragma once

// Dependencies and escalations written for several hosts, groups or services are exploded
// here, once, into objects that each name one dependent and one master (dependencies) or
// into named `escalation` objects listed by the hosts and services they apply to (host and
// service escalations, as Shinken converts them). The linker then only resolves single
// names, so a configuration loaded back from JSON links the same way.
//
// hostdependency:    dependents (dependent_host_name, dependent_hostgroup_name) x masters
//                    (host_name, hostgroup_name); a host never depends on itself.
// servicedependency: masters are host_name / hostgroup_name hosts x service_description
//                    (`*`: all their services), plus servicegroup_name members; dependents
//                    likewise from the dependent_* attributes. Without any dependent host
//                    (or with explode_hostgroup 1) the dependency holds on each master host
//                    between its own services (Nagios' same-host dependencies).

#include <yagura/model/config.hpp>

#include "report.hpp"

namespace yagura::config::detail {

void explode_host_dependencies(model::Config& config, Report& report);
void explode_service_dependencies(model::Config& config, Report& report);
void convert_escalations(model::Config& config, Report& report);

}  // namespace yagura::config::detail
