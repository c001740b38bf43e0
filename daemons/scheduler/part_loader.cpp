#include "scheduler/part_loader.hpp"

#include <nlohmann/json.hpp>

namespace yagura::scheduler {

std::string LoadedPart::describe_errors() const {
    std::string out;
    std::size_t shown = 0;
    for (const auto& e : errors) {
        if (shown == 5) {
            out += "; ... (" + std::to_string(errors.size() - shown) + " more)";
            break;
        }
        out += (shown++ == 0 ? "" : "; ") + e;
    }
    return out;
}

LoadedPart load_part(const nlohmann::json&) {
    // The shard path of the config module (config::load_from_json) links the part; until it
    // is in this build, a part can only be given already linked (Scheduler::run_part).
    LoadedPart out;
    out.errors.push_back("this build cannot load a part from JSON yet (config module missing)");
    return out;
}

}  // namespace yagura::scheduler
