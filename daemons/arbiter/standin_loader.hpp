#pragma once

#include <string>

#include "arbiter/config_source.hpp"

namespace yagura::arbiter {

// A stand-in until the config module is merged: reads `define` blocks of the main file's
// cfg_file= and cfg_dir= (recursively, *.cfg) into the model with set_attribute, one object per
// block, no templates, no links. Enough for the arbiter's own tests; deleted with the merge.
Loaded standin_load(const std::string& main_cfg);

}  // namespace yagura::arbiter
