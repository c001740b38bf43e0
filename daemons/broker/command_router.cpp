#include "broker/command_router.hpp"

#include <algorithm>
#include <set>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/modules/common/wakeup.hpp>
#include <yagura/net/client.hpp>

namespace yagura::broker {

namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;

namespace {

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

bool spans_parts(const std::string& name) {
    return name.find("HOSTGROUP") != std::string::npos ||
           name.find("SERVICEGROUP") != std::string::npos ||
           name.find("CONTACT") != std::string::npos;
}

// The parts holding a downtime (or comment) id: ids are unique within a part only.
template <class Record>
std::vector<int> parts_with_id(
    const livestatus::Core& state, std::int64_t id,
    void (livestatus::Core::*for_each)(const livestatus::Visitor<Record>&) const) {
    std::set<int> parts;
    (state.*for_each)([&](const Record& record) {
        if (record.id == id) {
            if (const auto* host = state.find_host(record.host_name)) {
                parts.insert(host->instance_id);
            }
        }
        return true;
    });
    return {parts.begin(), parts.end()};
}

}  // namespace

CommandRoute route_command(const livestatus::ExternalCommand& command,
                           const livestatus::Core& state) {
    auto name = upper(command.name);
    std::string_view arguments = command.arguments;
    auto first = std::string(core::trim(arguments.substr(0, arguments.find(';'))));
    if (spans_parts(name)) {
        return {true, {}, "a group or contact command"};
    }
    if (first.empty()) {
        return {true, {}, "a global command"};
    }
    bool downtime = name == "DEL_HOST_DOWNTIME" || name == "DEL_SVC_DOWNTIME";
    bool comment = name == "DEL_HOST_COMMENT" || name == "DEL_SVC_COMMENT";
    if (downtime || comment) {
        auto id = core::parse_int(first);
        std::vector<int> parts;
        if (id && downtime) {
            parts = parts_with_id<livestatus::Downtime>(state, *id,
                                                        &livestatus::Core::for_each_downtime);
        } else if (id) {
            parts =
                parts_with_id<livestatus::Comment>(state, *id, &livestatus::Core::for_each_comment);
        }
        if (parts.empty()) {
            return {
                true,
                {},
                fmt::format("no part knows {} id {}", downtime ? "downtime" : "comment", first)};
        }
        return {false, parts,
                fmt::format("{} id {} is in part(s) {}", downtime ? "downtime" : "comment", first,
                            fmt::join(parts, ","))};
    }
    if (const auto* host = state.find_host(first)) {
        return {false,
                {host->instance_id},
                fmt::format("host {} is in part {}", first, host->instance_id)};
    }
    return {true, {}, fmt::format("'{}' is not a host this broker knows", first)};
}

// --- forwarding ---

struct CommandForwarder::Impl : std::enable_shared_from_this<Impl> {
    struct Item {
        std::string line;
        double queued_at = 0;  // monotonic seconds
    };
    struct Queue {
        SchedulerEndpoint to;
        std::deque<Item> items;
        bool sending = false;
    };

    Impl(asio::io_context& context, ClientFor chooser, ForwarderSettings forwarder_settings)
        : io(context),
          client_for(std::move(chooser)),
          settings(forwarder_settings),
          wake(context),
          log(core::logger("broker")) {}

    asio::awaitable<void> deliver(std::string key);
    asio::awaitable<bool> post_batch(Queue& queue, std::size_t count);
    void drop_expired(Queue& queue);

    asio::io_context& io;
    ClientFor client_for;
    ForwarderSettings settings;
    std::map<std::string, Queue> queues;  // by connection key
    modules::Wakeup wake;                 // retry pauses, cut short by stop()
    bool stopping = false;
    ForwarderStats stats;
    std::shared_ptr<spdlog::logger> log;
};

void CommandForwarder::Impl::drop_expired(Queue& queue) {
    double horizon =
        core::monotonic_seconds() - std::chrono::duration<double>(settings.max_age).count();
    while (!queue.items.empty() && (stopping || queue.items.front().queued_at < horizon)) {
        ++stats.dropped;
        log->error("broker: command not delivered to {}, dropped: {}", queue.to.describe(),
                   queue.items.front().line);
        queue.items.pop_front();
    }
}

asio::awaitable<bool> CommandForwarder::Impl::post_batch(Queue& queue, std::size_t count) {
    auto lines = nlohmann::json::array();
    for (std::size_t i = 0; i < count; ++i) {
        lines.push_back(queue.items[i].line);
    }
    nlohmann::json body = {{"commands", lines}};
    auto to = queue.to;
    try {
        auto answer = co_await client_for(to).post_json(
            to.endpoint(), "/run_external_commands", body,
            {.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(to.timeout * 1000))});
        stats.sent += count;
        auto rejected = answer.is_object() ? answer.value("rejected", nlohmann::json::array())
                                           : nlohmann::json::array();
        stats.rejected += rejected.size();
        stats.accepted += count - std::min<std::size_t>(count, rejected.size());
        for (const auto& r : rejected) {
            log->warn("broker: {} rejected {}: {}", to.describe(), r.value("command", "?"),
                      r.value("error", "?"));
        }
        co_return true;
    } catch (const std::exception& e) {
        ++stats.failures;
        log->warn("broker: cannot send {} command(s) to {}: {}", count, to.describe(), e.what());
        co_return false;
    }
}

asio::awaitable<void> CommandForwarder::Impl::deliver(std::string key) {
    auto self = shared_from_this();
    for (;;) {
        auto it = queues.find(key);
        if (it == queues.end()) {
            co_return;
        }
        auto& queue = it->second;
        if (queue.items.empty()) {
            queue.sending = false;
            co_return;
        }
        auto count = std::min(queue.items.size(), settings.batch);
        if (co_await post_batch(queue, count)) {
            auto& after = queues.at(key);  // map nodes are stable; the entry is never erased
            after.items.erase(after.items.begin(),
                              after.items.begin() + static_cast<std::ptrdiff_t>(count));
            continue;
        }
        drop_expired(queues.at(key));
        if (stopping) {
            continue;  // dropped above; loops once more to finish
        }
        co_await wake.wait_until(SteadyClock::now() + settings.retry);
    }
}

CommandForwarder::CommandForwarder(asio::io_context& io, ClientFor client_for,
                                   ForwarderSettings settings)
    : impl_(std::make_shared<Impl>(io, std::move(client_for), settings)) {}

CommandForwarder::~CommandForwarder() {
    impl_->stopping = true;
    impl_->wake.notify();
}

void CommandForwarder::send(const SchedulerEndpoint& to, std::string line) {
    auto& impl = *impl_;
    auto key = to.connection_key();
    auto& queue = impl.queues[key];
    queue.to = to;
    if (impl.stopping || queue.items.size() >= impl.settings.max_pending) {
        ++impl.stats.dropped;
        impl.log->error("broker: too many commands waiting for {}; dropped: {}", to.describe(),
                        line);
        return;
    }
    queue.items.push_back({std::move(line), core::monotonic_seconds()});
    if (!queue.sending) {
        queue.sending = true;
        asio::co_spawn(
            impl.io, [self = impl_, key] { return self->deliver(key); }, asio::detached);
    }
}

asio::awaitable<void> CommandForwarder::stop(std::chrono::milliseconds bound) {
    auto self = impl_;
    auto deadline = SteadyClock::now() + bound;
    // Let deliveries in progress finish within the bound, then give up on the rest.
    while (SteadyClock::now() < deadline &&
           std::any_of(self->queues.begin(), self->queues.end(),
                       [](const auto& q) { return !q.second.items.empty(); })) {
        asio::steady_timer pause(self->io);
        pause.expires_after(std::chrono::milliseconds(20));
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    self->stopping = true;
    self->wake.notify();
    for (auto& [key, queue] : self->queues) {
        if (!queue.sending) {
            self->drop_expired(queue);  // a delivery in flight drops its own rest when it ends
        }
    }
}

ForwarderStats CommandForwarder::stats() const {
    auto s = impl_->stats;
    for (const auto& [key, queue] : impl_->queues) {
        s.pending += queue.items.size();
    }
    return s;
}

nlohmann::json CommandForwarder::stats_json() const {
    auto s = stats();
    return {{"sent", s.sent},       {"accepted", s.accepted}, {"rejected", s.rejected},
            {"dropped", s.dropped}, {"failures", s.failures}, {"pending", s.pending}};
}

CommandRouter::CommandRouter(const livestatus::Core& state, CommandForwarder& forwarder,
                             Resolve resolve)
    : state_(state), forwarder_(forwarder), resolve_(std::move(resolve)) {}

void CommandRouter::submit(const livestatus::ExternalCommand& command) {
    auto route = route_command(command, state_);
    auto schedulers = resolve_(route);
    auto log = core::logger("broker");
    if (schedulers.empty()) {
        ++unroutable_;
        log->warn("broker: no scheduler to send {} to ({})", command.line(), route.reason);
        return;
    }
    for (const auto& scheduler : schedulers) {
        log->info("broker: COMMAND {} -> {} ({})", command.line(), scheduler.describe(),
                  route.reason);
        forwarder_.send(scheduler, command.line());
    }
}

}  // namespace yagura::broker
