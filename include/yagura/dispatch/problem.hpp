#pragma once

#include <string>
#include <vector>

#include <yagura/model/string_pool.hpp>
#include <yagura/model/values.hpp>

namespace yagura::dispatch {

// A configuration error or warning found while cutting or placing the configuration. `where`
// is "file:line" of the object at fault when known, so `yagura-arbiter -v` prints it the way
// the config module prints its own errors.
struct Problem {
    std::string where;
    std::string message;

    // "file:line: message", or the message alone when the place is unknown.
    std::string text() const { return where.empty() ? message : where + ": " + message; }
};

using Problems = std::vector<Problem>;

// "file:line" of an object's definition, "" when it has none (built-in defaults).
std::string location(const model::SourceLocation& at, const model::StringPool& pool);

}  // namespace yagura::dispatch
