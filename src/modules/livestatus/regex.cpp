#include "regex.hpp"

#include <re2/re2.h>
#include <string>

#include "query_error.hpp"

namespace yagura::modules::livestatus {

Regex::Regex(std::string_view pattern, bool ignore_case) {
    RE2::Options options;
    options.set_case_sensitive(!ignore_case);
    options.set_log_errors(false);
    options.set_max_mem(8 << 20);  // bounds what one filter may cost
    re_ = std::make_unique<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    if (!re_->ok()) {
        throw QueryError{Status::bad_request, "invalid regular expression '" +
                                                  std::string(pattern) + "': " + re_->error()};
    }
}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;

bool Regex::search(std::string_view text) const {
    return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

}  // namespace yagura::modules::livestatus
