#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/config/diagnostics.hpp>
#include <yagura/model/config.hpp>

// Loading a configuration: Nagios/Shinken `define` files into one linked, validated
// model::Config. All or nothing: the result holds either a whole configuration (and the
// warnings) or the list of every error and no configuration.
//
//   auto result = config::load("/etc/yagura/yagura.cfg");
//   for (const auto& w : result.warnings) log(w.to_string());
//   if (!result.ok()) { for (const auto& e : result.errors) print(e.to_string()); return 1; }
//   model::Config& cfg = *result.config;   // hosts, services, ... with their links resolved
//
// The stages, one file each under src/config/: read the files (sources), cut them into
// lines and blocks (lexer), build objects (parse_blocks), resolve templates (inheritance),
// expand groups and lists into services (services, service_rules), dependencies and
// escalations, realms and default daemons, then link names into indices (link_*) and
// validate. docs/configuration.md is the user's reference.
namespace yagura::config {

struct LoadOptions {
    // Follow cfg_file, cfg_dir and resource_file. When false they are reported as errors:
    // for loading untrusted text (the fuzzer) that must not reach the file system.
    bool follow_includes = true;
    // Add one arbiter, scheduler, poller, reactionner, broker and receiver on localhost for
    // each kind the configuration does not define (and the realm `All` when there is none).
    bool add_defaults = true;
};

// Where loading spent its time, for benchmarks and `-v`.
struct LoadStats {
    double read_parse_seconds = 0;  // reading files, lexing, building objects
    double resolve_seconds = 0;     // templates, expansion of services, groups, dependencies
    double link_seconds = 0;        // names -> indices
    double validate_seconds = 0;
    std::size_t files = 0;
    std::size_t bytes = 0;
};

struct LoadResult {
    std::optional<model::Config> config;  // set if and only if there was no error
    std::vector<Diagnostic> errors;
    std::vector<Diagnostic> warnings;
    LoadStats stats;

    bool ok() const { return config.has_value(); }
};

// Loads the main file (yagura.cfg, nagios.cfg, shinken.cfg) and everything it includes.
LoadResult load(const std::string& main_file, const LoadOptions& options = {});

// Loads configuration text given in memory as if it were the main file `file_name`
// (includes are resolved relative to its directory when options allow them).
LoadResult load_text(std::string_view text, std::string_view file_name = "<text>",
                     const LoadOptions& options = {});

// The shard path: turns the JSON form of a configuration (model::config_to_json, what the
// arbiter ships to a scheduler) back into a linked, validated model. No template, group or
// list expansion happens here: the JSON is already resolved. Errors have no file:line; they
// name the table entry ("hosts[12]: ...") or the object ("host 'web1': ...").
LoadResult load_from_json(const nlohmann::json& in);

// How many objects of each type a configuration holds, in model::ObjectTypes order, with
// the type names of `define` ("host", "service", ...); empty tables included.
struct ObjectCount {
    std::string_view type;
    std::size_t count = 0;
};
std::vector<ObjectCount> object_counts(const model::Config& config);

}  // namespace yagura::config
