#pragma once

// What a configuration gets without writing it:
//   - the realm `All` (the default realm) when no realm is defined; the only realm of a
//     configuration is its default one even without `default 1`;
//   - one arbiter, scheduler, poller, reactionner, broker and receiver on localhost
//     (127.0.0.1) at the standard ports for each kind with no `define` (Shinken's Default-<Kind>
//     names);
//   - the internal commands hosts and business rules use (`_internal_host_up`, `_echo`,
//     `bp_rule`), when not defined (both loading paths: JSON shards carry them already).

#include <yagura/model/config.hpp>

namespace yagura::config::detail {

void add_default_realm_and_daemons(model::Config& config);
void add_internal_commands(model::Config& config);

}  // namespace yagura::config::detail
