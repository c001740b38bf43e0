#include "scheduler/part_loader.hpp"

#include <nlohmann/json.hpp>

#include <yagura/config/loader.hpp>

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

LoadedPart load_part(const nlohmann::json& objects) {
    config::LoadResult loaded = config::load_from_json(objects);
    LoadedPart out;
    for (const auto& e : loaded.errors) {
        out.errors.push_back(e.to_string());
    }
    if (loaded.ok()) {
        out.shard = std::move(loaded.config);
    }
    return out;
}

}  // namespace yagura::scheduler
