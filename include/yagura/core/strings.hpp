#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yagura::core {

std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);

// Splits on a separator character; pieces are trimmed and, if skip_empty, empty ones dropped.
std::vector<std::string> split(std::string_view text, char separator, bool skip_empty = true);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Strict numeric parsing: the whole (trimmed) text must be a number, else nullopt.
std::optional<std::int64_t> parse_int(std::string_view text);
std::optional<double> parse_double(std::string_view text);
// "1", "0", "yes", "no", "true", "false", "on", "off" (case-insensitive).
std::optional<bool> parse_bool(std::string_view text);

// Shortest edit distance, for "did you mean ...?" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace yagura::core
