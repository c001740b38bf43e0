#pragma once

// Regular expressions of filters, on RE2: linear time and bounded memory whatever a client
// sends, so a hostile pattern cannot stall the broker's loop or overflow its stack (both of
// which std::regex does on long inputs).

#include <memory>
#include <string_view>

namespace re2 {
class RE2;
}

namespace yagura::modules::livestatus {

class Regex {
public:
    // Throws QueryError(400) naming the pattern when it does not compile.
    Regex(std::string_view pattern, bool ignore_case);
    ~Regex();
    Regex(Regex&&) noexcept;
    bool search(std::string_view text) const;

private:
    std::unique_ptr<re2::RE2> re_;
};

}  // namespace yagura::modules::livestatus
