#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/model/config.hpp>

namespace yagura::scheduler {

struct LoadedPart {
    std::optional<model::Config> shard;  // linked, command lines compiled; set when no error
    std::vector<std::string> errors;
    std::string describe_errors() const;  // the first few errors, for a log line
};

// Turns a part's objects (put_conf's part.objects: the model JSON of the shard) into the
// linked model the engine runs. CPU-heavy for a big part: call it off the loop.
LoadedPart load_part(const nlohmann::json& objects);

}  // namespace yagura::scheduler
