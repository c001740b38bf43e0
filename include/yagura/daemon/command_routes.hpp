#pragma once

#include <functional>
#include <map>
#include <string>

namespace yagura::net {
class Router;
struct Request;
}  // namespace yagura::net

namespace yagura::daemon {

class CommandRouter;
struct IniFile;

// HTTP basic auth for the command doors. No users: no authentication (as Shinken's
// ws_arbiter with no username). Users come from the [users] section of the receiver's ini
// (`name = password`), or the arbiter's `command_users` global (see docs/receiver.md).
struct CommandAuth {
    std::map<std::string, std::string> users;

    bool required() const { return !users.empty(); }
    bool allows(const net::Request& request) const;

    // The [users] section of an ini file (none: no authentication).
    static CommandAuth from_ini(const IniFile& ini);
};

// Registers on `router`:
//   POST /run_external_commands  Nagios lines (JSON {"commands": [...]}, text, form `command`)
//   POST /push_check_result      passive results (JSON object or array, ws_arbiter form fields)
// Both validate every line, answer {"accepted": n, "rejected": [...]} (400 when a line is
// refused: then nothing is forwarded), 401 without valid credentials when `auth` has users,
// 503 while the router cannot take commands (no configuration yet, queue full).
void add_command_routes(net::Router& router, CommandRouter& commands, CommandAuth auth,
                        std::function<double()> now);

}  // namespace yagura::daemon
