#include <filesystem>
#include <list>
#include <set>
#include <sys/stat.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/modules/livestatus/server.hpp>

namespace yagura::modules::livestatus {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using namespace asio::experimental::awaitable_operators;
using Clock = std::chrono::steady_clock;

namespace {

// One request ends with an empty line; a client that closes its sending side ends it too.
std::size_t request_end(const std::string& buffer) {
    auto end = buffer.find("\n\n");
    return end == std::string::npos ? std::string::npos : end + 2;
}

}  // namespace

struct Server::Impl : std::enable_shared_from_this<Impl> {
    Impl(asio::io_context& io_in, const Livestatus& livestatus_in, ServerSettings settings_in)
        : io(io_in),
          livestatus(livestatus_in),
          settings(std::move(settings_in)),
          tcp(io),
          local(io) {}

    asio::io_context& io;
    const Livestatus& livestatus;
    ServerSettings settings;
    asio::ip::tcp::acceptor tcp;
    asio::local::stream_protocol::acceptor local;
    bool running = false;
    ServerStats counters;
    std::set<std::function<void()>*> closers;  // closes each open connection on stop()

    struct Waiter {
        Trigger trigger;
        asio::steady_timer* timer;
    };
    std::list<Waiter> waiters;

    template <class Acceptor>
    awaitable<void> accept_loop(Acceptor& acceptor);
    template <class Socket>
    awaitable<void> serve(Socket socket);
    template <class Socket>
    awaitable<bool> read_request(Socket& socket, std::string& buffer, std::string& request);
    awaitable<void> wait_for(const Request& request);

    void notify(Trigger trigger) {
        for (auto& waiter : waiters) {
            if (trigger == Trigger::all || waiter.trigger == Trigger::all ||
                waiter.trigger == trigger) {
                waiter.timer->cancel();
            }
        }
    }
};

template <class Acceptor>
awaitable<void> Server::Impl::accept_loop(Acceptor& acceptor) {
    auto self = shared_from_this();
    while (running) {
        boost::system::error_code error;
        auto socket = co_await acceptor.async_accept(asio::redirect_error(use_awaitable, error));
        if (error) {
            if (!running || error == asio::error::operation_aborted) {
                co_return;
            }
            core::logger("livestatus")->warn("accept failed: {}", error.message());
            continue;
        }
        if (counters.connections_open >= settings.max_connections) {
            ++counters.connections_refused;
            core::logger("livestatus")
                ->warn("connection refused: {} connections open (max_connections)",
                       counters.connections_open);
            continue;  // the socket closes as it goes out of scope
        }
        ++counters.connections_accepted;
        asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
}

// Reads until a complete request is in buffer (moved to request) or the client closed.
// Returns false when the connection should end without an answer.
template <class Socket>
awaitable<bool> Server::Impl::read_request(Socket& socket, std::string& buffer,
                                           std::string& request) {
    asio::steady_timer idle(io);
    while (true) {
        auto end = request_end(buffer);
        if (end != std::string::npos) {
            request = buffer.substr(0, end - 2);
            buffer.erase(0, end);
            co_return true;
        }
        if (buffer.size() > settings.max_request_bytes) {
            request.clear();
            buffer.clear();
            co_return true;  // answered with 413 by the caller
        }
        char chunk[8192];
        idle.expires_after(settings.idle_timeout);
        // Separate error codes: the losing operation completes too (cancelled) and must not
        // overwrite the winner's.
        boost::system::error_code error, timer_error;
        auto result =
            co_await (socket.async_read_some(asio::buffer(chunk),
                                             asio::redirect_error(use_awaitable, error)) ||
                      idle.async_wait(asio::redirect_error(use_awaitable, timer_error)));
        if (result.index() == 1) {
            co_return false;  // idle too long
        }
        auto bytes = std::get<0>(result);
        if (error || bytes == 0) {
            // The client closed its side: what it sent so far is its last request.
            auto text = buffer;
            while (!text.empty() && text.back() == '\n') {
                text.pop_back();
            }
            if (text.empty()) {
                co_return false;
            }
            request = std::move(text);
            buffer.clear();
            co_return true;
        }
        buffer.append(chunk, bytes);
    }
}

awaitable<void> Server::Impl::wait_for(const Request& request) {
    auto limit = request.wait_timeout().count() == 0
                     ? settings.max_wait
                     : std::min(settings.max_wait, request.wait_timeout());
    auto deadline = Clock::now() + limit;
    asio::steady_timer timer(io);
    ++counters.waiting;
    auto entry = waiters.insert(waiters.end(), Waiter{request.wait_trigger(), &timer});
    // Without a condition, the first matching trigger releases the query.
    bool has_condition = !livestatus.wait_condition_met(request);
    bool triggered = false;
    while (Clock::now() < deadline && (has_condition || !triggered)) {
        timer.expires_at(deadline);
        boost::system::error_code error;
        co_await timer.async_wait(asio::redirect_error(use_awaitable, error));
        if (error != asio::error::operation_aborted) {
            break;  // timed out
        }
        triggered = true;
        if (!running) {
            break;
        }
        if (has_condition && livestatus.wait_condition_met(request)) {
            break;
        }
    }
    waiters.erase(entry);
    --counters.waiting;
}

template <class Socket>
awaitable<void> Server::Impl::serve(Socket socket) {
    auto self = shared_from_this();
    ++counters.connections_open;
    std::function<void()> closer = [&socket] {
        boost::system::error_code ignored;
        socket.close(ignored);
    };
    closers.insert(&closer);
    std::string buffer, text;
    try {
        while (running && co_await read_request(socket, buffer, text)) {
            ++counters.requests;
            Response response;
            bool keep_alive = false;
            if (text.empty()) {
                response.status = 413;
                response.body = "Request larger than " +
                                std::to_string(settings.max_request_bytes) + " bytes\n";
                response.fixed16 = true;
            } else {
                auto request = livestatus.parse(text);
                if (request.waits()) {
                    co_await wait_for(request);
                }
                response = livestatus.execute(request);
                keep_alive = request.keep_alive();
                if (request.is_command() && response.status == 200) {
                    notify(Trigger::command);  // WaitTrigger: command
                }
            }
            if (response.status != 200) {
                ++counters.errors;
            }
            auto wire = response.wire();
            if (!wire.empty()) {
                co_await asio::async_write(socket, asio::buffer(wire), use_awaitable);
            }
            if (!keep_alive) {
                break;
            }
        }
    } catch (const std::exception& error) {
        core::logger("livestatus")->warn("connection ended: {}", error.what());
    }
    closers.erase(&closer);
    boost::system::error_code ignored;
    socket.close(ignored);
    --counters.connections_open;
}

Server::Server(asio::io_context& io, const Livestatus& livestatus, ServerSettings settings)
    : impl_(std::make_shared<Impl>(io, livestatus, std::move(settings))) {}

Server::~Server() {
    stop();
}

void Server::start() {
    auto& s = impl_->settings;
    impl_->running = true;
    try {
        if (s.tcp_enabled) {
            asio::ip::tcp::endpoint endpoint(asio::ip::make_address(s.tcp_address), s.tcp_port);
            impl_->tcp.open(endpoint.protocol());
            impl_->tcp.set_option(asio::socket_base::reuse_address(true));
            impl_->tcp.bind(endpoint);
            impl_->tcp.listen(asio::socket_base::max_listen_connections);
            asio::co_spawn(impl_->io, impl_->accept_loop(impl_->tcp), asio::detached);
        }
        if (!s.unix_socket.empty()) {
            std::error_code ignored;
            std::filesystem::remove(s.unix_socket, ignored);  // a stale socket from a crash
            impl_->local.open();
            impl_->local.bind(asio::local::stream_protocol::endpoint(s.unix_socket));
            ::chmod(s.unix_socket.c_str(), s.unix_socket_mode);
            impl_->local.listen(asio::socket_base::max_listen_connections);
            asio::co_spawn(impl_->io, impl_->accept_loop(impl_->local), asio::detached);
        }
    } catch (const boost::system::system_error& error) {
        stop();
        core::throw_error(
            core::ErrorKind::unavailable,
            "livestatus: cannot listen on " +
                (s.tcp_enabled ? s.tcp_address + ":" + std::to_string(s.tcp_port) : std::string()) +
                (s.unix_socket.empty() ? "" : " / " + s.unix_socket) + ": " +
                error.code().message());
    }
    core::logger("livestatus")
        ->info("listening on {}{}",
               s.tcp_enabled ? s.tcp_address + ":" + std::to_string(tcp_port()) : "",
               s.unix_socket.empty() ? "" : " and " + s.unix_socket);
}

void Server::stop() {
    if (!impl_->running && !impl_->tcp.is_open() && !impl_->local.is_open()) {
        return;
    }
    impl_->running = false;
    boost::system::error_code ignored;
    impl_->tcp.close(ignored);
    if (impl_->local.is_open()) {
        impl_->local.close(ignored);
        std::error_code fs_ignored;
        std::filesystem::remove(impl_->settings.unix_socket, fs_ignored);
    }
    for (auto* closer : std::set<std::function<void()>*>(impl_->closers)) {
        (*closer)();
    }
    impl_->notify(Trigger::all);
}

std::uint16_t Server::tcp_port() const {
    boost::system::error_code error;
    auto endpoint = impl_->tcp.local_endpoint(error);
    return error ? 0 : endpoint.port();
}

void Server::notify(Trigger trigger) {
    impl_->notify(trigger);
}

ServerStats Server::stats() const {
    return impl_->counters;
}

}  // namespace yagura::modules::livestatus
