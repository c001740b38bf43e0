#pragma once

// Group membership from both sides, the way Nagios and Shinken combine them:
//   hostgroup     members (host names, `*` every host, `!name` removed) + hosts listing the
//                 group in `hostgroups` + the members of its `hostgroup_members`;
//   servicegroup  members as "host,service" pairs (`*` as service: all of that host's) +
//                 services listing it in `servicegroups` + its `servicegroup_members`;
//   contactgroup  members (`*` every contact, `!name`) + contacts listing it in
//                 `contactgroups` + its `contactgroup_members`.
// Used twice: while expanding services (which need host groups) and by the linker (which
// stores the result in the groups' links). Unknown names and group loops are reported only
// when a Report is given, so they are reported once.

#include <vector>

#include <yagura/model/config.hpp>

#include "report.hpp"

namespace yagura::config::detail {

using Members = std::vector<std::vector<model::Index>>;  // per group, sorted, unique

Members hostgroup_members(const model::Config& config, Report* report);
Members servicegroup_members(const model::Config& config, Report* report);
Members contactgroup_members(const model::Config& config, Report* report);

// The host of a service: its linked index when it is set and right (services made by the
// expansion carry it), else a lookup by name; kNoIndex for an unknown host.
model::Index host_of(const model::Config& config, const model::Service& service);

// The services of each host, in table order.
Members services_by_host(const model::Config& config);

// The groups each member belongs to (the inverse of `members`), sorted.
Members groups_of_members(const Members& members, std::size_t member_count);

}  // namespace yagura::config::detail
