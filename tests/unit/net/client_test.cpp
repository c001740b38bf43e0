#include <boost/asio/ip/tcp.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "routes.hpp"
#include "test_server.hpp"

namespace yagura::net::testing {
namespace {

using ::testing::HasSubstr;

std::uint16_t unused_port() {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();  // closed on return: nothing listens there
}

class ClientTest : public ::testing::Test {
protected:
    ClientTest() : router_(test_router()), server_({}, router_) {}
    Router router_;
    ServerThread server_;
    asio::io_context io_;
};

TEST_F(ClientTest, RequestTimeoutIsACoreTimeoutError) {
    HttpClient client(io_, ClientSettings{.timeout = std::chrono::milliseconds(100)});
    try {
        run_sync(io_, client.request(server_.endpoint("scheduler-1"), "GET", "/forever"));
        FAIL() << "no timeout";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::timeout);
        EXPECT_THAT(e.what(), HasSubstr("scheduler-1"));
        EXPECT_THAT(e.what(), HasSubstr("/forever"));
    }
    EXPECT_EQ(client.stats().failures, 1u);
}

TEST_F(ClientTest, LongCallsUseTheDataTimeout) {
    HttpClient client(io_, ClientSettings{.timeout = std::chrono::milliseconds(50),
                                          .data_timeout = std::chrono::seconds(60)});
    // /slow takes longer than `timeout` but a long call waits up to data_timeout.
    auto response = run_sync(io_, client.request(server_.endpoint(), "GET", "/slow", {},
                                                 CallOptions{.long_call = true}));
    EXPECT_EQ(response.status, 200);
    EXPECT_THROW(run_sync(io_, client.request(server_.endpoint(), "GET", "/slow")), core::Error);
}

TEST_F(ClientTest, RefusedConnectionIsUnavailable) {
    HttpClient client(io_, ClientSettings{});
    try {
        run_sync(io_, client.request({"127.0.0.1", unused_port(), "broker-1"}, "GET", "/ping"));
        FAIL() << "connected to nothing";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::unavailable);
        EXPECT_THAT(e.what(), HasSubstr("broker-1"));
    }
}

TEST_F(ClientTest, JsonHelpersParseAndTurnErrorStatusesIntoErrors) {
    HttpClient client(io_, ClientSettings{});
    auto echoed = run_sync(io_, client.post_json(server_.endpoint(), "/echo", {{"a", 1}}));
    EXPECT_EQ(echoed["a"], 1);
    EXPECT_EQ(run_sync(io_, client.get_json(server_.endpoint(), "/ping")), "pong");
    try {
        run_sync(io_, client.get_json(server_.endpoint(), "/fail?kind=conflict"));
        FAIL() << "409 was not an error";
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::conflict);
        EXPECT_THAT(e.what(), HasSubstr("asked to fail with conflict"));
    }
}

TEST_F(ClientTest, ConcurrentCallsToOnePeerUseSeveralConnectionsThenReuseThem) {
    HttpClient client(io_, ClientSettings{});
    auto both = [&]() -> asio::awaitable<void> {
        auto executor = co_await asio::this_coro::executor;
        auto a = asio::co_spawn(executor, client.request(server_.endpoint(), "GET", "/slow"),
                                asio::use_future);
        auto b = co_await client.request(server_.endpoint(), "GET", "/slow");
        EXPECT_EQ(b.status, 200);
        (void)a;
    };
    run_sync(io_, both());
    EXPECT_EQ(client.stats().connections_opened, 2u);
    run_sync(io_, client.request(server_.endpoint(), "GET", "/ping"));
    run_sync(io_, client.request(server_.endpoint(), "GET", "/ping"));
    EXPECT_EQ(client.stats().connections_opened, 2u);
}

}  // namespace
}  // namespace yagura::net::testing
