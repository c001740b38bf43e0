#pragma once

#include <iosfwd>

#include <yagura/model/config.hpp>

namespace yagura::arbiter {

// The dispatch half of `yagura-arbiter -v`: plans a loaded configuration as the arbiter would
// at start (every daemon alive), prints each dispatch error (shards across realms, unserved
// tags, realms without schedulers) as `file:line: message` on `err`, then how the configuration
// would be dispatched on `out` (dispatch::describe). Returns the number of errors.
int check_dispatch(const model::Config& config, std::ostream& out, std::ostream& err);

// Loads `main_cfg` (the config module) and runs check_dispatch on it; loader errors are
// printed and counted instead. Returns the number of errors.
int load_and_check_dispatch(const std::string& main_cfg, std::ostream& out, std::ostream& err);

}  // namespace yagura::arbiter
