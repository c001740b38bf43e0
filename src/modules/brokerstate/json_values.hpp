#pragma once

// Strict readers of brok values: each accepts the JSON types Shinken sends for that kind of
// field and throws BrokError for anything else.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fields.hpp"

namespace yagura::modules::brokerstate::json_values {

using nlohmann::json;

std::string text(const json& value, const std::string& key);
double number(const json& value, const std::string& key);
int integer(const json& value, const std::string& key);
bool flag(const json& value, const std::string& key);
std::vector<std::string> names(const json& value, const std::string& key);
ls::CustomVars customs(const json& value, const std::string& key);
// "OK", "WARNING", ... "UP", "DOWN", ... or a number.
int state(const json& value, const std::string& key);
// "HARD" / "SOFT" or 1 / 0.
int state_type(const json& value, const std::string& key);

}  // namespace yagura::modules::brokerstate::json_values
