#include <nlohmann/json.hpp>
#include <openssl/crypto.h>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/command_input.hpp>
#include <yagura/daemon/command_router.hpp>
#include <yagura/daemon/command_routes.hpp>
#include <yagura/daemon/ini.hpp>
#include <yagura/net/router.hpp>

namespace yagura::daemon {

namespace {

// Compares without leaking through timing how much of a password was right.
bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

net::Response unauthorized() {
    auto r = net::Response::error(401, "unauthorized", "valid HTTP basic auth credentials needed");
    r.headers["www-authenticate"] = "Basic realm=\"yagura\"";
    return r;
}

net::Response answer(CommandRouter& commands, const std::vector<std::string>& lines, double now) {
    if (lines.empty()) {
        return net::Response::error(400, "invalid_input", "no command in the body");
    }
    auto outcome = commands.submit(lines, now);
    auto body = outcome.to_json();
    if (!outcome.rejected.empty()) {
        body["error"] = "invalid_input";
        body["detail"] = outcome.rejected.front().error +
                         (outcome.rejected.size() > 1 ? " (and more, see rejected)" : "");
        return net::Response::json(body, 400);
    }
    return net::Response::json(body);
}

}  // namespace

bool CommandAuth::allows(const net::Request& request) const {
    if (!required()) {
        return true;
    }
    auto credentials = request.basic_auth();
    if (!credentials) {
        return false;
    }
    // Ini keys are case-insensitive, so user names are too.
    auto it = users.find(core::to_lower(credentials->user));
    return it != users.end() && same_secret(it->second, credentials->password);
}

CommandAuth CommandAuth::from_ini(const IniFile& ini) {
    CommandAuth auth;
    if (const auto* section = ini.section("users")) {
        for (const auto& [user, value] : *section) {
            auth.users[user] = value.value;
        }
    }
    return auth;
}

void add_command_routes(net::Router& router, CommandRouter& commands, CommandAuth auth,
                        std::function<double()> now) {
    router.add_sync(
        "POST", "/run_external_commands",
        [&commands, auth, now](net::Request& request) {
            if (!auth.allows(request)) {
                return unauthorized();
            }
            return answer(commands, external_command_lines(request), now());
        },
        "external commands ([ts] NAME;args), routed to the scheduler owning each host");
    router.add_sync(
        "POST", "/push_check_result",
        [&commands, auth, now](net::Request& request) {
            if (!auth.allows(request)) {
                return unauthorized();
            }
            const double t = now();
            return answer(commands, check_result_commands(request, t), t);
        },
        "passive check results (JSON or ws_arbiter form), routed like external commands");
}

}  // namespace yagura::daemon
