// The real server on 127.0.0.1 (a free port) and a unix socket, with real clients.
#include <filesystem>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/modules/livestatus/server.hpp>

#include "sample_site.hpp"

namespace yagura::test {
namespace {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using namespace std::chrono_literals;

class ServerTest : public ::testing::Test {
protected:
    ServerTest() {
        dir_ = std::filesystem::temp_directory_path() /
               ("yagura-ls-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
        settings_.tcp_port = 0;
        settings_.unix_socket = (dir_ / "live").string();
        settings_.idle_timeout = 5s;
    }
    ~ServerTest() override {
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    void start() {
        server_ = std::make_unique<ls::Server>(io_, site_.livestatus, settings_);
        server_->start();
        site_.state.on_change([this](ls::Trigger trigger) { server_->notify(trigger); });
    }

    // Runs the client coroutine to its end, bounded in time.
    void run(std::function<awaitable<void>()> client) {
        bool done = false;
        asio::co_spawn(
            io_,
            [&]() -> awaitable<void> {
                co_await client();
                done = true;
            },
            [](std::exception_ptr error) {
                if (error) {
                    std::rethrow_exception(error);
                }
            });
        for (int i = 0; i < 200 && !done; ++i) {
            io_.run_for(50ms);
        }
        ASSERT_TRUE(done) << "client did not finish";
    }

    asio::ip::tcp::endpoint tcp_endpoint() const {
        return {asio::ip::make_address("127.0.0.1"), server_->tcp_port()};
    }

    // Sends input over a new TCP connection and reads until the server closes it.
    awaitable<std::string> tcp_exchange(std::string input) {
        asio::ip::tcp::socket socket(io_);
        co_await socket.async_connect(tcp_endpoint(), use_awaitable);
        co_await asio::async_write(socket, asio::buffer(input), use_awaitable);
        co_return co_await read_to_end(socket);
    }

    template <class Socket>
    static awaitable<std::string> read_fixed16(Socket& socket) {
        std::string header(16, '\0');
        co_await asio::async_read(socket, asio::buffer(header), use_awaitable);
        std::string body(std::stoul(header.substr(4, 11)), '\0');
        co_await asio::async_read(socket, asio::buffer(body), use_awaitable);
        co_return header.substr(0, 3) + " " + body;
    }

    template <class Socket>
    static awaitable<std::string> read_to_end(Socket& socket) {
        std::string out;
        char chunk[4096];
        boost::system::error_code error;
        while (true) {
            auto n = co_await socket.async_read_some(asio::buffer(chunk),
                                                     asio::redirect_error(use_awaitable, error));
            if (error || n == 0) {
                break;
            }
            out.append(chunk, n);
        }
        co_return out;
    }

    std::filesystem::path dir_;
    asio::io_context io_;
    SampleSite site_;
    ls::ServerSettings settings_;
    std::unique_ptr<ls::Server> server_;
};

TEST_F(ServerTest, TcpKeepAliveServesSeveralQueriesOnOneConnection) {
    start();
    ASSERT_NE(server_->tcp_port(), 0);
    std::vector<std::string> answers;
    std::string last;
    run([&]() -> awaitable<void> {
        asio::ip::tcp::socket socket(io_);
        co_await socket.async_connect(tcp_endpoint(), use_awaitable);
        std::string queries[] = {
            "GET hosts\nColumns: name\nFilter: name = web1\nKeepAlive: on\nResponseHeader: "
            "fixed16\n\n",
            "GET nosuchtable\nKeepAlive: on\nResponseHeader: fixed16\n\n",
            "GET services\nStats: state = 2\nKeepAlive: on\nResponseHeader: fixed16\n\n",
        };
        for (const auto& query : queries) {
            co_await asio::async_write(socket, asio::buffer(query), use_awaitable);
            answers.push_back(co_await read_fixed16(socket));
        }
        std::string final_query = "GET hosts\nColumns: name\nFilter: name = db1\n\n";
        co_await asio::async_write(socket, asio::buffer(final_query), use_awaitable);
        last = co_await read_to_end(socket);  // the server closes without KeepAlive
    });
    ASSERT_EQ(answers.size(), 3u);
    EXPECT_EQ(answers[0], "200 web1\n");
    EXPECT_EQ(answers[1].substr(0, 4), "404 ");
    EXPECT_EQ(answers[2], "200 1\n");
    EXPECT_EQ(last, "db1\n");
    EXPECT_EQ(server_->stats().requests, 4u);
}

TEST_F(ServerTest, UnixSocketKeepsAliveAndClosesAtEndOfInput) {
    start();
    std::string answer, kept_alive;
    run([&]() -> awaitable<void> {
        asio::local::stream_protocol::socket socket(io_);
        co_await socket.async_connect({settings_.unix_socket}, use_awaitable);
        std::string first =
            "GET hosts\nColumns: name\nFilter: name = web2\nKeepAlive: on\nResponseHeader: "
            "fixed16\n\n";
        co_await asio::async_write(socket, asio::buffer(first), use_awaitable);
        kept_alive = co_await read_fixed16(socket);
        // No blank line: the client ends its request by closing its side, like `printf | nc -N`.
        std::string query =
            "GET services\nColumns: host_name description state\nFilter: state = 3\n";
        co_await asio::async_write(socket, asio::buffer(query), use_awaitable);
        socket.shutdown(asio::socket_base::shutdown_send);
        answer = co_await read_to_end(socket);
    });
    EXPECT_EQ(kept_alive, "200 web2\n");
    EXPECT_EQ(answer, "db1;MySQL;3\n");
    server_->stop();
    EXPECT_FALSE(std::filesystem::exists(settings_.unix_socket));
}

TEST_F(ServerTest, WaitingQueryIsReleasedByABrok) {
    start();
    std::string answer;
    run([&]() -> awaitable<void> {
        asio::ip::tcp::socket socket(io_);
        co_await socket.async_connect(tcp_endpoint(), use_awaitable);
        std::string query =
            "GET services\nWaitObject: web1;Disk\nWaitCondition: state = 0\nWaitTrigger: check\n"
            "WaitTimeout: 20000\nColumns: state plugin_output\nFilter: host_name = web1\n"
            "Filter: description = Disk\n\n";
        co_await asio::async_write(socket, asio::buffer(query), use_awaitable);
        // While the query waits, the scheduler reports a recovery.
        asio::steady_timer later(io_, 50ms);
        co_await later.async_wait(use_awaitable);
        EXPECT_EQ(server_->stats().waiting, 1u);
        site_.state.apply(service_brok("web1", "Disk",
                                       {{"state_id", 0}, {"output", "DISK OK - 40% used"}}, 0,
                                       "service_check_result"));
        answer = co_await read_to_end(socket);
    });
    EXPECT_EQ(answer, "0;DISK OK - 40% used\n");
}

TEST_F(ServerTest, WaitingQueryAnswersAtItsTimeout) {
    start();
    std::string answer;
    run([&]() -> awaitable<void> {
        answer = co_await tcp_exchange(
            "GET hosts\nWaitObject: web1\nWaitCondition: state = 2\nWaitTimeout: 100\n"
            "Columns: name state\nFilter: name = web1\n\n");
    });
    EXPECT_EQ(answer, "web1;0\n");  // the condition never held: the current state, after the wait
    EXPECT_EQ(server_->stats().waiting, 0u);
}

TEST_F(ServerTest, CommandsAreForwardedAndBadQueriesKeepTheConnection) {
    start();
    std::string answer;
    run([&]() -> awaitable<void> {
        answer = co_await tcp_exchange(
            "COMMAND [1700000300] ACKNOWLEDGE_HOST_PROBLEM;web2;1;1;0;bob;rebooting\n"
            "KeepAlive: on\n\n"
            "GET hosts\nFilter: name ~ (\nKeepAlive: on\nResponseHeader: fixed16\n\n"
            "GET hosts\nColumns: name\nFilter: name = web2\n\n");
    });
    ASSERT_EQ(site_.sink.received.size(), 1u);
    EXPECT_EQ(site_.sink.received[0].line(),
              "[1700000300] ACKNOWLEDGE_HOST_PROBLEM;web2;1;1;0;bob;rebooting");
    EXPECT_EQ(answer.substr(0, 4), "400 ");
    EXPECT_EQ(answer.substr(answer.size() - 5), "web2\n");
}

TEST_F(ServerTest, ACommandReleasesQueriesWaitingForCommands) {
    start();
    std::string answer;
    run([&]() -> awaitable<void> {
        asio::ip::tcp::socket waiting(io_);
        co_await waiting.async_connect(tcp_endpoint(), use_awaitable);
        std::string query =
            "GET status\nWaitTrigger: command\nWaitTimeout: 20000\nColumns: num_hosts\n\n";
        co_await asio::async_write(waiting, asio::buffer(query), use_awaitable);
        asio::steady_timer later(io_, 50ms);
        co_await later.async_wait(use_awaitable);
        EXPECT_EQ(server_->stats().waiting, 1u);
        co_await tcp_exchange("COMMAND [1700000300] DISABLE_NOTIFICATIONS\n\n");
        answer = co_await read_to_end(waiting);
    });
    EXPECT_EQ(answer, "3\n");
    EXPECT_EQ(server_->stats().waiting, 0u);
}

TEST_F(ServerTest, OversizedRequestIsRefused) {
    settings_.max_request_bytes = 1024;
    start();
    std::string answer;
    run([&]() -> awaitable<void> {
        answer = co_await tcp_exchange("GET hosts\n" + std::string(4096, 'x'));
    });
    EXPECT_EQ(answer.substr(0, 4), "413 ");
}

TEST_F(ServerTest, IdleClientsAreClosed) {
    settings_.idle_timeout = 100ms;
    start();
    std::string answer = "unset";
    run([&]() -> awaitable<void> {
        asio::ip::tcp::socket socket(io_);
        co_await socket.async_connect(tcp_endpoint(), use_awaitable);
        answer = co_await read_to_end(socket);  // returns once the server hangs up
    });
    EXPECT_EQ(answer, "");
    EXPECT_EQ(server_->stats().connections_open, 0u);
}

TEST_F(ServerTest, ManyConcurrentClients) {
    start();
    int answered = 0;
    run([&]() -> awaitable<void> {
        std::vector<std::unique_ptr<asio::ip::tcp::socket>> sockets;
        for (int i = 0; i < 50; ++i) {
            auto socket = std::make_unique<asio::ip::tcp::socket>(io_);
            co_await socket->async_connect(tcp_endpoint(), use_awaitable);
            std::string query = "GET status\nColumns: num_services\n\n";
            co_await asio::async_write(*socket, asio::buffer(query), use_awaitable);
            sockets.push_back(std::move(socket));
        }
        for (auto& socket : sockets) {
            if (co_await read_to_end(*socket) == "5\n") {
                ++answered;
            }
        }
    });
    EXPECT_EQ(answered, 50);
}

TEST_F(ServerTest, BindFailureIsAClearError) {
    start();
    ls::ServerSettings clash = settings_;
    clash.tcp_port = server_->tcp_port();
    clash.unix_socket.clear();
    ls::Server second(io_, site_.livestatus, clash);
    try {
        second.start();
        FAIL() << "a second server bound the same port";
    } catch (const yagura::core::Error& error) {
        EXPECT_EQ(error.kind(), yagura::core::ErrorKind::unavailable);
        EXPECT_NE(std::string(error.what()).find(std::to_string(clash.tcp_port)),
                  std::string::npos);
    }
}

}  // namespace
}  // namespace yagura::test
