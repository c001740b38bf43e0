#pragma once

// `duplicate_foreach _DISKS` on a service makes one service per key of the host's custom
// variable, Shinken's service generators:
//   _DISKS   C$(80%!90%)$, D$(80%!90%)$, E, data[1-3]
//   _!DISKS  E                      keys not wanted on this host
// gives keys C, D, data1, data2, data3, each with its values ($VALUE1$, $VALUE2$, ...; a key
// without `$(...)$` takes the service's default_value). `[1-3]` ranges expand (several
// multiply; `[01-10]` keeps the width), up to kMaxGeneratedKeys per entry.

#include <string>
#include <string_view>
#include <vector>

namespace yagura::config::detail {

inline constexpr std::size_t kMaxGeneratedKeys = 10000;

struct KeyValues {
    std::string key;
    std::vector<std::string> values;  // $VALUE1$, $VALUE2$, ...; $VALUE$ is the first
};

struct KeyValueSequence {
    std::vector<KeyValues> entries;
    std::string error;  // "" when the text is well formed
};

KeyValueSequence parse_key_values(std::string_view text, std::string_view default_value);

// What a key becomes in a service_description: runs of the characters Nagios refuses in
// object names replaced by one '_'.
std::string safe_key(std::string_view key);

// Replaces $KEY$, $VALUE$, $VALUE1$, ... in text.
std::string substitute(std::string_view text, const KeyValues& kv, std::string_view key_text);

}  // namespace yagura::config::detail
