#include <algorithm>
#include <set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/async_event.hpp>
#include <yagura/daemon/command_router.hpp>
#include <yagura/engine/external_commands.hpp>
#include <yagura/net/metrics.hpp>

#include "command_router_impl.hpp"

namespace yagura::daemon {

namespace asio = boost::asio;
using nlohmann::json;

json SubmitOutcome::to_json() const {
    json refused = json::array();
    for (const auto& r : rejected) {
        refused.push_back({{"command", r.command}, {"error", r.error}, {"index", r.index}});
    }
    return {{"accepted", accepted}, {"rejected", std::move(refused)}};
}

CommandRouter::Impl::Impl(asio::io_context& io_context, CommandRouterOptions opts)
    : io(io_context), options(std::move(opts)), log(core::logger(options.owner)) {
    load_spools();
}

// Queues a previous run left on disk are picked up at once: their lines were acknowledged to
// senders and must still be delivered once the arbiter says where their part runs now.
void CommandRouter::Impl::load_spools() {
    if (options.spool_dir.empty()) {
        return;
    }
    std::error_code ec;
    std::filesystem::create_directories(options.spool_dir, ec);
    for (const auto& entry : std::filesystem::directory_iterator(options.spool_dir, ec)) {
        const auto name = entry.path().filename().string();
        if (!core::starts_with(name, "part-") || !core::ends_with(name, ".spool")) {
            continue;
        }
        auto id = core::parse_int(name.substr(5, name.size() - 11));
        if (!id) {
            continue;
        }
        auto& part = part_queue(*id);
        if (!part.spool.empty()) {
            log->info("{} commands for part {} left from the previous run are queued",
                      part.spool.size(), *id);
        }
    }
}

CommandRouter::Impl::Part& CommandRouter::Impl::part_queue(std::int64_t part_id) {
    auto it = parts.find(part_id);
    if (it != parts.end()) {
        return *it->second;
    }
    std::filesystem::path path;
    if (!options.spool_dir.empty()) {
        path = options.spool_dir / fmt::format("part-{}.spool", part_id);
    }
    auto part = std::make_shared<Part>(part_id, path, options.limits, io);
    parts.emplace(part_id, part);
    return *part;
}

std::set<std::int64_t> CommandRouter::Impl::known_parts() const {
    std::set<std::int64_t> ids;
    for (const auto& t : routes.targets) {
        ids.insert(t.part_id);
    }
    for (const auto& [host, id] : routes.host_parts) {
        ids.insert(id);
    }
    return ids;
}

void CommandRouter::Impl::set_routes(CommandRoutes next) {
    routes = std::move(next);
    has_routes = true;
    const auto ids = known_parts();
    for (auto& [id, part] : parts) {
        part->target.reset();
    }
    for (const auto& t : routes.targets) {
        auto& part = part_queue(t.part_id);
        if (!part.target || part.target->endpoint.key() != t.endpoint.key()) {
            log->info("commands for part {} go to scheduler {} at {}", t.part_id, t.name,
                      t.endpoint.key());
        }
        part.target = t;
    }
    for (auto& [id, part] : parts) {
        if (!ids.contains(id) && !part->spool.empty()) {
            reroute(*part);
        }
        start_sender(part);
        part->wake.notify_all();
    }
}

// A part that no longer exists: its per-host lines go to the part now owning their host,
// its copies of global commands are dropped (every other part has its own copy).
void CommandRouter::Impl::reroute(Part& part) {
    auto lines = part.spool.take_all();
    std::map<std::int64_t, std::vector<std::string>> moved;
    std::size_t dropped = 0;
    for (auto& line : lines) {
        auto parse = engine::parse_external_command(line);
        auto host = parse.command ? core::trim(parse.command->host_name()) : std::string_view{};
        auto it =
            host.empty() ? routes.host_parts.end() : routes.host_parts.find(std::string(host));
        if (it == routes.host_parts.end()) {
            ++dropped;
            continue;
        }
        moved[it->second].push_back(std::move(line));
    }
    for (auto& [id, batch] : moved) {
        try {
            part_queue(id).spool.push(batch);
        } catch (const core::Error& e) {
            log->error("part {} is gone and its {} commands cannot move to part {}: {}",
                       part.part_id, batch.size(), id, e.what());
            dropped += batch.size();
        }
    }
    part.dropped += dropped;
    log->warn(
        "part {} is no longer configured: {} queued commands moved to the parts owning "
        "their hosts, {} dropped (global commands or hosts nobody owns)",
        part.part_id, lines.size() - dropped, dropped);
}

std::optional<std::string> CommandRouter::Impl::route(const engine::ParsedCommand& command,
                                                      const std::set<std::int64_t>& all,
                                                      std::vector<std::int64_t>& out) const {
    if (command.spec->global) {
        if (all.empty()) {
            return std::string("no scheduler part is configured to run it");
        }
        out.assign(all.begin(), all.end());
        return std::nullopt;
    }
    const auto host = std::string(core::trim(command.host_name()));
    if (auto it = routes.host_parts.find(host); it != routes.host_parts.end()) {
        out.assign(1, it->second);
        return std::nullopt;
    }
    const bool check_result = command.spec->name == "PROCESS_SERVICE_CHECK_RESULT" ||
                              command.spec->name == "PROCESS_HOST_CHECK_RESULT";
    if (check_result && options.accept_unknown_check_results && !all.empty()) {
        out.assign(1, *all.begin());
        return std::nullopt;
    }
    return fmt::format("unknown host '{}': no scheduler manages it", host);
}

SubmitOutcome CommandRouter::Impl::submit(std::span<const std::string> lines, double now) {
    if (!has_routes) {
        core::throw_error(core::ErrorKind::unavailable,
                          "no configuration from the arbiter yet: commands cannot be routed; "
                          "retry later");
    }
    SubmitOutcome outcome;
    const auto all = known_parts();
    std::map<std::int64_t, std::vector<std::string>> batches;
    std::vector<std::int64_t> destinations;
    std::size_t unknown = 0;
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const auto& line = lines[index];
        auto parse = engine::parse_external_command(line);
        if (!parse.command) {
            outcome.rejected.push_back({index, line, parse.error});
            continue;
        }
        if (auto error = route(*parse.command, all, destinations)) {
            outcome.rejected.push_back({index, line, *error});
            continue;
        }
        if (!routes.host_parts.contains(std::string(core::trim(parse.command->host_name()))) &&
            !parse.command->spec->global) {
            ++unknown;
        }
        // Stamped here, not at delivery: a result buffered for an hour keeps its own time.
        std::string stamped =
            parse.command->timestamp > 0
                ? std::string(core::trim(line))
                : fmt::format("[{}] {}", static_cast<long long>(now), core::trim(line));
        for (auto id : destinations) {
            batches[id].push_back(stamped);
        }
    }
    if (!outcome.rejected.empty()) {
        rejected_lines += outcome.rejected.size();
        return outcome;
    }
    for (auto& [id, batch] : batches) {
        std::uint64_t bytes = 0;
        for (const auto& l : batch) {
            bytes += l.size() + 1;
        }
        if (!part_queue(id).spool.fits(bytes)) {
            core::throw_error(core::ErrorKind::unavailable,
                              fmt::format("the queue of part {} is full ({} commands waiting); "
                                          "retry later",
                                          id, part_queue(id).spool.size()));
        }
    }
    for (auto& [id, batch] : batches) {
        auto& part = part_queue(id);
        part.spool.push(batch);
        part.wake.notify_all();
    }
    unknown_forwarded += unknown;
    outcome.accepted = lines.size();
    accepted_lines += lines.size();
    return outcome;
}

CommandRouter::CommandRouter(asio::io_context& io, CommandRouterOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {}

CommandRouter::~CommandRouter() {
    impl_->stopping = true;
    for (auto& [id, part] : impl_->parts) {
        part->wake.close();
    }
}

void CommandRouter::set_routes(CommandRoutes routes) {
    impl_->set_routes(std::move(routes));
}

void CommandRouter::accept_unknown_check_results(bool accept) {
    impl_->options.accept_unknown_check_results = accept;
}

void CommandRouter::clear_routes() {
    impl_->routes = {};
    impl_->has_routes = false;
    for (auto& [id, part] : impl_->parts) {
        part->target.reset();
    }
}

bool CommandRouter::has_routes() const {
    return impl_->has_routes;
}

SubmitOutcome CommandRouter::submit(std::span<const std::string> lines, double now) {
    return impl_->submit(lines, now);
}

std::size_t CommandRouter::queued() const {
    std::size_t n = 0;
    for (const auto& [id, part] : impl_->parts) {
        n += part->spool.size();
    }
    return n;
}

}  // namespace yagura::daemon
