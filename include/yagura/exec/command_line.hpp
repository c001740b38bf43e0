#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yagura::exec {

// How a command line is started. Starting /bin/sh for every check costs a second exec and
// a shell's start-up, so a line runs through `sh -c` only when it uses something only a
// shell can do (pipes, redirections, variables, globs, several commands, ...).
enum class LineMode {
    direct,   // split into words here and exec'd as they are
    shell,    // handed whole to `/bin/sh -c`
    invalid,  // cannot run at all (unterminated quote, empty line, NUL byte)
};

struct SplitLine {
    LineMode mode = LineMode::invalid;
    // Why the line needs a shell or is invalid, for logs and error texts ("unquoted '|'",
    // "unterminated double quote"); empty for direct lines. Static storage.
    std::string_view reason;
    std::size_t word_count = 0;  // words appended to the buffer (direct mode only)
};

// Splits a command line the way /bin/sh would for a simple command (single and double
// quotes, backslashes), appending each word NUL-terminated to `words` (cleared first).
// It decides the mode on the way: any unquoted shell operator or expansion, a first word
// that is a shell keyword or builtin, or a variable assignment means LineMode::shell.
// Allocation-free once `words` has grown: the runner reuses one buffer for every check.
SplitLine split_command_line(std::string_view line, std::string& words);

// The same, with the words as strings: for tests and callers off the hot path.
struct ParsedCommandLine {
    LineMode mode = LineMode::invalid;
    std::string_view reason;
    std::vector<std::string> argv;
};
ParsedCommandLine parse_command_line(std::string_view line);

}  // namespace yagura::exec
