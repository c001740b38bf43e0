#pragma once

#include <cstdint>
#include <string_view>

#include <yagura/model/symbol.hpp>

// The small value types object fields are made of, besides Symbol, numbers, bool and
// std::string. Each has a codec (text, JSON, equality) chosen by type in the field tables.
namespace yagura::model {

// A list of names as the configuration wrote them ("contacts admin,ops"), interned as a whole:
// services that share a template share the list. Read it with pool.symbols(list).
struct SymbolList {
    ListId list;
    friend constexpr bool operator==(SymbolList, SymbolList) = default;
};

// A list where each occurrence of the attribute adds one entry, taken whole (commas
// included): cfg_file, resource_file, a host's service_overrides "HTTP,notes web".
struct LineList {
    ListId list;
    friend constexpr bool operator==(LineList, LineList) = default;
};

// A list of resolved object indices (host -> services, service -> contacts, ...), interned in
// the pool and filled by the config linker. Read it with pool.list(list).
struct IndexList {
    ListId list;
    friend constexpr bool operator==(IndexList, IndexList) = default;
};

// A set of option letters ("notification_options d,u,r"): bit (c - 'a') for letter c.
// Each field declares which letters and words it accepts (field.hpp Choices).
struct Letters {
    std::uint32_t bits = 0;

    constexpr bool has(char c) const { return c >= 'a' && c <= 'z' && ((bits >> (c - 'a')) & 1U); }
    constexpr void set(char c) { bits |= 1U << (c - 'a'); }
    constexpr bool empty() const { return bits == 0; }
    friend constexpr bool operator==(Letters, Letters) = default;
};

constexpr Letters letters(std::string_view text) {
    Letters out;
    for (char c : text) {
        if (c >= 'a' && c <= 'z') {
            out.set(c);
        }
    }
    return out;
}

// Custom variables (`_SNMP_COMMUNITY public`): pairs (name, value) interned as one list,
// sorted by name. Names are stored upper-cased without the leading underscore, as the
// $_HOSTSNMP_COMMUNITY$ macro looks them up. Use custom_var() / set_custom_var() (schema.hpp).
struct CustomVars {
    ListId pairs;
    friend constexpr bool operator==(CustomVars, CustomVars) = default;
};

// Pairs of names written "key=value, key=value" (a daemon link's satellitemap), interned as
// one list of (key, value) symbols in the order written.
struct KeyValues {
    ListId pairs;
    friend constexpr bool operator==(KeyValues, KeyValues) = default;
};

// Where an object was defined, for error messages (Shinken's imported_from "file:line").
struct SourceLocation {
    Symbol file;
    std::uint32_t line = 0;
    friend constexpr bool operator==(SourceLocation, SourceLocation) = default;
};

// Monitoring states. The numeric values are the plugin return codes and the state ids of
// Nagios and Livestatus; `pending` means "never checked yet" (Shinken's PENDING).
enum class HostState : std::uint8_t { up = 0, down = 1, unreachable = 2, pending = 4 };
enum class ServiceState : std::uint8_t {
    ok = 0,
    warning = 1,
    critical = 2,
    unknown = 3,
    pending = 4
};
enum class StateType : std::uint8_t { soft = 0, hard = 1 };
enum class CheckType : std::uint8_t { active = 0, passive = 1 };

// The state id Nagios macros and Livestatus print: pending counts as 0, as Shinken does.
constexpr int state_id(HostState s) {
    return s == HostState::pending ? 0 : static_cast<int>(s);
}
constexpr int state_id(ServiceState s) {
    return s == ServiceState::pending ? 0 : static_cast<int>(s);
}
std::string_view state_name(HostState s);       // "UP", "DOWN", "UNREACHABLE", "PENDING"
std::string_view state_name(ServiceState s);    // "OK", "WARNING", "CRITICAL", "UNKNOWN", "PENDING"
std::string_view state_type_name(StateType t);  // "SOFT", "HARD"
std::string_view check_type_name(CheckType t);  // "ACTIVE", "PASSIVE"

}  // namespace yagura::model
