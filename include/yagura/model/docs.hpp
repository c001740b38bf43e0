#pragma once

#include <string>

namespace yagura::model {

// docs/objects.md: every object type and attribute with kind, default, flags and description,
// the main configuration's settings, the ignored Nagios/Shinken attributes, the timeperiod
// syntax and the standard macros, all generated from the declarations. The tool
// yagura-model-docs prints it; a unit test fails when the committed file is out of date.
std::string objects_reference_markdown();

}  // namespace yagura::model
