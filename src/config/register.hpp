#pragma once

// Moves the real objects (not templates) of the resolved stages into the tables of the
// model, dropping the staging memory behind them. Two definitions of one name: identical
// ones (a file read twice through different paths, a pack repeating a command) warn and keep
// the first; different ones are an error naming both places (Nagios refuses them; Shinken
// silently keeps the last, which hides mistakes).

#include <yagura/model/config.hpp>

#include "report.hpp"
#include "staging.hpp"

namespace yagura::config::detail {

// Every type but services (expanded by services.cpp).
void register_objects(Stages& stages, model::Config& config, Report& report);

// The object of `table` with the same key as `obj`, or kNoIndex.
template <class T>
model::Index find_same_key(const model::Table<T>& table, const T& obj) {
    if constexpr (std::is_same_v<T, model::Service>) {
        return table.find(obj.host_name, obj.service_description);
    } else {
        std::uint64_t key = model::table_key(obj);
        return key == model::kNoKey ? model::kNoIndex
                                    : table.find(model::Symbol{static_cast<std::uint32_t>(key)});
    }
}

// "file:line" of an object.
std::string location_of(const model::ObjectHeader& obj, const model::StringPool& pool);

}  // namespace yagura::config::detail
