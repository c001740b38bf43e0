#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/network.hpp"
#include "harness/process.hpp"
#include "harness/temp_dir.hpp"

namespace yagura::harness {

// The path of a built yagura executable, from CMake ($<TARGET_FILE:...>): "scheduler",
// "poller", ..., "arbiter" for the daemons, "yagura" for the admin CLI.
std::string executable(const std::string& name);

// How long a daemon may take to start answering or to stop; generous, for a loaded machine.
inline constexpr std::chrono::seconds kStartBound{30};
inline constexpr std::chrono::seconds kStopBound{10};

class Site;

// One yagura daemon of a Site: its config written in the site's directory, a free port on
// 127.0.0.1, TLS with a certificate from the site's CA, its output in <name>.out and its log
// in <name>.log. Stopped (SIGTERM, then -9) when destroyed.
class Daemon {
public:
    Daemon(Site& site, std::string role, std::string name,
           std::map<std::string, std::string> settings);

    // Starts the process and waits until it answers /ping (bounded by kStartBound).
    // Throws std::runtime_error with the daemon's output if it does not.
    void start();
    // Starts another process on the same config (a second instance); returns it without
    // waiting, for tests of what it does.
    std::unique_ptr<Process> start_again();
    // Command-line arguments after `-c <config>` for every later start (e.g. -n for arbiters).
    void add_arguments(const std::vector<std::string>& extra);
    // SIGTERM and wait at most `bound`; nullopt if it is still running then.
    std::optional<ExitStatus> stop(std::chrono::milliseconds bound = kStopBound);
    ExitStatus kill9();

    const std::string& role() const { return role_; }
    const std::string& name() const { return name_; }
    std::uint16_t port() const { return port_; }
    net::Endpoint endpoint() const { return {"127.0.0.1", port_, name_}; }
    const std::string& config_file() const { return config_file_; }
    std::string pidfile() const;
    std::string log() const;     // the daemon's log file
    std::string output() const;  // what it printed on stdout/stderr
    Process& process() { return *process_; }
    bool started() const { return process_ != nullptr; }

    // Calls with the site's CA (and the daemon's TLS setting).
    nlohmann::json get_json(const std::string& target);
    nlohmann::json post_json(const std::string& target, const nlohmann::json& body);
    net::ClientResponse get(const std::string& target);

private:
    std::vector<std::string> arguments() const;
    void write_config();

    Site& site_;
    std::string role_;
    std::string name_;
    std::map<std::string, std::string> settings_;
    std::uint16_t port_;
    std::string config_file_;
    std::vector<std::string> extra_arguments_;
    std::unique_ptr<Process> process_;
};

// A temp directory with a CA and the daemons a test starts in it. Everything is stopped and
// removed when the Site goes away.
class Site {
public:
    explicit Site(bool use_ssl = true);
    ~Site();

    // Adds a daemon ("scheduler", ..., "arbiter") with optional extra ini keys / main-file
    // globals; its certificate (CN = name, SAN 127.0.0.1 and localhost) is issued now.
    Daemon& add(const std::string& role, std::string name = {},
                std::map<std::string, std::string> settings = {});
    // Issues a certificate signed by the site's CA; returns {cert path, key path}.
    std::pair<std::string, std::string> issue(const std::string& name);

    const TempDir& dir() const { return dir_; }
    bool use_ssl() const { return use_ssl_; }
    std::string ca_cert() const { return dir_ / "certs/ca.pem"; }
    net::TlsSettings client_tls() const;
    TestClient& client() { return *client_; }

private:
    TempDir dir_;
    bool use_ssl_;
    std::unique_ptr<TestClient> client_;
    std::vector<std::unique_ptr<Daemon>> daemons_;
};

}  // namespace yagura::harness
