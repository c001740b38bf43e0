#pragma once

// Checks of what the linker does not see: required attributes (files only: a JSON shard
// writes only what differs from defaults), values out of range, names with the characters
// illegal_object_name_chars refuses, contacts that cannot be notified, daemon ports.

#include <yagura/model/config.hpp>

#include "report.hpp"

namespace yagura::config::detail {

void validate(const model::Config& config, Report& report, bool check_required);

}  // namespace yagura::config::detail
