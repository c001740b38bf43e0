#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace yagura::daemon {

class CommandRouter;

// Nagios's command file (nagios.cmd): a named pipe that scripts write command lines into with
// `echo "[ts] CMD;..." > file`. The pipe is created (mode 0660) if missing and held open for
// reading and writing, so a writer's open() never blocks and never fails for want of a reader,
// even between two reads. Lines split across writes are put back together. Bad lines are
// logged (nobody is there to hear an answer) and the good lines of the same read go on.
// When the router cannot take lines (no configuration yet, queue full), they wait here and
// are retried every second; beyond `max_pending` lines the pipe is no longer read, so writers
// block in the kernel instead of lines being lost.
class CommandFile {
public:
    CommandFile(boost::asio::io_context& io, std::filesystem::path path, CommandRouter& commands,
                std::function<double()> now, std::size_t max_pending = 1'000'000);
    ~CommandFile();
    CommandFile(const CommandFile&) = delete;
    CommandFile& operator=(const CommandFile&) = delete;

    // Creates and opens the pipe and starts reading. Throws core::Error(unavailable) when the
    // path exists and is not a pipe, or cannot be created.
    void start();
    // Stops reading; the pipe stays in place (Nagios leaves it too), lines not yet routed are
    // handed to the router one last time.
    void stop();

    std::uint64_t lines_read() const;
    std::uint64_t lines_refused() const;
    std::size_t pending() const;

private:
    struct Impl;
    std::shared_ptr<Impl> impl_;
};

}  // namespace yagura::daemon
