#include "register.hpp"

namespace yagura::config::detail {

std::string location_of(const model::ObjectHeader& obj, const model::StringPool& pool) {
    return std::string(pool.str(obj.imported_from.file)) + ":" +
           std::to_string(obj.imported_from.line);
}

namespace {

template <class T>
void register_type(Stage<T>& stage, model::Table<T>& table, model::StringPool& pool,
                   Report& report) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < stage.objects.size(); ++i) {
        count += stage.objects[i].registered ? 1 : 0;
    }
    table.reserve(table.size() + count);
    for (std::size_t i = 0; i < stage.objects.size(); ++i) {
        T& obj = stage.objects[i];
        if (obj.registered) {
            auto [same, inserted] = table.try_insert(obj);
            if (!inserted) {
                T& first = table[same];
                model::SourceLocation where = obj.imported_from;
                obj.imported_from = first.imported_from;
                if (model::equal_objects(first, pool, obj, pool)) {
                    report.warning(where, describe(first, pool),
                                   "defined again identically (first at " +
                                       location_of(first, pool) + "); one is kept");
                } else {
                    report.error(where, describe(first, pool),
                                 "is already defined at " + location_of(first, pool) +
                                     " with other attributes");
                }
            }
        }
        if (stage.objects.ends_chunk(i)) {
            stage.objects.release_chunk_of(i);
        }
    }
}

}  // namespace

void register_objects(Stages& stages, model::Config& config, Report& report) {
    model::for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        if constexpr (!std::is_same_v<T, model::Service>) {
            register_type(stages.of<T>(), config.table<T>(), config.pool, report);
        }
    });
}

}  // namespace yagura::config::detail
