#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/engine/engine.hpp>
#include <yagura/retention/module_settings.hpp>
#include <yagura/retention/store.hpp>

namespace yagura::model {
struct Config;
}

// Where a part's state is retained, and the mapping between the engine's retention records
// and the store's keys (retention/keys.hpp). The keys name elements, never the scheduler, so
// a spare that receives the part reads what its predecessor wrote.
namespace yagura::scheduler {

// The retention module of this scheduler: the first retention module (retention-redis,
// redis_retention, retention-file) named in the `modules` of the part's own scheduler link
// (`instance_name`) when the part carries that link; otherwise the `[retention]` section of
// the scheduler's ini (`fallback`); otherwise none (no retention). Throws
// core::Error(invalid_input) for a module with a bad parameter.
std::optional<retention::ModuleSettings> retention_module_for(
    const model::Config& shard, std::string_view instance_name,
    const std::optional<retention::ModuleParameters>& fallback);

// The `[retention]` section of an ini file as module parameters, or nullopt when the file
// has none. Throws core::Error for an unreadable or malformed file.
std::optional<retention::ModuleParameters> retention_section(const std::string& ini_path);

// The key of the part's global record (id counters, program switches): one per part id, so
// the spare that takes part N reads part N's counters.
std::string global_record_key(std::int64_t part_id);

std::string record_key(const engine::RetentionRecord& record, std::int64_t part_id);

// Every key the part may have retained: each host, each service, the part's global record.
std::vector<std::string> retention_keys(const model::Config& shard, std::int64_t part_id);

// The records found in `loaded` (values[i] is the value of keys[i]).
std::vector<engine::RetentionRecord> records_from(const std::vector<std::string>& keys,
                                                  const retention::LoadResult& loaded);

}  // namespace yagura::scheduler
