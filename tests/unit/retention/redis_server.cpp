#include "redis_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <random>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <hiredis/hiredis.h>

extern char** environ;

namespace yagura::testing {

namespace {

struct ContextDeleter {
    void operator()(redisContext* context) const { redisFree(context); }
};
struct ReplyDeleter {
    void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using Context = std::unique_ptr<redisContext, ContextDeleter>;
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

Reply run(redisContext* context, const std::vector<std::string_view>& arguments) {
    std::vector<const char*> pointers;
    std::vector<std::size_t> lengths;
    for (auto argument : arguments) {
        pointers.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    auto* raw = redisCommandArgv(context, static_cast<int>(arguments.size()), pointers.data(),
                                 lengths.data());
    if (raw == nullptr) {
        throw std::runtime_error(std::string("redis: ") + context->errstr);
    }
    Reply reply(static_cast<redisReply*>(raw));
    if (reply->type == REDIS_REPLY_ERROR) {
        throw std::runtime_error("redis: " + std::string(reply->str, reply->len));
    }
    return reply;
}

Context connect(int port, const std::string& password, int db) {
    timeval timeout{1, 0};
    Context context(redisConnectWithTimeout("127.0.0.1", port, timeout));
    if (!context || context->err != 0) {
        throw std::runtime_error("redis: cannot connect to port " + std::to_string(port));
    }
    redisSetTimeout(context.get(), timeout);
    if (!password.empty()) {
        run(context.get(), {"AUTH", password});
    }
    if (db != 0) {
        run(context.get(), {"SELECT", std::to_string(db)});
    }
    return context;
}

std::filesystem::path make_temp_directory() {
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto path =
            std::filesystem::temp_directory_path() / ("yagura-redis-" + std::to_string(::getpid()) +
                                                      "-" + std::to_string(random() % 1000000));
        if (std::filesystem::create_directory(path)) {
            return path;
        }
    }
    throw std::runtime_error("cannot create a temporary directory for redis-server");
}

}  // namespace

int free_tcp_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        throw std::runtime_error("socket() failed");
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot bind 127.0.0.1:0");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

RedisServer::RedisServer(Options options)
    : options_(std::move(options)), directory_(make_temp_directory()) {
    // Another process may take the port between our probe and redis-server's bind: try again
    // with a fresh one.
    for (int attempt = 0; attempt < 5; ++attempt) {
        port_ = free_tcp_port();
        spawn();
        if (wait_ready()) {
            return;
        }
        kill();
    }
    auto text = log();
    std::filesystem::remove_all(directory_);
    throw std::runtime_error("redis-server did not start; its log:\n" + text);
}

RedisServer::~RedisServer() {
    kill();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

void RedisServer::spawn() {
    std::vector<std::string> arguments = {options_.executable,
                                          "--port",
                                          std::to_string(port_),
                                          "--bind",
                                          "127.0.0.1",
                                          "--dir",
                                          directory_.string(),
                                          "--save",
                                          "",
                                          "--appendonly",
                                          "no",
                                          "--daemonize",
                                          "no",
                                          "--logfile",
                                          (directory_ / "redis.log").string()};
    if (!options_.password.empty()) {
        arguments.insert(arguments.end(), {"--requirepass", options_.password});
    }
    std::vector<char*> argv;
    for (auto& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    int error = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        throw std::runtime_error("cannot start " + options_.executable);
    }
    pid_ = pid;
}

bool RedisServer::wait_ready() {
    auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;  // it exited: the port was taken, or a bad option
            return false;
        }
        try {
            auto context = connect(port_, options_.password, 0);
            run(context.get(), {"PING"});
            return true;
        } catch (const std::runtime_error&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    return false;
}

void RedisServer::kill() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
}

void RedisServer::start() {
    if (running()) {
        return;
    }
    spawn();
    if (!wait_ready()) {
        kill();
        throw std::runtime_error("redis-server did not restart on port " + std::to_string(port_) +
                                 "; its log:\n" + log());
    }
}

std::string RedisServer::log() const {
    std::ifstream in(directory_ / "redis.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::optional<std::string> RedisServer::command(std::initializer_list<std::string_view> arguments,
                                                int db) const {
    auto context = connect(port_, options_.password, db);
    auto reply = run(context.get(), std::vector<std::string_view>(arguments));
    switch (reply->type) {
        case REDIS_REPLY_NIL:
            return std::nullopt;
        case REDIS_REPLY_INTEGER:
            return std::to_string(reply->integer);
        case REDIS_REPLY_STRING:
        case REDIS_REPLY_STATUS:
            return std::string(reply->str, reply->len);
        default:
            throw std::runtime_error("redis: unexpected reply type");
    }
}

}  // namespace yagura::testing
