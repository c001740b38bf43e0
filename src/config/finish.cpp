#include "finish.hpp"

namespace yagura::config::detail {

namespace {

using FieldBits = std::bitset<model::kMaxFields>;

template <class T>
const FieldBits& loader_only_fields() {
    static const FieldBits bits = [] {
        FieldBits out;
        const auto& fields = model::type_info<T>().fields;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out.set(i, !fields[i].has(model::kConfig) && !fields[i].has(model::kState));
        }
        return out;
    }();
    return bits;
}

template <class T>
void drop(model::Table<T>& table, model::StringPool& pool) {
    const FieldBits& loader_only = loader_only_fields<T>();
    const auto& fields = model::type_info<T>().fields;
    const T defaults = model::make<T>(pool);
    for (T& obj : table) {
        const FieldBits set = obj.explicitly_set & loader_only;
        for (std::size_t f = set._Find_first(); f < fields.size(); f = set._Find_next(f)) {
            fields[f].ops->assign(obj, defaults);
            obj.explicitly_set.reset(f);
        }
        obj.registered = true;
        obj.template_name = {};
        obj.use = {};
    }
}

}  // namespace

void drop_loader_fields(model::Config& config) {
    model::for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        drop(config.table<T>(), config.pool);
    });
}

}  // namespace yagura::config::detail
