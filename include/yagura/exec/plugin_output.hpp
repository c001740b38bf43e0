#pragma once

#include <string>
#include <string_view>

namespace yagura::exec {

// A plugin's text split per the Nagios plugin API:
//
//     DISK OK - free space: / 3326 MB (56%) | /=2643MB;5948;5958;0;5968
//     / 15272 MB (77%);
//     /boot 68 MB (69%); | /boot=68MB;88;93;0;98
//     /home=69357MB;253404;253409;0;253414
//
// gives output "DISK OK - free space: / 3326 MB (56%)", long_output the two lines in the
// middle, and perf_data the three metrics joined with spaces.
struct PluginOutput {
    std::string output;       // first line up to '|', trimmed
    std::string long_output;  // further lines up to the first one with a '|', '\n'-joined
    std::string perf_data;    // every perfdata part, trimmed and joined with single spaces
};

// Rules (those of Nagios and Shinken's Action.get_outputs, plus tidier whitespace):
// - the first line up to the first '|' is the output, after it perfdata;
// - later lines are long output until a line with a '|': its text before the '|' is still
//   long output, everything after (that line's rest and all further lines) is perfdata;
// - an escaped "\|" is a literal '|' in output and long output, never a separator;
// - output is trimmed; long output lines lose trailing whitespace (leading indentation is
//   kept, plugins use it for tables) and leading and trailing blank lines are dropped;
//   perfdata parts are trimmed, blank ones skipped. "\r\n" line ends count as "\n".
// Never throws; any bytes give some split.
PluginOutput parse_plugin_output(std::string_view text);

// The longest prefix of `text` that does not end inside a UTF-8 multi-byte sequence, so a
// capped output never ends in half a character (which JSON encoders reject).
std::string_view utf8_complete_prefix(std::string_view text);

}  // namespace yagura::exec
