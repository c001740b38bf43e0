#pragma once

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

// A real redis-server for tests, started as a child process on 127.0.0.1 with a free port, in
// a temporary directory of its own, without persistence. Only the process it started is ever
// killed, by pid. Self-contained (hiredis, POSIX, std) so that it can move to
// tests/system/harness/ as is.
namespace yagura::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read back, closed).
int free_tcp_port();

class RedisServer {
public:
    struct Options {
        std::string password;  // --requirepass when not empty
        std::string executable = "redis-server";
        std::chrono::milliseconds start_timeout{10000};
    };

    // Starts the server and waits until it answers PING; throws std::runtime_error (with the
    // server's log) if it does not within start_timeout.
    explicit RedisServer(Options options);
    RedisServer() : RedisServer(Options{}) {}
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    // SIGKILL and reap: a crash, as far as clients can tell. Its data is gone (no persistence).
    void kill();
    // Starts it again on the same port and waits until it answers.
    void start();
    bool running() const { return pid_ > 0; }

    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& password() const { return options_.password; }
    const std::filesystem::path& directory() const { return directory_; }
    std::string log() const;

    // One command on a fresh connection (AUTH and SELECT db done first). Returns the reply as
    // text (strings, status, integers), nullopt for nil; throws std::runtime_error for errors.
    std::optional<std::string> command(std::initializer_list<std::string_view> arguments,
                                       int db = 0) const;

private:
    void spawn();
    bool wait_ready();

    Options options_;
    std::filesystem::path directory_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace yagura::testing
