#include <array>
#include <deque>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sys/ioctl.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <fmt/format.h>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/modules/common/wakeup.hpp>
#include <yagura/modules/graphite/carbon_client.hpp>

namespace yagura::modules::graphite {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// Lines of one send() call: written together, confirmed together.
struct Packet {
    std::string data;
    std::size_t lines = 0;
    std::uint64_t end = 0;  // byte offset on its connection just past it, once written
    double written_at = 0;  // monotonic seconds, once written
};

std::size_t lines_in(const std::deque<Packet>& packets) {
    std::size_t lines = 0;
    for (const auto& packet : packets) {
        lines += packet.lines;
    }
    return lines;
}

double seconds(std::chrono::milliseconds d) {
    return std::chrono::duration<double>(d).count();
}

// Bytes written on the socket that the peer's TCP stack has not acknowledged yet.
std::optional<std::uint64_t> unacknowledged(tcp::socket& socket) {
    int value = 0;
    if (::ioctl(socket.native_handle(), SIOCOUTQ, &value) != 0 || value < 0) {
        return std::nullopt;
    }
    return static_cast<std::uint64_t>(value);
}

}  // namespace

struct CarbonClient::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& context, CarbonSettings carbon_settings)
        : io(context),
          settings(std::move(carbon_settings)),
          data_ready(context),
          stop_requested(context),
          finished(context),
          log(core::logger("graphite")) {}

    asio::awaitable<void> run();
    asio::awaitable<bool> connect();
    asio::awaitable<void> serve();
    void watch_for_close(std::shared_ptr<tcp::socket> socket);
    void broken(const std::string& why);
    void requeue();
    void confirm();
    void enforce_bound();
    void drop_front(std::deque<Packet>& packets);
    std::size_t buffered_lines() const;

    asio::io_context& io;
    CarbonSettings settings;
    std::deque<Packet> unconfirmed;  // written on the current connection, not yet confirmed
    std::deque<Packet> writing;      // being written now
    std::deque<Packet> pending;      // not written yet
    std::size_t bytes = 0;           // of all three
    std::shared_ptr<tcp::socket> socket;
    std::uint64_t written_on_connection = 0;
    bool connection_broken = false;
    bool write_in_flight = false;
    bool stopping = false;
    bool aborted = false;  // the stop's budget ran out
    bool running = false;
    Wakeup data_ready, stop_requested, finished;
    CarbonStats stats;
    LogThrottle drop_log;
    std::shared_ptr<spdlog::logger> log;
};

std::size_t CarbonClient::Impl::buffered_lines() const {
    return lines_in(unconfirmed) + lines_in(writing) + lines_in(pending);
}

void CarbonClient::Impl::drop_front(std::deque<Packet>& packets) {
    bytes -= packets.front().data.size();
    stats.lines_dropped += packets.front().lines;
    packets.pop_front();
}

// Over the bound, the oldest lines go first: unconfirmed ones (most likely delivered already),
// then the oldest waiting ones. Lines being written are never touched.
void CarbonClient::Impl::enforce_bound() {
    auto dropped_before = stats.lines_dropped;
    while (bytes > settings.max_buffer_bytes && !(unconfirmed.empty() && pending.empty())) {
        drop_front(unconfirmed.empty() ? pending : unconfirmed);
    }
    if (stats.lines_dropped != dropped_before && drop_log.allow(core::monotonic_seconds())) {
        log->warn(
            "{}: buffer full ({} bytes) while carbon {}:{} is {}: oldest lines dropped "
            "({} so far)",
            settings.name, settings.max_buffer_bytes, settings.host, settings.port,
            stats.connected ? "slow" : "unreachable", stats.lines_dropped);
    }
}

void CarbonClient::Impl::confirm() {
    if (!socket || unconfirmed.empty()) {
        return;
    }
    // Without SIOCOUTQ, time alone decides.
    auto outq = unacknowledged(*socket).value_or(0);
    auto acknowledged = written_on_connection - std::min(outq, written_on_connection);
    double horizon = core::monotonic_seconds() - seconds(settings.resend_window);
    while (!unconfirmed.empty() && unconfirmed.front().end <= acknowledged &&
           unconfirmed.front().written_at <= horizon) {
        bytes -= unconfirmed.front().data.size();
        stats.lines_confirmed += unconfirmed.front().lines;
        unconfirmed.pop_front();
    }
}

// The connection is gone. Closing the socket ends a write in flight, and serve() puts the
// lines of that write back itself once the write has let go of them.
void CarbonClient::Impl::broken(const std::string& why) {
    if (connection_broken) {
        return;
    }
    connection_broken = true;
    ++stats.disconnects;
    stats.connected = false;
    stats.last_error = why;
    if (socket) {
        boost::system::error_code ignored;
        socket->close(ignored);
    }
    if (!write_in_flight) {
        requeue();
    }
    data_ready.notify();
}

// What may not have reached carbon goes back to the front of the queue, in order.
void CarbonClient::Impl::requeue() {
    std::size_t again = lines_in(unconfirmed) + lines_in(writing);
    for (auto* queue : {&writing, &unconfirmed}) {
        for (auto it = queue->rbegin(); it != queue->rend(); ++it) {
            pending.push_front(std::move(*it));
        }
        queue->clear();
    }
    stats.lines_resent += again;
    log->warn("{}: connection to carbon {}:{} lost ({}); {} recent lines will be written again",
              settings.name, settings.host, settings.port, stats.last_error, again);
}

// Carbon never writes to us: a completed read means it closed the connection (or reset it).
void CarbonClient::Impl::watch_for_close(std::shared_ptr<tcp::socket> watched) {
    asio::co_spawn(
        io,
        [self = shared_from_this(), watched]() -> asio::awaitable<void> {
            std::array<char, 512> scratch;
            for (;;) {
                auto [ec, n] = co_await watched->async_read_some(asio::buffer(scratch), use_tuple);
                if (self->socket != watched) {
                    co_return;  // an older connection
                }
                if (ec) {
                    self->broken(ec == asio::error::eof ? "closed by carbon" : ec.message());
                    co_return;
                }
            }
        },
        asio::detached);
}

asio::awaitable<bool> CarbonClient::Impl::connect() {
    tcp::resolver resolver(io);
    auto [resolve_ec, results] =
        co_await resolver.async_resolve(settings.host, std::to_string(settings.port), use_tuple);
    if (resolve_ec) {
        stats.last_error = "cannot resolve " + settings.host + ": " + resolve_ec.message();
        co_return false;
    }
    auto candidate = std::make_shared<tcp::socket>(io);
    socket = candidate;  // so that stop() can close it while connecting
    asio::steady_timer deadline(io);
    deadline.expires_after(settings.connect_timeout);
    deadline.async_wait([candidate](boost::system::error_code ec) {
        if (!ec) {
            boost::system::error_code ignored;
            candidate->close(ignored);
        }
    });
    auto [connect_ec, endpoint] = co_await asio::async_connect(*candidate, results, use_tuple);
    deadline.cancel();
    if (connect_ec || !candidate->is_open()) {
        stats.last_error = "cannot connect to " + settings.host + ":" +
                           std::to_string(settings.port) + ": " +
                           (connect_ec ? connect_ec.message() : std::string("timed out"));
        socket.reset();
        co_return false;
    }
    // A peer that vanishes without closing (cable, firewall) fails writes after 30 s instead
    // of TCP's many minutes, and what it never acknowledged is written again.
    unsigned int user_timeout_ms = 30'000;
    ::setsockopt(candidate->native_handle(), IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout_ms,
                 sizeof user_timeout_ms);
    written_on_connection = 0;
    connection_broken = false;
    stats.connected = true;
    ++stats.connects;
    watch_for_close(candidate);
    co_return true;
}

// Writes while the connection holds; returns when it broke or, when stopping, once drained.
asio::awaitable<void> CarbonClient::Impl::serve() {
    auto current = socket;
    while (!connection_broken && !aborted) {
        confirm();
        if (pending.empty()) {
            if (stopping) {
                co_return;  // everything written; unconfirmed lines are carbon's now
            }
            co_await data_ready.wait_until(SteadyClock::now() + std::chrono::seconds(1));
            continue;
        }
        std::vector<asio::const_buffer> buffers;
        std::size_t total = 0;
        while (!pending.empty() && (writing.empty() || total + pending.front().data.size() <=
                                                           settings.max_write_bytes)) {
            total += pending.front().data.size();
            writing.push_back(std::move(pending.front()));
            pending.pop_front();
        }
        for (const auto& packet : writing) {
            buffers.emplace_back(asio::buffer(packet.data));
        }
        write_in_flight = true;
        auto [ec, written] = co_await asio::async_write(*current, buffers, use_tuple);
        if (ec || connection_broken) {
            broken(ec ? ec.message() : "closed by carbon");  // leaves the requeue to us
            write_in_flight = false;
            requeue();
            co_return;
        }
        write_in_flight = false;
        double now = core::monotonic_seconds();
        for (auto& packet : writing) {
            written_on_connection += packet.data.size();
            packet.end = written_on_connection;
            packet.written_at = now;
            stats.lines_written += packet.lines;
            unconfirmed.push_back(std::move(packet));
        }
        writing.clear();
    }
}

asio::awaitable<void> CarbonClient::Impl::run() {
    auto self = shared_from_this();
    auto backoff = settings.reconnect_min;
    bool reported = false;
    while (!aborted) {
        if (stopping && pending.empty() && !socket) {
            break;
        }
        if (!co_await connect()) {
            ++stats.connect_failures;
            if (stopping) {
                break;
            }
            if (!reported) {
                log->warn("{}: {}; keeping up to {} bytes of lines and retrying", settings.name,
                          stats.last_error, settings.max_buffer_bytes);
                reported = true;
            }
            co_await stop_requested.wait_until(SteadyClock::now() + backoff);
            backoff = std::min(backoff * 2, settings.reconnect_max);
            continue;
        }
        log->info("{}: connected to carbon {}:{}{}", settings.name, settings.host, settings.port,
                  pending.empty() ? "" : fmt::format(" ({} lines waiting)", buffered_lines()));
        reported = false;
        backoff = settings.reconnect_min;
        co_await serve();
        if (stopping) {
            break;
        }
    }
    if (socket) {
        boost::system::error_code ignored;
        socket->close(ignored);
        socket.reset();
    }
    running = false;
    finished.notify();
}

CarbonClient::CarbonClient(asio::io_context& io, CarbonSettings settings)
    : impl_(std::make_shared<Impl>(io, std::move(settings))) {}

CarbonClient::~CarbonClient() {
    impl_->stopping = true;
    impl_->aborted = true;
    if (impl_->socket) {
        boost::system::error_code ignored;
        impl_->socket->close(ignored);
    }
    impl_->data_ready.notify();
    impl_->stop_requested.notify();
}

void CarbonClient::start() {
    if (impl_->running || impl_->stopping) {
        return;
    }
    impl_->running = true;
    asio::co_spawn(
        impl_->io, [self = impl_] { return self->run(); }, asio::detached);
}

void CarbonClient::send(std::string lines, std::size_t count) {
    auto& impl = *impl_;
    if (lines.empty()) {
        return;
    }
    impl.bytes += lines.size();
    impl.stats.lines_queued += count;
    impl.pending.push_back({std::move(lines), count});
    impl.enforce_bound();
    impl.data_ready.notify();
}

asio::awaitable<void> CarbonClient::stop(std::chrono::milliseconds budget) {
    auto self = impl_;
    auto& impl = *self;
    impl.stopping = true;
    impl.data_ready.notify();
    impl.stop_requested.notify();
    if (impl.running) {
        co_await impl.finished.wait_until(SteadyClock::now() + budget);
    }
    if (impl.running) {
        impl.aborted = true;
        if (impl.socket) {
            boost::system::error_code ignored;
            impl.socket->close(ignored);
        }
        impl.data_ready.notify();
    }
    // Unconfirmed lines were written: they are carbon's unless it drops them itself.
    auto lost = lines_in(impl.pending) + lines_in(impl.writing);
    if (lost > 0) {
        impl.log->warn("{}: stopping with {} lines not written to carbon {}:{}", impl.settings.name,
                       lost, impl.settings.host, impl.settings.port);
    }
}

CarbonStats CarbonClient::stats() const {
    CarbonStats stats = impl_->stats;
    stats.buffered_lines = impl_->buffered_lines();
    stats.buffered_bytes = impl_->bytes;
    return stats;
}

const CarbonSettings& CarbonClient::settings() const {
    return impl_->settings;
}

}  // namespace yagura::modules::graphite
