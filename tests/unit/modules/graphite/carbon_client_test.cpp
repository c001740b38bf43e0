#include <functional>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/modules/graphite/carbon_client.hpp>

#include "carbon_sink.hpp"

namespace yagura::modules::graphite {
namespace {

namespace asio = boost::asio;
using testing::CarbonSink;

// Carbon clients against a real TCP server on 127.0.0.1 that the test stops and restarts.
class CarbonClientTest : public ::testing::Test {
protected:
    CarbonSettings settings() {
        CarbonSettings s;
        s.host = "127.0.0.1";
        s.port = sink_.port();
        s.reconnect_min = std::chrono::milliseconds(50);
        s.reconnect_max = std::chrono::milliseconds(200);
        s.resend_window = std::chrono::milliseconds(1000);
        return s;
    }
    // Runs the client's loop until `done` holds or `bound` passes; returns whether it held.
    bool run_until(const std::function<bool()>& done,
                   std::chrono::milliseconds bound = std::chrono::seconds(20)) {
        auto deadline = std::chrono::steady_clock::now() + bound;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline) {
                return false;
            }
            io_.restart();
            io_.run_for(std::chrono::milliseconds(20));
        }
        return true;
    }
    void run_for(std::chrono::milliseconds duration) {
        auto deadline = std::chrono::steady_clock::now() + duration;
        while (std::chrono::steady_clock::now() < deadline) {
            io_.restart();
            io_.run_for(std::chrono::milliseconds(10));
        }
    }
    void stop(CarbonClient& client, std::chrono::milliseconds budget) {
        auto done = asio::co_spawn(io_, client.stop(budget), asio::use_future);
        run_until(
            [&] { return done.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
        done.get();
    }
    static std::string line(int n) {
        return "test.metric." + std::to_string(n % 7) + " " + std::to_string(n) + " " +
               std::to_string(1700000000 + n);
    }
    void send(CarbonClient& client, int n) { client.send(line(n) + "\n", 1); }
    bool received_all(int count) {
        auto lines = sink_.distinct_lines();
        for (int n = 0; n < count; ++n) {
            if (!lines.contains(line(n))) {
                return false;
            }
        }
        return true;
    }
    std::vector<int> missing(int count) {
        auto lines = sink_.distinct_lines();
        std::vector<int> gone;
        for (int n = 0; n < count; ++n) {
            if (!lines.contains(line(n))) {
                gone.push_back(n);
            }
        }
        return gone;
    }

    asio::io_context io_;
    CarbonSink sink_;
};

TEST_F(CarbonClientTest, WritesLinesToCarbon) {
    CarbonClient client(io_, settings());
    client.start();
    for (int n = 0; n < 1000; ++n) {
        send(client, n);
    }
    ASSERT_TRUE(run_until([&] { return received_all(1000); }));
    EXPECT_EQ(sink_.lines().size(), 1000u);  // no repeat without an outage
    EXPECT_TRUE(client.stats().connected);
    EXPECT_EQ(client.stats().lines_queued, 1000u);
    EXPECT_EQ(client.stats().lines_written, 1000u);
    stop(client, std::chrono::seconds(5));
}

TEST_F(CarbonClientTest, AnOutageOfCarbonLosesNothing) {
    CarbonClient client(io_, settings());
    client.start();
    int sent = 0;
    auto send_some = [&](int count) {
        for (int i = 0; i < count; ++i) {
            send(client, sent++);
        }
    };
    // A steady stream, during which carbon hangs (its TCP stack still acknowledges what
    // arrives), dies with that data unread, stays away, and comes back on the same port.
    for (int round = 0; round < 10; ++round) {
        send_some(200);
        run_for(std::chrono::milliseconds(10));
    }
    sink_.stop_reading();
    for (int round = 0; round < 10; ++round) {
        send_some(200);
        run_for(std::chrono::milliseconds(20));
    }
    sink_.stop();
    for (int round = 0; round < 20; ++round) {
        send_some(200);
        run_for(std::chrono::milliseconds(20));
    }
    EXPECT_FALSE(client.stats().connected);
    EXPECT_GT(client.stats().buffered_lines, 0u);
    sink_.start();
    send_some(200);
    ASSERT_TRUE(run_until([&] { return received_all(sent); }))
        << "missing " << missing(sent).size() << " of " << sent << " lines";
    auto stats = client.stats();
    EXPECT_GE(stats.disconnects, 1u);
    EXPECT_GE(stats.connects, 2u);
    EXPECT_EQ(stats.lines_dropped, 0u);
    EXPECT_GT(stats.lines_resent, 0u);  // what carbon had not read was written again
    stop(client, std::chrono::seconds(5));
}

TEST_F(CarbonClientTest, CarbonDownAtStartIsWaitedFor) {
    sink_.stop();
    CarbonClient client(io_, settings());
    client.start();
    for (int n = 0; n < 100; ++n) {
        send(client, n);
    }
    run_for(std::chrono::milliseconds(300));
    EXPECT_GE(client.stats().connect_failures, 1u);
    EXPECT_EQ(client.stats().buffered_lines, 100u);
    sink_.start();
    ASSERT_TRUE(run_until([&] { return received_all(100); }));
    stop(client, std::chrono::seconds(5));
}

TEST_F(CarbonClientTest, TheBufferIsBoundedAndDropsTheOldestLines) {
    sink_.stop();
    auto s = settings();
    s.max_buffer_bytes = 100 * (line(0).size() + 1);  // about 100 lines
    CarbonClient client(io_, s);
    client.start();
    for (int n = 0; n < 300; ++n) {
        send(client, 1000 + n);  // same line length for every n
    }
    auto stats = client.stats();
    EXPECT_LE(stats.buffered_bytes, s.max_buffer_bytes);
    EXPECT_EQ(stats.lines_dropped + stats.buffered_lines, 300u);
    EXPECT_GE(stats.lines_dropped, 200u);
    sink_.start();
    ASSERT_TRUE(run_until([&] { return sink_.distinct_lines().contains(line(1299)); }));
    run_for(std::chrono::milliseconds(100));
    auto lines = sink_.distinct_lines();
    EXPECT_FALSE(lines.contains(line(1000)));  // the oldest went first
    EXPECT_EQ(lines.size(), stats.buffered_lines);
    stop(client, std::chrono::seconds(5));
}

TEST_F(CarbonClientTest, StopWritesWhatIsWaiting) {
    CarbonClient client(io_, settings());
    client.start();
    for (int n = 0; n < 5000; ++n) {
        send(client, n);
    }
    stop(client, std::chrono::seconds(10));
    EXPECT_TRUE(run_until([&] { return received_all(5000); }, std::chrono::seconds(10)));
    // After stop nothing more is sent and the connection is closed.
    send(client, 99999);
    run_for(std::chrono::milliseconds(100));
    EXPECT_FALSE(sink_.distinct_lines().contains(line(99999)));
}

}  // namespace
}  // namespace yagura::modules::graphite
