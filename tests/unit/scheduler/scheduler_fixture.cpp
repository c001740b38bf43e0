#include "scheduler_fixture.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <yagura/core/ids.hpp>
#include <yagura/net/run_sync.hpp>

namespace yagura::scheduler::testing {

namespace asio = boost::asio;

DaemonThread::DaemonThread(const std::string& role, const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    daemon::DaemonSettings settings;
    settings.role = role;
    settings.name = role + "-test";
    settings.host = "127.0.0.1";
    settings.port = 0;
    settings.workdir = dir.string();
    settings.pidfile = (dir / (role + "d.pid")).string();
    daemon_ = std::make_unique<daemon::Daemon>(settings);
}

DaemonThread::~DaemonThread() {
    if (running_.valid()) {
        stop();
    }
}

void DaemonThread::run() {
    std::promise<std::uint16_t> port;
    daemon_->on_start([&] { port.set_value(daemon_->port()); });
    running_ = std::async(std::launch::async, [this] { return daemon_->run(); });
    port_ = port.get_future().get();
}

int DaemonThread::stop() {
    asio::post(daemon_->io(), [this] { daemon_->request_stop(); });
    return running_.get();
}

void DaemonThread::on_loop(const std::function<void()>& work) {
    if (!running_.valid()) {
        work();  // not running yet: this thread is the only one
        return;
    }
    std::promise<void> done;
    asio::post(daemon_->io(), [&] {
        work();
        done.set_value();
    });
    done.get_future().get();
}

SchedulerProcess::SchedulerProcess(const std::filesystem::path& dir, SchedulerOptions options)
    : thread_("scheduler", dir) {
    options.seed = options.seed != 0 ? options.seed : 7;
    role_ = std::make_unique<Scheduler>(thread_.daemon(), std::move(options));
}

SchedulerProcess::~SchedulerProcess() {
    if (thread_.running()) {
        thread_.stop();
    }
    role_.reset();
}

void SchedulerProcess::run_part(model::Config shard, std::int64_t part_id) {
    auto moved = std::make_shared<model::Config>(std::move(shard));
    thread_.on_loop([&] {
        PartInfo info;
        info.part_id = part_id;
        info.flavor = "test";
        info.realm = "All";
        role_->run_part(info, std::move(*moved));
    });
}

void SchedulerProcess::run_part_json(std::shared_ptr<const nlohmann::json> objects,
                                     std::int64_t part_id) {
    thread_.on_loop([&] { role_->run_part_json({part_id, "json", "All", "scheduler"}, objects); });
}

void SchedulerProcess::drop_part() {
    thread_.on_loop([&] { role_->drop_part(); });
}

namespace {

net::ClientResponse call(const net::Endpoint& peer, const std::string& method,
                         const std::string& target, const std::string& body) {
    asio::io_context io;
    net::HttpClient client(io, {});
    net::CallOptions options;
    options.timeout = std::chrono::seconds(60);
    return net::run_sync(io, client.request(peer, method, target, body, options));
}

}  // namespace

nlohmann::json SchedulerProcess::get_json(const std::string& target) {
    auto response = get(target);
    if (!response.ok()) {
        throw std::runtime_error(target + " answered " + std::to_string(response.status) + ": " +
                                 response.body);
    }
    return response.json();
}

net::ClientResponse SchedulerProcess::get(const std::string& target) {
    return call(endpoint(), "GET", target, {});
}

net::ClientResponse SchedulerProcess::post(const std::string& target, const std::string& body) {
    return call(endpoint(), "POST", target, body);
}

bool eventually(const std::function<bool()>& predicate, std::chrono::milliseconds bound) {
    auto deadline = std::chrono::steady_clock::now() + bound;
    while (std::chrono::steady_clock::now() < deadline) {
        if (predicate()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return predicate();
}

TempDir::TempDir()
    : path_(std::filesystem::temp_directory_path() / ("yagura-sched-" + core::random_hex_id(6))) {
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace yagura::scheduler::testing
