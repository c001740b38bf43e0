#pragma once

#include <iosfwd>
#include <string>

namespace yagura::arbiter {

// `yagura-arbiter -v -c yagura.cfg`: checks the configuration, prints every error as
// `file:line: message` on `err`, then a summary on `out`; returns the exit code (0 or 1).
//
// This is the hook the config module (a parallel issue) fills with the full check of every
// object and the dispatch plan. Until then it checks what this executable itself reads: the
// process settings of the main file and the `define arbiter` blocks.
int verify_configuration(const std::string& main_cfg, const std::string& wanted_name,
                         std::ostream& out, std::ostream& err);

}  // namespace yagura::arbiter
