#pragma once

// Nagios macros in notes and URLs ($HOSTNAME$, $SERVICEDESC$, ...), expanded for the
// *_expanded columns GUIs ask for.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <yagura/modules/livestatus/objects.hpp>

namespace yagura::modules::livestatus {

// Returns text with each macro replaced by its value. The result lives in a per-thread buffer
// until the next call: a column's caller reads it at once (one cell at a time).
std::string_view expand_macros(
    const std::string& text,
    std::initializer_list<std::pair<std::string_view, std::string_view>> macros);

struct ExpandedUrlField {
    const char* name;
    const char* description;
    std::string Checkable::*field;
};

// notes_expanded, notes_url_expanded, action_url_expanded, icon_image_expanded.
const std::vector<ExpandedUrlField>& expanded_url_fields();

}  // namespace yagura::modules::livestatus
