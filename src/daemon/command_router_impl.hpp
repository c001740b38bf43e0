#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <spdlog/logger.h>

#include <yagura/daemon/async_event.hpp>
#include <yagura/daemon/command_router.hpp>
#include <yagura/engine/external_commands.hpp>
#include <yagura/net/client.hpp>

namespace yagura::daemon {

struct CommandRouter::Impl : std::enable_shared_from_this<CommandRouter::Impl> {
    // The queue of one part and the loop delivering it to the part's scheduler.
    struct Part {
        Part(std::int64_t id, const std::filesystem::path& path, SpoolLimits limits,
             boost::asio::io_context& io)
            : part_id(id), spool(path, limits), wake(io) {}
        std::int64_t part_id;
        CommandSpool spool;
        AsyncEvent wake;  // new lines, a new target, stopping
        std::optional<CommandTarget> target;
        bool sending = false;  // the delivery loop runs
        bool reachable = false;
        int failures = 0;  // in a row
        std::uint64_t delivered = 0;
        std::uint64_t refused_by_scheduler = 0;
        std::uint64_t dropped = 0;
        std::uint64_t posts = 0;
        std::uint64_t failed_posts = 0;
        std::string last_error;
    };

    Impl(boost::asio::io_context& io, CommandRouterOptions options);

    void load_spools();
    Part& part_queue(std::int64_t part_id);
    std::set<std::int64_t> known_parts() const;
    void set_routes(CommandRoutes next);
    void reroute(Part& part);
    // The parts a command goes to, or why it cannot go anywhere.
    std::optional<std::string> route(const engine::ParsedCommand& command,
                                     const std::set<std::int64_t>& all,
                                     std::vector<std::int64_t>& out) const;
    SubmitOutcome submit(std::span<const std::string> lines, double now);

    // Delivery (command_router_send.cpp).
    void start_sender(const std::shared_ptr<Part>& part);
    boost::asio::awaitable<void> deliver(std::shared_ptr<Part> part);
    boost::asio::awaitable<bool> post_batch(Part& part, const CommandTarget& target,
                                            const std::vector<std::string>& batch);
    net::HttpClient& client_for(bool use_ssl);
    std::chrono::milliseconds backoff(int failures) const;

    boost::asio::io_context& io;
    CommandRouterOptions options;
    std::shared_ptr<spdlog::logger> log;
    CommandRoutes routes;
    bool has_routes = false;
    bool stopping = false;
    std::map<std::int64_t, std::shared_ptr<Part>> parts;
    std::unique_ptr<net::HttpClient> plain_client;
    std::unique_ptr<net::HttpClient> tls_client;
    std::uint64_t accepted_lines = 0;
    std::uint64_t rejected_lines = 0;
    std::uint64_t unknown_forwarded = 0;
};

}  // namespace yagura::daemon
