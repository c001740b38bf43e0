#pragma once

#include <map>
#include <string>
#include <string_view>

namespace yagura::daemon {

struct IniValue {
    std::string value;
    int line = 0;
};

// An ini file as Python's ConfigParser reads Shinken's daemon files: [section] headers,
// `key = value` or `key: value`, '#' and ';' comment lines, and %(key)s references to keys
// of the same section or of [DEFAULT] (so `pidfile=%(workdir)s/schedulerd.pid` works).
// Keys are case-insensitive (stored lower case).
struct IniFile {
    std::string source;  // file name, for messages
    std::map<std::string, std::map<std::string, IniValue>> sections;

    const std::map<std::string, IniValue>* section(const std::string& name) const;
};

// Throws core::Error(invalid_input) with "source:line: message" for a line that is neither a
// section, a key, a comment nor blank, and for a %(key)s naming an unknown key.
IniFile parse_ini(std::string_view text, const std::string& source);
// Reads and parses a file; core::Error(not_found) when it cannot be read.
IniFile load_ini(const std::string& path);

}  // namespace yagura::daemon
