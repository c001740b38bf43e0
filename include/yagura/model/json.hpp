#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/model/config.hpp>

// The JSON form of objects and whole configurations, driven by the field declarations.
// Field names are the configuration attribute names; values: strings, numbers, booleans,
// arrays of names, option letters as "d,u,r", enumerations by name ("HARD", "CRITICAL"),
// custom variables as {"_NAME": "value"}, state records as objects.
namespace yagura::model {

enum class JsonView {
    config,  // kConfig fields that differ from their default: what a shard carries
    state,   // every kState field, plus the key fields naming the object: retention, broks
    all,     // every declared field that differs from its default (templates included)
};

// One object in a view.
template <class T>
nlohmann::json to_json(const T& obj, const StringPool& pool, JsonView view);

// Applies the fields of `in` (a JSON object in the given view) to `obj`; fields absent from
// `in` keep their value, so load a configuration object onto make<T>(pool) and a state onto
// the configured object. Returns what is wrong ("state expects one of UP, DOWN, ...",
// "unknown field 'x'"); on any error `obj` is unchanged. Fields read are marked explicitly
// set; timeperiod rules and command lines are compiled again.
template <class T>
std::vector<std::string> from_json(T& obj, const nlohmann::json& in, StringPool& pool,
                                   JsonView view);

// Restores a retained state (the state view of a host or service) onto its configured object
// the way Nagios does: attributes both configured and changeable by external commands
// (notifications_enabled, check_interval, ...) are taken from the retained state only when
// its modified_attributes has their bit, so an edited configuration still applies to what no
// command changed, and a DISABLE_SVC_NOTIFICATIONS survives a restart. Other state fields are
// taken as they are. Errors as from_json; on error nothing changes.
template <class T>
std::vector<std::string> restore_state(T& obj, const nlohmann::json& state, StringPool& pool);

// A whole configuration: {"globals": {...}, "resources": {"USER1": ...}, "hosts": [...], ...}
// with one array per type, keyed by type_info<T>().plural. Links are not written: the
// receiving side links again.
nlohmann::json config_to_json(const Config& config, JsonView view = JsonView::config);

struct ConfigFromJson {
    std::optional<Config> config;     // set when there was no error
    std::vector<std::string> errors;  // "hosts[12] (web1): state expects ..."
};
ConfigFromJson config_from_json(const nlohmann::json& in, JsonView view = JsonView::config);

}  // namespace yagura::model
