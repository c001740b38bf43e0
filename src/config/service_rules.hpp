#pragma once

// What happens to services once they are expanded: the per-copy rules of expansion
// (excludes, duplicate_foreach substitutions) and the per-host adjustments afterwards
// (service_overrides, service_dependencies, serviceextinfo).

#include <optional>
#include <regex>
#include <string>
#include <unordered_map>

#include <yagura/model/config.hpp>

#include "foreach.hpp"
#include "report.hpp"
#include "staging.hpp"

namespace yagura::config::detail {

// Matches service descriptions against a host's service_excludes / service_includes
// entries: `*`, `r:regex` (compiled once), or the exact description.
class DescriptionMatcher {
public:
    bool matches(std::string_view pattern, std::string_view description);

private:
    std::unordered_map<std::string, std::optional<std::regex>> regexes_;
};

// Whether the host refuses a service of that description.
bool excluded_on(const model::Host& host, std::string_view description,
                 const model::StringPool& pool, DescriptionMatcher& matcher);

// A copy of `source` for one key of duplicate_foreach.
void apply_key(model::Service& copy, const KeyValues& kv, model::StringPool& pool);

// The keys duplicate_foreach makes on this host ("" error when the host's value is
// malformed); an empty list when the host lacks the variable.
KeyValueSequence foreach_keys(const model::Service& service, const model::Host& host,
                              const model::StringPool& pool);

// host `service_overrides "svc,attribute value"` applied to that host's services.
void apply_service_overrides(model::Config& config, Report& report);

// service `service_dependencies h,svc,...` turned into servicedependency objects.
void add_service_dependencies(model::Config& config, Report& report);

// hostextinfo / serviceextinfo merged into what they name (attributes the object does not
// set itself). Unknown targets are warnings: old files often keep stale extinfo blocks.
void apply_host_extinfo(const std::vector<ExtInfo>& infos, model::Config& config, Report& report);
void apply_service_extinfo(const std::vector<ExtInfo>& infos, model::Config& config,
                           Report& report);

}  // namespace yagura::config::detail
