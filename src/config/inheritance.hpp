#pragma once

// Template inheritance, in place in the stages, with Shinken's rules:
//   - `name` makes a definition usable as a template; `use a,b` inherits from a, then b,
//     depth first: the first template (or its own templates) that sets a field wins;
//   - `register 0` marks a template only; `name`, `use` and `register` are not inherited;
//   - `key +x,y` adds to the list the templates give (and a template's `+` carries on to
//     whoever uses it); `key null` clears the field and is inherited as cleared;
//   - custom variables (`_FOO`) are inherited, the object's own winning; `_FOO +x` appends
//     ",x" to the inherited value.
// Each template is resolved once (memoized), so a million services using one template cost
// one pass over that template's fields each. Unknown templates, loops and chains deeper
// than kMaxTemplateDepth are errors naming the object.

#include <yagura/model/config.hpp>

#include "report.hpp"
#include "staging.hpp"

namespace yagura::config::detail {

inline constexpr int kMaxTemplateDepth = 64;

void resolve_templates(Stages& stages, model::StringPool& pool, Report& report);

// After inheritance: a `null` field of a real object counts as never set (so required
// checks and implicit inheritance from the host see it unset).
template <class T>
void clear_null_marks(Stage<T>& stage) {
    for (const auto& [index, special] : stage.specials) {
        if (special.null.any()) {
            stage.objects[index].explicitly_set &= ~special.null;
        }
    }
}

}  // namespace yagura::config::detail
