#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace yagura::retention {

// The layout of keys and stored files. A reader that finds another version ignores that data
// (and logs it) rather than misreading it; bump this when the key layout or file format changes.
inline constexpr int kFormatVersion = 1;

// Logical record keys: they name an element, never the scheduler that owns it, so whichever
// scheduler receives a shard finds the state its predecessor wrote.
//   host:<host_name>
//   service:<host_name>:<service_description>
//   global:<name>            small records that are not an element (id counters, ...)
// Each part is escaped with escape_key_part so that ':' inside a name cannot be confused with
// the separator. Stores add their namespace around it (Redis: "<prefix>:v1:<key>").
std::string host_key(std::string_view host_name);
std::string service_key(std::string_view host_name, std::string_view service_description);
std::string global_key(std::string_view name);

enum class KeyKind { host, service, global };

struct ParsedKey {
    KeyKind kind;
    std::string name;                 // host name, or the global record's name
    std::string service_description;  // services only
};

// The inverse of the *_key functions; nullopt for anything they cannot have produced.
std::optional<ParsedKey> parse_key(std::string_view key);

// Percent-encodes '%', ':' and control bytes (< 0x20, 0x7f); everything else, spaces and
// UTF-8 included, is kept so keys stay readable in redis-cli.
std::string escape_key_part(std::string_view part);
// nullopt for a malformed escape ("%zz", a truncated "%4") or an unescaped ':'.
std::optional<std::string> unescape_key_part(std::string_view part);

}  // namespace yagura::retention
