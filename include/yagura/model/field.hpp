#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

// The declaration of an object type's fields: one FieldDef per attribute, in a table per type
// (schema_*.cpp), each naming the member it lives in, its configuration name, default, flags
// and documentation. Everything generic - setting a field from configuration text, defaults,
// known keys, JSON in both views, equality, docs/objects.md - walks these tables
// (schema.hpp, json.hpp, docs.hpp). To add a field: add the member to the struct and one line
// to its type's table; nothing else.
namespace yagura::model {

class StringPool;

// What a field holds, for code that treats kinds differently (the config parser's `+`
// additive values apply to lists; `null` resets any field to its default).
enum class ValueKind : std::uint8_t {
    string,       // Symbol: one interned string
    text,         // std::string: runtime text (plugin output), never interned
    integer,      // int32_t, uint32_t, uint64_t
    real,         // double (intervals in interval_length units, thresholds)
    time,         // EpochSeconds
    boolean,      // bool: 0/1 (also yes/no, true/false, on/off)
    enumeration,  // an enum, written as one of its names
    letters,      // Letters: a set of option letters "d,u,r"
    name_list,    // SymbolList: comma-separated names
    custom_vars,  // CustomVars: the object's _NAME values
    key_values,   // KeyValues: "a=b, c=d"
    source,       // SourceLocation "file:line"
    record,       // state records (acknowledgement, downtimes, comments, flap history)
};

enum FieldFlag : std::uint16_t {
    kConfig = 1 << 0,            // configuration shipped to daemons (shards, satellite configs)
    kState = 1 << 1,             // runtime state: kept by retention, sent in status broks
    kRequired = 1 << 2,          // must be set on a registered (non-template) object
    kNoInherit = 1 << 3,         // not inherited through `use` (register, name)
    kImplicitFromHost = 1 << 4,  // a service that leaves it unset takes its host's value
    kKey = 1 << 5,               // identifies the object (host_name, service_description)
    kRepeatable = 1 << 6,        // each occurrence in a define block adds an entry
    kReference = 1 << 7,         // names other objects (checked and resolved by the linker)
};
using FieldFlags = std::uint16_t;

// Nagios' modified-attribute bits (MODATTR_*): set in a host's or service's
// `modified_attributes` when an external command changes the field, so retention restores the
// change and a configuration edit of an unchanged field still takes effect.
enum ModifiedAttribute : std::uint32_t {
    kModNone = 0,
    kModNotificationsEnabled = 1U << 0,
    kModActiveChecksEnabled = 1U << 1,
    kModPassiveChecksEnabled = 1U << 2,
    kModEventHandlerEnabled = 1U << 3,
    kModFlapDetectionEnabled = 1U << 4,
    kModFailurePredictionEnabled = 1U << 5,
    kModPerformanceDataEnabled = 1U << 6,
    kModObsessiveHandlerEnabled = 1U << 7,
    kModEventHandlerCommand = 1U << 8,
    kModCheckCommand = 1U << 9,
    kModNormalCheckInterval = 1U << 10,
    kModRetryCheckInterval = 1U << 11,
    kModMaxCheckAttempts = 1U << 12,
    kModFreshnessChecksEnabled = 1U << 13,
    kModCheckTimeperiod = 1U << 14,
    kModCustomVariable = 1U << 15,
    kModNotificationTimeperiod = 1U << 16,
};

// The words an enumeration or letters field accepts. For enumerations `value` is the enum's
// numeric value and the first word of a value is the one written back; for letters it is the
// letter a word stands for ("d" and "down" both mean 'd').
struct Choice {
    std::string_view word;
    std::uint8_t value;
};
struct Choices {
    std::span<const Choice> items;
};

// Everything about a field except how to reach it in the object.
struct FieldInfo {
    std::string_view name;  // the configuration attribute and JSON key
    FieldFlags flags = 0;
    std::string_view default_text;  // the default, as configuration text ("" = empty/zero)
    std::string_view doc;           // one line for docs/objects.md
    const Choices* choices = nullptr;
    std::string_view aliases;          // older names also accepted, comma-separated
    std::uint32_t modattr = kModNone;  // the ModifiedAttribute bit external commands set

    constexpr bool has(FieldFlag f) const { return (flags & f) != 0; }
};

// How to read and write one field of a T; one static instance per (type, member).
template <class T>
struct FieldOps {
    ValueKind kind;
    std::string_view kind_name;  // for the docs: "integer", "list of names", ...
    // Sets the field from configuration text. Returns "" or what is wrong with the text.
    std::string (*parse)(T&, std::string_view text, StringPool&, const FieldInfo&);
    // Writes the value as configuration text (parse(format(x)) == x).
    void (*format)(const T&, std::string& out, const StringPool&, const FieldInfo&);
    void (*to_json)(const T&, nlohmann::json& out, const StringPool&, const FieldInfo&);
    std::string (*from_json)(T&, const nlohmann::json&, StringPool&, const FieldInfo&);
    // Same value, each side read with its own pool.
    bool (*equal)(const T&, const StringPool&, const T&, const StringPool&);
    // Copies the field between two objects of one pool.
    void (*assign)(T& to, const T& from);
};

template <class T>
struct FieldDef : FieldInfo {
    const FieldOps<T>* ops = nullptr;
};

// A Nagios or Shinken attribute that is accepted and ignored with a warning saying why.
struct IgnoredAttribute {
    std::string_view name;
    std::string_view reason;
};

// The schema of one object type.
template <class T>
struct TypeInfo {
    std::string_view name;    // as in `define <name>` ("host")
    std::string_view plural;  // the JSON key of its table ("hosts")
    std::string_view doc;
    std::span<const FieldDef<T>> fields;
    std::span<const IgnoredAttribute> ignored;
};

}  // namespace yagura::model
