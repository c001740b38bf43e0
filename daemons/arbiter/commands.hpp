#pragma once

#include <filesystem>
#include <memory>

#include <yagura/daemon/command_router.hpp>

namespace yagura::daemon {
class CommandFile;
class Daemon;
}  // namespace yagura::daemon

namespace yagura::arbiter {

struct Prepared;

// The arbiter's external command doors, the same as the receiver's (daemon/command_router.hpp):
// POST /run_external_commands, POST /push_check_result and the main configuration's
// `command_file` pipe (when check_external_commands is on). Commands go to the scheduler that
// runs the part of their host in the arbiter's current plan; a new plan (reload, failover)
// moves what is queued with it.
class ArbiterCommands {
public:
    explicit ArbiterCommands(daemon::Daemon& daemon);
    ~ArbiterCommands();

    // The plan changed: new routes, and the command_file it names.
    void follow(const Prepared& prepared);

private:
    daemon::Daemon& daemon_;
    std::unique_ptr<daemon::CommandRouter> commands_;
    std::unique_ptr<daemon::CommandFile> command_file_;
    std::filesystem::path command_file_path_;
};

}  // namespace yagura::arbiter
