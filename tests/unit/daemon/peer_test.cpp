#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/daemon/peer.hpp>

namespace yagura::daemon {
namespace {

TEST(PeerLink, DeadOnlyAfterMaxCheckAttemptsAndAliveAgainAfterOneSuccess) {
    PeerLink link({"127.0.0.1", 7768, "scheduler-1"}, 3);
    EXPECT_FALSE(link.record_failure("refused", 1));
    EXPECT_FALSE(link.liveness().reachable);
    EXPECT_TRUE(link.liveness().alive);
    EXPECT_FALSE(link.record_failure("refused", 2));
    EXPECT_TRUE(link.record_failure("refused", 3));  // the third in a row
    EXPECT_FALSE(link.liveness().alive);
    EXPECT_EQ(link.liveness().attempts, 3);
    EXPECT_TRUE(link.record_success("100.1", 4));
    EXPECT_TRUE(link.liveness().alive);
    EXPECT_EQ(link.liveness().attempts, 0);
    EXPECT_FALSE(link.liveness().restarted);
    link.record_success("200.2", 5);
    EXPECT_TRUE(link.liveness().restarted);  // a new running id: the peer restarted
    auto json = link.to_json();
    EXPECT_EQ(json["name"], "scheduler-1");
    EXPECT_EQ(json["running_id"], "200.2");
}

TEST(PeerLink, CheckRecordsAFailureForAPeerThatIsNotThere) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    auto port = probe.local_endpoint().port();
    probe.close();
    net::HttpClient client(io, net::ClientSettings{});
    PeerLink link({"127.0.0.1", port, "poller-1"}, 1);
    auto alive = boost::asio::co_spawn(io, link.check(client, 42), boost::asio::use_future);
    io.run();
    EXPECT_FALSE(alive.get());
    EXPECT_FALSE(link.liveness().alive);
    EXPECT_EQ(link.liveness().last_check, 42);
    EXPECT_NE(link.liveness().last_error.find("poller-1"), std::string::npos);
}

}  // namespace
}  // namespace yagura::daemon
