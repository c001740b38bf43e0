#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/model/config.hpp>

namespace yagura::arbiter {

// A configuration read for the arbiter, or why it could not be: every error as
// "file:line: message", warnings likewise.
struct Loaded {
    std::optional<model::Config> config;
    std::vector<std::string> errors;
    std::vector<std::string> warnings;

    bool ok() const { return config.has_value(); }
};

// Reads the main file and everything it includes (the config module's loader).
Loaded load_configuration(const std::string& main_cfg);

// A whole configuration in its JSON form, as the master arbiter sends it to a spare.
Loaded load_configuration_json(const nlohmann::json& in);

// The JSON form of a whole configuration without its templates (objects arrive resolved),
// what load_configuration_json reads.
nlohmann::json whole_configuration_json(const model::Config& config);

}  // namespace yagura::arbiter
