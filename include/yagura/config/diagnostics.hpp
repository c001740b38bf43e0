#pragma once

#include <cstdint>
#include <string>

namespace yagura::config {

enum class Severity : std::uint8_t { warning, error };

// One problem found while loading a configuration, tied to where it was written.
//
//   /etc/yagura/objects/hosts.cfg:12: host 'web1': unknown check_command 'chek_http'
//       (did you mean 'check_http'?)
//
// `object` names the definition at fault ("host 'web1'", "service 'web1/HTTP'",
// "host template 'generic-host'", "hostdependency"); it is empty for the main file's
// settings and for problems with whole files.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string file;  // "" when the problem is not in a file (JSON shards, defaults)
    std::uint32_t line = 0;
    std::string object;
    std::string message;

    bool is_error() const { return severity == Severity::error; }
    // Errors: "file:line: <object>: message"; warnings: "file:line: warning: <object>: message".
    std::string to_string() const;
};

}  // namespace yagura::config
