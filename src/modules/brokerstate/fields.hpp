#pragma once

// Brok data (Shinken's attribute names, docs/broks.md) into records. Each record's fields are
// declared once, in fields.cpp, with the JSON type they take. A value of the wrong type throws
// BrokError, and callers apply to a copy, so a bad brok changes nothing.

#include <stdexcept>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "shard.hpp"

namespace yagura::modules::brokerstate {

struct BrokError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Fields present in data overwrite the record's; absent ones are left as they are.
void apply_host_fields(ls::Host& host, const nlohmann::json& data);
void apply_service_fields(ls::Service& service, const nlohmann::json& data);
void apply_program_fields(ls::ProgramStatus& program, const nlohmann::json& data);

ls::Contact contact_from(const nlohmann::json& data);
ls::ContactGroup contactgroup_from(const nlohmann::json& data);
ls::Command command_from(const nlohmann::json& data);
ls::TimePeriod timeperiod_from(const nlohmann::json& data);
GroupDecl hostgroup_from(const nlohmann::json& data);
GroupDecl servicegroup_from(const nlohmann::json& data);
ls::Comment comment_from(const nlohmann::json& data);
ls::Downtime downtime_from(const nlohmann::json& data);

// A required string field ("host_name", ...); throws BrokError when missing or not a string.
std::string required_name(const nlohmann::json& data, const char* key);
// An optional string field, "" when absent or null.
std::string optional_name(const nlohmann::json& data, const char* key);

}  // namespace yagura::modules::brokerstate
