#include <csignal>
#include <filesystem>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>

#include "harness/site.hpp"

namespace yagura::harness {
namespace {

using ::testing::HasSubstr;

// Issue 2's contract: a daemon exits 0 on SIGTERM within 2 s, leaving no pidfile.
constexpr std::chrono::seconds kSigtermBound{2};

class Lifecycle : public ::testing::TestWithParam<std::string> {
protected:
    Site site_;
};

TEST_P(Lifecycle, AnswersPingOverTlsAndExitsCleanlyOnSigterm) {
    auto& daemon = site_.add(GetParam());
    daemon.start();
    EXPECT_EQ(daemon.get_json("/ping"), "pong");
    auto stats = daemon.get_json("/stats");
    EXPECT_EQ(stats["role"], GetParam());
    EXPECT_EQ(stats["pid"], daemon.process().pid());
    EXPECT_TRUE(std::filesystem::exists(daemon.pidfile()));

    // TLS is really on: a plain-HTTP client gets nothing, one trusting another CA neither.
    TestClient plain;
    EXPECT_THROW(plain.get(daemon.endpoint(), "/ping"), core::Error);

    auto status = daemon.stop(kSigtermBound);
    ASSERT_TRUE(status) << GetParam() << " still running 2 s after SIGTERM";
    EXPECT_TRUE(status->clean()) << status->describe() << "\n" << daemon.output();
    EXPECT_FALSE(std::filesystem::exists(daemon.pidfile()));
    EXPECT_THAT(daemon.log(), HasSubstr("stopped"));
}

TEST_P(Lifecycle, RefusesASecondInstanceOnTheSamePidfile) {
    auto& daemon = site_.add(GetParam());
    daemon.start();
    auto second = daemon.start_again();
    auto status = second->wait(kStopBound);
    ASSERT_TRUE(status) << "the second instance kept running";
    EXPECT_EQ(status->code, 1);
    auto output = read_file(site_.dir() / (daemon.name() + ".second.out"));
    EXPECT_THAT(output, HasSubstr("already running"));
    EXPECT_THAT(output, HasSubstr("pid " + std::to_string(daemon.process().pid())));
    // The first one is untouched: it answers and still owns its pidfile.
    EXPECT_EQ(daemon.get_json("/ping"), "pong");
    EXPECT_EQ(read_file(daemon.pidfile()), std::to_string(daemon.process().pid()) + "\n");
}

TEST_P(Lifecycle, ReopensItsLogOnSighupAndKeepsServing) {
    auto& daemon = site_.add(GetParam());
    daemon.start();
    auto log = site_.dir() / (daemon.name() + "/" + daemon.name() + ".log");
    std::filesystem::rename(log, log + ".1");  // what logrotate does
    daemon.process().signal(SIGHUP);
    ASSERT_TRUE(site_.client().wait_until_answers(daemon.endpoint(), "/ping", kStartBound));
    for (int i = 0; i < 500 && !std::filesystem::exists(log); ++i) {
        daemon.get("/ping");
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(std::filesystem::exists(log)) << "no new log file after SIGHUP";
    EXPECT_THAT(read_file(log + ".1"), HasSubstr("SIGHUP"));
}

INSTANTIATE_TEST_SUITE_P(AllDaemons, Lifecycle,
                         ::testing::Values("arbiter", "scheduler", "poller", "reactionner",
                                           "broker", "receiver"));

TEST(Daemon, SurvivesGarbageOnItsTlsPort) {
    Site site;
    auto& broker = site.add("broker");
    broker.start();
    for (const char* garbage : {"GET /ping HTTP/1.1\r\n\r\n", "\x16\x03\x01\xff\xff junk"}) {
        boost::asio::io_context io;
        boost::asio::ip::tcp::socket socket(io);
        socket.connect({boost::asio::ip::make_address("127.0.0.1"), broker.port()});
        boost::asio::write(socket, boost::asio::buffer(std::string(garbage)));
        boost::system::error_code ec;
        char answer[512];
        socket.read_some(boost::asio::buffer(answer), ec);  // the daemon hangs up
    }
    EXPECT_EQ(broker.get_json("/ping"), "pong");
    EXPECT_GE(broker.get_json("/stats")["http"]["tls_handshake_failures"].get<int>(), 2);
}

TEST(Daemon, DetachesWithDashDAndStillStopsOnSigterm) {
    Site site;
    auto& scheduler = site.add("scheduler");
    auto launcher = run_command(executable("scheduler"), {"-d", "-c", scheduler.config_file()},
                                site.dir().path().string());
    ASSERT_TRUE(launcher.status.clean()) << launcher.output;
    ASSERT_TRUE(site.client().wait_until_answers(scheduler.endpoint(), "/ping", kStartBound))
        << scheduler.log();
    // The pidfile names the detached process, which is the one answering.
    auto pid = std::stoi(read_file(scheduler.pidfile()));
    EXPECT_EQ(scheduler.get_json("/stats")["pid"], pid);
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    for (int i = 0; i < 1000 && ::kill(pid, 0) == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_NE(::kill(pid, 0), 0) << "the detached scheduler did not stop";
    EXPECT_FALSE(std::filesystem::exists(scheduler.pidfile()));
}

TEST(Arbiter, VerifiesItsConfigurationWithDashV) {
    Site site;
    auto& arbiter = site.add("arbiter", "arbiter-master");
    auto result = run_command(executable("arbiter"), {"-v", "-c", arbiter.config_file()},
                              site.dir().path().string());
    EXPECT_TRUE(result.status.clean()) << result.output;
    EXPECT_THAT(result.output, HasSubstr("arbiter-master"));
    EXPECT_THAT(result.output, HasSubstr("Configuration is correct"));

    auto broken = site.dir().write("broken/yagura.cfg", "cfg_dir=missing\n");
    auto failure =
        run_command(executable("arbiter"), {"-v", "-c", broken}, site.dir().path().string());
    EXPECT_EQ(failure.status.code, 1);
    EXPECT_THAT(failure.output, HasSubstr("yagura.cfg:1:"));
}

TEST(Daemon, BadIniStopsTheStartWithTheFileAndLine) {
    Site site;
    auto& poller = site.add("poller", "poller", {{"use_ssl", "perhaps"}});
    auto result =
        run_command(executable("poller"), {"-c", poller.config_file()}, site.dir().path().string());
    EXPECT_EQ(result.status.code, 1);
    EXPECT_THAT(result.output, HasSubstr("poller.ini:"));
    EXPECT_THAT(result.output, HasSubstr("use_ssl"));
}

}  // namespace
}  // namespace yagura::harness
