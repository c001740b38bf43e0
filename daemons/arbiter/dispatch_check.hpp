#pragma once

#include <iosfwd>

#include <yagura/model/config.hpp>

namespace yagura::arbiter {

// The dispatch half of `yagura-arbiter -v`: plans a loaded configuration as the arbiter would
// at start (every daemon alive), prints each dispatch error (shards across realms, unserved
// tags, realms without schedulers) as `file:line: message` on `err`, then how the configuration
// would be dispatched on `out` (dispatch::describe). Returns the number of errors.
int check_dispatch(const model::Config& config, std::ostream& out, std::ostream& err);

}  // namespace yagura::arbiter
