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

}  // namespace yagura::arbiter
