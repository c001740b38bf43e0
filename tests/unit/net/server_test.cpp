#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "routes.hpp"
#include "test_server.hpp"

namespace yagura::net::testing {
namespace {

using ::testing::HasSubstr;

class ServerTest : public ::testing::Test {
protected:
    ServerTest() : router_(test_router()) {}

    void start(ServerSettings settings = {}) { server_.emplace(std::move(settings), router_); }

    ClientResponse call(std::string method, std::string target, std::string body = {},
                        CallOptions options = {}) {
        return run_sync(io_, client_.request(server_->endpoint(), std::move(method),
                                             std::move(target), std::move(body), options));
    }

    Router router_;
    std::optional<ServerThread> server_;
    asio::io_context io_;
    HttpClient client_{io_, ClientSettings{}};
};

// A raw TCP connection, for talking to the server the way a broken or slow client would.
struct RawSocket {
    explicit RawSocket(std::uint16_t port) : socket(io) {
        socket.connect({asio::ip::make_address("127.0.0.1"), port});
        timeval bound{20, 0};  // a hung server fails the test instead of hanging it
        ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
    }
    void send(const std::string& data) { asio::write(socket, asio::buffer(data)); }
    // Everything until the server closes the connection; throws if it never does.
    std::string read_until_closed() {
        std::string out;
        char buffer[4096];
        for (;;) {
            auto n = ::recv(socket.native_handle(), buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno == ECONNRESET)) {
                return out;
            }
            if (n < 0) {
                throw std::runtime_error("server did not close the connection");
            }
            out.append(buffer, static_cast<std::size_t>(n));
        }
    }
    asio::io_context io;
    asio::ip::tcp::socket socket;
};

TEST_F(ServerTest, AnswersJsonAndReportsBoundPort) {
    start();
    EXPECT_NE(server_->port(), 0);
    auto response = call("GET", "/ping");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.headers["content-type"], "application/json");
    EXPECT_EQ(response.json(), "pong");
}

TEST_F(ServerTest, MalformedJsonGets400WithMessage) {
    start();
    auto response = call("POST", "/echo", "{\"a\": ");
    EXPECT_EQ(response.status, 400);
    auto body = response.json();
    EXPECT_EQ(body["error"], "invalid_input");
    EXPECT_THAT(body["detail"].get<std::string>(), HasSubstr("malformed JSON"));
    // The daemon carries on.
    EXPECT_EQ(call("POST", "/echo", R"({"a": 1})").json()["a"], 1);
}

TEST_F(ServerTest, OversizedBodyGets413) {
    start({.body_limit = 1024});
    std::string big = "\"" + std::string(4096, 'x') + "\"";
    auto response = call("POST", "/echo", big);
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(response.json()["error"], "too_large");
    EXPECT_EQ(call("POST", "/echo", "\"small\"").json(), "small");
}

TEST_F(ServerTest, UnknownPathIs404AndWrongMethodIs405AsJson) {
    start();
    auto missing = call("GET", "/nope");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.json()["error"], "not_found");
    auto wrong = call("POST", "/ping", "{}");
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(wrong.json()["error"], "method_not_allowed");
    EXPECT_EQ(wrong.headers["allow"], "GET");
}

TEST_F(ServerTest, HandlerErrorsMapToStatusesAndServerSurvives) {
    start();
    const std::vector<std::pair<std::string, int>> cases = {
        {"invalid_input", 400}, {"not_found", 404}, {"conflict", 409}, {"too_large", 413},
        {"unavailable", 503},   {"timeout", 504},   {"internal", 500}, {"other", 500}};
    for (const auto& [kind, status] : cases) {
        auto response = call("GET", "/fail?kind=" + kind);
        EXPECT_EQ(response.status, status) << kind;
        EXPECT_FALSE(response.json()["detail"].get<std::string>().empty()) << kind;
    }
    EXPECT_EQ(call("GET", "/ping").status, 200);
}

TEST_F(ServerTest, MalformedRequestLineGets400AndServerSurvives) {
    start();
    RawSocket raw(server_->port());
    raw.send("THIS IS NOT HTTP\r\n\r\n");
    EXPECT_THAT(raw.read_until_closed(), HasSubstr("400"));
    EXPECT_EQ(call("GET", "/ping").status, 200);
}

TEST_F(ServerTest, ExpectContinueGetsA100BeforeTheBody) {
    start();
    RawSocket raw(server_->port());
    raw.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 4\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
    std::string interim(25, '\0');
    asio::read(raw.socket, asio::buffer(interim));  // what curl waits for before sending
    EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
    raw.send("true");
    auto answer = raw.read_until_closed();
    EXPECT_THAT(answer, HasSubstr("HTTP/1.1 200 OK"));
    EXPECT_THAT(answer, HasSubstr("\r\n\r\ntrue"));
}

TEST_F(ServerTest, StalledClientIsCutOffWhileOthersAreServed) {
    start({.header_timeout = std::chrono::milliseconds(200)});
    RawSocket stalled(server_->port());
    stalled.send("GET /ping HTTP/1.1\r\nHost: x\r\n");  // and never the end of the headers
    EXPECT_EQ(call("GET", "/ping").status, 200);
    EXPECT_EQ(stalled.read_until_closed(), "");
    EXPECT_TRUE(eventually([&] { return server_->stats().timeouts >= 1; }));
    EXPECT_EQ(call("GET", "/ping").status, 200);
}

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
    start();
    for (int i = 0; i < 5; ++i) {
        ASSERT_EQ(call("GET", "/ping").status, 200);
    }
    EXPECT_EQ(server_->stats().connections_accepted, 1u);
    EXPECT_EQ(server_->stats().requests, 5u);
    EXPECT_EQ(client_.stats().connections_opened, 1u);
}

TEST_F(ServerTest, ClientReconnectsWhenServerClosedIdleConnection) {
    start({.idle_timeout = std::chrono::milliseconds(50)});
    ASSERT_EQ(call("GET", "/ping").status, 200);
    ASSERT_TRUE(eventually([&] { return server_->stats().connections_active == 0; }));
    EXPECT_EQ(call("GET", "/ping").status, 200);
    EXPECT_EQ(client_.stats().connections_opened, 2u);
    EXPECT_EQ(client_.stats().failures, 0u);
}

TEST_F(ServerTest, GracefulStopFinishesRequestInFlight) {
    start();
    auto pending = std::async(std::launch::async, [&] {
        asio::io_context io;
        HttpClient client(io, ClientSettings{});
        return run_sync(io, client.request(server_->endpoint(), "GET", "/slow"));
    });
    ASSERT_TRUE(eventually([&] { return server_->stats().requests_in_flight == 1; }));
    server_->stop(std::chrono::seconds(30));
    auto response = pending.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.json(), "slept");
    EXPECT_EQ(response.headers["connection"], "close");
}

TEST_F(ServerTest, StopCancelsLongPollAfterGrace) {
    start();
    auto pending = std::async(std::launch::async, [&] {
        asio::io_context io;
        HttpClient client(io, ClientSettings{.timeout = std::chrono::seconds(60)});
        return run_sync(io, client.request(server_->endpoint(), "GET", "/forever"));
    });
    ASSERT_TRUE(eventually([&] { return server_->stats().requests_in_flight == 1; }));
    server_->stop(std::chrono::milliseconds(50));  // returns: the hour-long wait was cancelled
    EXPECT_THROW(pending.get(), core::Error);
    EXPECT_EQ(server_->stats().connections_active, 0u);
}

TEST_F(ServerTest, StopRefusesNewConnections) {
    start();
    EXPECT_EQ(call("GET", "/ping").status, 200);
    server_->stop(std::chrono::milliseconds(100));
    HttpClient fresh(io_, ClientSettings{});
    EXPECT_THROW(run_sync(io_, fresh.request(server_->endpoint(), "GET", "/ping")), core::Error);
}

TEST_F(ServerTest, RequestSeesDecodedQueryFormAndBasicAuth) {
    Router router;
    router.add_sync("POST", "/inspect", [](Request& r) {
        auto auth = r.basic_auth();
        auto form = r.form();
        std::vector<std::string> hosts;
        for (auto [it, end] = form.equal_range("host_name"); it != end; ++it) {
            hosts.push_back(it->second);
        }
        return Response::json({{"path", r.path},
                               {"q", r.param("q").value_or("")},
                               {"hosts", hosts},
                               {"user", auth ? auth->user : ""},
                               {"password", auth ? auth->password : ""}});
    });
    ServerThread server({}, router);
    CallOptions options;
    options.headers = {{"content-type", "application/x-www-form-urlencoded"},
                       {"authorization", "Basic YWRtaW46czNjcjN0"}};  // admin:s3cr3t
    auto response = run_sync(io_, client_.request(server.endpoint(), "POST", "/inspect?q=a%20b+c",
                                                  "host_name=web%201&host_name=db", options));
    auto body = response.json();
    EXPECT_EQ(body["path"], "/inspect");
    EXPECT_EQ(body["q"], "a b c");
    EXPECT_EQ(body["hosts"], nlohmann::json({"web 1", "db"}));
    EXPECT_EQ(body["user"], "admin");
    EXPECT_EQ(body["password"], "s3cr3t");
}

}  // namespace
}  // namespace yagura::net::testing
