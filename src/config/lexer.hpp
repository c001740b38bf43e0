#pragma once

// Cuts the text of one configuration file into what it says, line by line, the way Nagios
// and Shinken read it:
//   - `#` at the start of a line makes it a comment; an unescaped `;` anywhere ends the line
//     (`\;` is a literal semicolon); `#` inside a value is kept (URLs);
//   - a trailing backslash joins the next line (its leading blanks dropped);
//   - `define <type> {` opens a block, the `{` on the same or the next line; `}` alone or at
//     the end of a line closes it; inside, `key value`; outside, `key=value` settings.
// Views passed to the sink point into the text or into a scratch buffer and are valid only
// during the call. Line numbers count from 1; a joined line has the number of its first line.

#include <cstdint>
#include <string>
#include <string_view>

namespace yagura::config::detail {

class LexSink {
public:
    virtual ~LexSink() = default;
    virtual void setting(std::uint32_t line, std::string_view key, std::string_view value) = 0;
    virtual void begin(std::uint32_t line, std::string_view type) = 0;
    virtual void attribute(std::uint32_t line, std::string_view key, std::string_view value) = 0;
    virtual void end(std::uint32_t line) = 0;
    virtual void problem(std::uint32_t line, std::string message) = 0;
};

void lex(std::string_view text, LexSink& sink);

}  // namespace yagura::config::detail
