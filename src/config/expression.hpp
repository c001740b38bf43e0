#pragma once

// Host selection expressions, as a service's `hostgroup_name` (or a service template's
// `host_name` naming host templates) may be written:
//   linux                 the members of one group
//   linux,windows         either (`|` is the same as `,`)
//   linux&production      both (`+` is the same as `&`)
//   !windows              every host but those
//   (linux|bsd)&!test     parentheses group
//   *                     every host
// Within a list of alternatives or a conjunction, `!` terms are taken away from what the
// others select (Shinken's ComplexExpression: `linux,!test` is linux minus test, not linux
// or anything but test); a list made only of `!` terms starts from every host. `&` binds
// tighter than `|`; Shinken instead applies the last operator of an unparenthesised level to
// all of it, so a mix is reported as a warning.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/model/symbol.hpp>

namespace yagura::config::detail {

using HostSet = std::vector<model::Index>;  // sorted, unique

struct ExpressionResult {
    HostSet hosts;
    std::vector<std::string> errors;  // unknown names, syntax
    bool mixes_operators = false;     // `a|b&c` without parentheses
};

// Resolves one name of the expression; nullopt (and `error` set) when unknown.
using NameResolver =
    std::function<std::optional<HostSet>(std::string_view name, std::string& error)>;

ExpressionResult evaluate_expression(std::string_view text, std::size_t host_count,
                                     const NameResolver& resolve);

// Whether text uses any expression syntax (else it is a plain comma-separated list).
bool is_expression(std::string_view text);

HostSet set_union(const HostSet& a, const HostSet& b);
HostSet set_intersection(const HostSet& a, const HostSet& b);
HostSet set_difference(const HostSet& a, const HostSet& b);

}  // namespace yagura::config::detail
