#pragma once

// The last step of loading files: what only the loader needed (`use`, `name`, `register`,
// a service's hostgroup_name and duplicate_foreach, a host's service_overrides, ...) is put
// back to its default on every object. The model then holds exactly what its JSON form
// carries, so a configuration read from files and the same one read back from JSON are
// identical.

#include <yagura/model/config.hpp>

namespace yagura::config::detail {

void drop_loader_fields(model::Config& config);

}  // namespace yagura::config::detail
