#pragma once

#include <iosfwd>
#include <string>

#include <yagura/model/config.hpp>

namespace yagura::arbiter {

// `yagura-arbiter -v -c yagura.cfg` and `yagura check-config`: loads the whole configuration
// (config::load), prints every warning and error on `err` as `file:line: ...`, then on `out`
// the objects found per type, the daemons, how the configuration would be dispatched, and
// "Configuration is correct" or "incorrect". Returns the exit code: 1 on any error, else 0.
int verify_configuration(const std::string& main_cfg, const std::string& wanted_name,
                         std::ostream& out, std::ostream& err);

// The dispatch part of the summary: how the hosts would be cut into shards and dealt to the
// schedulers of each realm. Filled by the dispatch module (dispatch issue); until then it
// says so. It receives the loaded, linked configuration.
void print_dispatch_plan(const model::Config& config, std::ostream& out);

}  // namespace yagura::arbiter
