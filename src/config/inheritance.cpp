#include "inheritance.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <yagura/core/strings.hpp>

#include "walk_marks.hpp"

namespace yagura::config::detail {

using model::Index;
using FieldBits = std::bitset<model::kMaxFields>;

namespace {

template <class T>
const FieldBits& inheritable_fields() {
    static const FieldBits bits = [] {
        FieldBits out;
        const auto& fields = model::type_info<T>().fields;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out.set(i, !fields[i].has(model::kNoInherit));
        }
        return out;
    }();
    return bits;
}

// Appends the comma-separated items of `text` to `out`, skipping those already there.
void append_items(std::vector<std::string>& out, std::string_view text) {
    for (const std::string& item : core::split(text, ',')) {
        if (std::find(out.begin(), out.end(), item) == out.end()) {
            out.push_back(item);
        }
    }
}

template <class T>
class TemplateResolver {
public:
    TemplateResolver(Stage<T>& stage, model::StringPool& pool, Report& report)
        : stage_(stage),
          pool_(pool),
          report_(report),
          marks_(stage.objects.size(), WalkMark::unvisited) {}

    void run() {
        index_templates();
        for (std::size_t i = 0; i < stage_.objects.size(); ++i) {
            resolve(static_cast<Index>(i), 0);
        }
    }

private:
    void index_templates() {
        for (std::size_t i = 0; i < stage_.objects.size(); ++i) {
            const T& obj = stage_.objects[i];
            if (obj.template_name.empty()) {
                continue;
            }
            auto [it, inserted] =
                stage_.templates.emplace(obj.template_name.id, static_cast<Index>(i));
            if (!inserted) {
                const T& first = stage_.objects[it->second];
                report_.warning(obj.imported_from, describe(obj, pool_),
                                "a " + std::string(model::type_info<T>().name) + " template " +
                                    in_quotes(pool_.str(obj.template_name)) +
                                    " is already defined at " + location(first) +
                                    "; this later definition is used");
                it->second = static_cast<Index>(i);
            }
        }
    }

    std::string location(const T& obj) const {
        return std::string(pool_.str(obj.imported_from.file)) + ":" +
               std::to_string(obj.imported_from.line);
    }

    void resolve(Index i, int depth) {
        if (marks_[i] != WalkMark::unvisited) {
            return;
        }
        marks_[i] = WalkMark::on_path;
        path_.push_back(i);
        T& obj = stage_.objects[i];
        std::vector<Index> templates;
        for (model::Symbol name : pool_.symbols(obj.use.list)) {
            if (auto t = find_template(obj, name, depth)) {
                resolve(*t, depth + 1);
                templates.push_back(*t);
            }
        }
        if (!templates.empty()) {
            inherit(i, templates);
        }
        path_.pop_back();
        marks_[i] = WalkMark::finished;
    }

    std::optional<Index> find_template(const T& obj, model::Symbol name, int depth) {
        auto it = stage_.templates.find(name.id);
        if (it == stage_.templates.end()) {
            report_.error(obj.imported_from, describe(obj, pool_),
                          "uses unknown template " + in_quotes(pool_.str(name)) +
                              suggestion(pool_.str(name), template_names()));
            return std::nullopt;
        }
        if (marks_[it->second] == WalkMark::on_path) {
            std::string chain;
            for (auto p = std::find(path_.begin(), path_.end(), it->second); p != path_.end();
                 ++p) {
                chain += pool_.str(stage_.objects[*p].template_name);
                chain += " -> ";
            }
            chain += pool_.str(name);
            report_.error(obj.imported_from, describe(obj, pool_), "template loop: " + chain);
            return std::nullopt;
        }
        if (depth >= kMaxTemplateDepth) {
            report_.error(obj.imported_from, describe(obj, pool_),
                          "templates are nested more than " + std::to_string(kMaxTemplateDepth) +
                              " levels deep");
            return std::nullopt;
        }
        return it->second;
    }

    const std::vector<std::string_view>& template_names() {
        if (names_.empty()) {
            for (const auto& [id, index] : stage_.templates) {
                names_.push_back(pool_.str(model::Symbol{id}));
            }
        }
        return names_;
    }

    const Special* special(Index i) const {
        auto it = stage_.specials.find(i);
        return it == stage_.specials.end() ? nullptr : &it->second;
    }

    void inherit(Index i, const std::vector<Index>& templates) {
        T& obj = stage_.objects[i];
        const FieldBits own = obj.explicitly_set;
        FieldBits plus_somewhere;
        FieldBits inherited_null;
        for (Index t : templates) {
            const T& tpl = stage_.objects[t];
            const FieldBits newly =
                tpl.explicitly_set & ~obj.explicitly_set & inheritable_fields<T>();
            model::inherit_from(obj, tpl, pool_);
            if (const Special* s = special(t)) {
                inherited_null |= s->null & newly;
                plus_somewhere |= s->plus;
            }
        }
        const Special* mine = special(i);
        if (mine != nullptr) {
            plus_somewhere |= mine->plus;
        }
        if (inherited_null.any()) {
            stage_.specials[i].null |= inherited_null;
        }
        if (plus_somewhere.any()) {
            add_values(i, templates, own, plus_somewhere);
        }
        if (mine != nullptr && !special(i)->plus_customs.empty()) {
            add_customs(i, templates);
        }
    }

    // Fields where a `+` is involved: the values of the templates are concatenated, left to
    // right, up to and including the first one that is not itself additive; an object's own
    // `+` value comes last; its own plain value overrides everything.
    void add_values(Index i, const std::vector<Index>& templates, const FieldBits& own,
                    const FieldBits& fields_with_plus) {
        const auto& fields = model::type_info<T>().fields;
        T& obj = stage_.objects[i];
        const Special* mine = special(i);
        FieldBits still_additive;
        for (std::size_t f = fields_with_plus._Find_first(); f < fields.size();
             f = fields_with_plus._Find_next(f)) {
            const bool own_plus = mine != nullptr && mine->plus.test(f);
            if (own.test(f) && !own_plus) {
                continue;
            }
            std::vector<std::string> items;
            bool first = true;
            bool first_additive = false;
            for (Index t : templates) {
                const T& tpl = stage_.objects[t];
                if (!tpl.explicitly_set.test(f)) {
                    continue;
                }
                const Special* ts = special(t);
                const bool additive = ts != nullptr && ts->plus.test(f);
                append_items(items, model::format_attribute(tpl, fields[f], pool_));
                if (first) {
                    first_additive = additive;
                    first = false;
                }
                if (!additive) {
                    break;
                }
            }
            if (own_plus) {
                append_items(items, own_value(obj, f));
            }
            std::string joined = core::join(items, ",");
            fields[f].ops->parse(obj, joined, pool_, fields[f]);
            obj.explicitly_set.set(f);
            if (!obj.registered && (own_plus || first_additive)) {
                still_additive.set(f);
            }
        }
        if (mine != nullptr || still_additive.any()) {
            stage_.specials[i].plus = still_additive;
        }
    }

    std::string own_value(const T& obj, std::size_t f) const {
        return model::format_attribute(obj, model::type_info<T>().fields[f], pool_);
    }

    void add_customs(Index i, const std::vector<Index>& templates) {
        T& obj = stage_.objects[i];
        std::vector<model::Symbol> names = special(i)->plus_customs;
        for (model::Symbol name : names) {
            auto own = model::custom_var(obj, pool_.str(name), pool_);
            for (Index t : templates) {
                auto inherited = model::custom_var(stage_.objects[t], pool_.str(name), pool_);
                if (inherited && own) {
                    std::string joined(*inherited);
                    joined += ',';
                    joined += *own;
                    model::set_custom_var(obj, pool_.str(name), joined, pool_);
                    break;
                }
            }
        }
    }

    Stage<T>& stage_;
    model::StringPool& pool_;
    Report& report_;
    std::vector<WalkMark> marks_;
    std::vector<Index> path_;
    std::vector<std::string_view> names_;
};

}  // namespace

void resolve_templates(Stages& stages, model::StringPool& pool, Report& report) {
    model::for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        TemplateResolver<T>(stages.of<T>(), pool, report).run();
        clear_null_marks(stages.of<T>());
    });
}

}  // namespace yagura::config::detail
