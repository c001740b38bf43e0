#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include <yagura/daemon/daemon.hpp>
#include <yagura/model/config.hpp>
#include <yagura/net/client.hpp>

#include "scheduler/scheduler.hpp"

// A scheduler role in a real Daemon (its own loop thread, real HTTP on 127.0.0.1, port 0), as
// in its own process, and a blocking client to talk to it.
namespace yagura::scheduler::testing {

class DaemonThread {
public:
    DaemonThread(const std::string& role, const std::filesystem::path& dir);
    ~DaemonThread();

    daemon::Daemon& daemon() { return *daemon_; }
    // Starts the loop; returns once the server listens.
    void run();
    int stop();
    bool running() const { return running_.valid(); }
    std::uint16_t port() const { return port_; }
    // Runs `work` on the loop thread and waits for it.
    void on_loop(const std::function<void()>& work);

private:
    std::unique_ptr<daemon::Daemon> daemon_;
    std::future<int> running_;
    std::uint16_t port_ = 0;
};

class SchedulerProcess {
public:
    SchedulerProcess(const std::filesystem::path& dir, SchedulerOptions options = {});
    ~SchedulerProcess();

    void run() { thread_.run(); }
    int stop() { return thread_.stop(); }
    Scheduler& role() { return *role_; }
    net::Endpoint endpoint() const { return {"127.0.0.1", thread_.port(), "scheduler"}; }
    std::uint16_t port() const { return thread_.port(); }

    void run_part(model::Config shard, std::int64_t part_id = 0);
    void drop_part();
    void run_part_json(std::shared_ptr<const nlohmann::json> objects, std::int64_t part_id);

    nlohmann::json get_json(const std::string& target);
    net::ClientResponse get(const std::string& target);
    net::ClientResponse post(const std::string& target, const std::string& body);
    nlohmann::json stats() { return get_json("/stats")["scheduler"]; }

private:
    DaemonThread thread_;
    std::unique_ptr<Scheduler> role_;
};

// Polls `predicate` every 20 ms for at most `bound`.
bool eventually(const std::function<bool()>& predicate,
                std::chrono::milliseconds bound = std::chrono::seconds(30));

// A fresh directory under the temp dir, removed by the destructor.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace yagura::scheduler::testing
