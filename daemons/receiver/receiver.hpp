#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <yagura/daemon/command_router.hpp>
#include <yagura/daemon/command_routes.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/daemon/managed_config.hpp>

#include "receiver/nsca_server.hpp"

namespace yagura::daemon {
class CommandFile;
struct IniFile;
}  // namespace yagura::daemon

namespace yagura::receiver {

// What the receiver reads from its ini besides [daemon] (docs/receiver.md):
//   [receiver]  accept_passive_unknown_check_results, command_file, spool_dir,
//               spool_memory_mb, spool_disk_mb, nsca_port (0: off), nsca_host,
//               nsca_encryption_method, nsca_password, nsca_max_packet_age
//   [users]     name = password, for HTTP basic auth on the command routes
struct ReceiverOptions {
    bool accept_unknown_check_results = false;
    std::filesystem::path command_file;  // empty: no named pipe
    std::filesystem::path spool_dir;     // default: <workdir>/commands
    daemon::SpoolLimits limits;
    std::optional<NscaServerSettings> nsca;
    daemon::CommandAuth auth;

    // Throws core::Error(invalid_input) naming file and line for a bad value.
    static ReceiverOptions from_ini(const daemon::IniFile& ini,
                                    const daemon::DaemonSettings& settings);
};

// The receiver: passive results and external commands in (HTTP, the command_file pipe, NSCA),
// each handed to the scheduler owning its host through the shared command router.
class Receiver {
public:
    // Reads its options from the daemon's ini file.
    explicit Receiver(daemon::Daemon& daemon);
    Receiver(daemon::Daemon& daemon, ReceiverOptions options);
    ~Receiver();

    // Where commands go. The arbiter's configuration (put_conf: schedulers and host_map,
    // push_host_names) calls it; tests may too.
    void apply_routes(daemon::CommandRoutes routes);
    const daemon::ManagedConfig& configuration() const { return configuration_; }
    daemon::CommandRouter& commands() { return *commands_; }
    // The NSCA port once started (0 when NSCA is off).
    std::uint16_t nsca_port() const;

private:
    void start();
    void apply_config(const daemon::ReceivedConfig& config);

    daemon::Daemon& daemon_;
    ReceiverOptions options_;
    daemon::ManagedConfig configuration_;
    std::unique_ptr<daemon::CommandRouter> commands_;
    // Every host the arbiter ever placed, and its part (see apply_config).
    std::unordered_map<std::string, std::int64_t> known_hosts_;
    std::unique_ptr<daemon::CommandFile> command_file_;
    std::unique_ptr<NscaServer> nsca_;
};

}  // namespace yagura::receiver
