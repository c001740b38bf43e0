#include <yagura/dispatch/problem.hpp>

namespace yagura::dispatch {

std::string location(const model::SourceLocation& at, const model::StringPool& pool) {
    if (at.file.empty()) {
        return {};
    }
    return std::string(pool.str(at.file)) + ":" + std::to_string(at.line);
}

}  // namespace yagura::dispatch
