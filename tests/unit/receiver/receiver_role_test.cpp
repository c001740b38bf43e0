// The receiver wired into a real Daemon (on its own thread, as in its own process), its doors
// used as senders use them: HTTP with curl-like bodies, `echo > command_file`, Debian's
// send_nsca. The scheduler is the stand-in of standin_scheduler.hpp.
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/ids.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/run_sync.hpp>

#include "receiver/receiver.hpp"
#include "standin_scheduler.hpp"

namespace yagura::receiver {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::StandInScheduler;

bool eventually(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

class ReceiverRoleTest : public ::testing::Test {
protected:
    ReceiverRoleTest()
        : cwd_(fs::current_path()),
          dir_(fs::temp_directory_path() / ("yagura-receiver-" + core::random_hex_id(6))) {
        fs::create_directories(dir_);
        client_ = std::make_unique<net::HttpClient>(client_io_, net::ClientSettings{});
    }
    ~ReceiverRoleTest() override {
        if (running_.valid()) {
            asio::post(daemon_->io(), [this] { daemon_->request_stop(); });
            running_.get();
        }
        role_.reset();
        daemon_.reset();
        fs::current_path(cwd_);
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    void start(ReceiverOptions options) {
        daemon::DaemonSettings settings;
        settings.role = "receiver";
        settings.name = "receiver-test";
        settings.host = "127.0.0.1";
        settings.port = 0;
        settings.workdir = dir_.string();
        settings.pidfile = (dir_ / "receiverd.pid").string();
        daemon_ = std::make_unique<daemon::Daemon>(settings);
        options.spool_dir = dir_ / "spool";
        role_ = std::make_unique<Receiver>(*daemon_, std::move(options));
        std::promise<std::uint16_t> port;
        daemon_->on_start([&] { port.set_value(daemon_->port()); });
        running_ = std::async(std::launch::async, [this] { return daemon_->run(); });
        peer_ = {"127.0.0.1", port.get_future().get(), "receiver-test"};
        std::promise<void> done;
        asio::post(daemon_->io(), [&] {
            role_->apply_routes(
                {{{0, "scheduler-0", scheduler_.endpoint(), false}}, {{"web1", 0}, {"db1", 0}}});
            done.set_value();
        });
        done.get_future().get();
    }

    net::ClientResponse post(const std::string& path, std::string body, std::string type,
                             net::Headers headers = {}) {
        net::CallOptions options;
        options.headers = std::move(headers);
        options.headers["content-type"] = std::move(type);
        return net::run_sync(client_io_,
                             client_->request(peer_, "POST", path, std::move(body), options));
    }

    fs::path cwd_;
    fs::path dir_;
    StandInScheduler scheduler_;
    std::unique_ptr<daemon::Daemon> daemon_;
    std::unique_ptr<Receiver> role_;
    std::future<int> running_;
    net::Endpoint peer_;
    asio::io_context client_io_;
    std::unique_ptr<net::HttpClient> client_;
};

TEST_F(ReceiverRoleTest, PushCheckResultByJsonAndByFormReachesTheScheduler) {
    start({});
    auto json = post("/push_check_result",
                     R"({"host_name": "web1", "service_description": "HTTP", "return_code": 2,
                         "output": "down", "time_stamp": 1700000001})",
                     "application/json");
    EXPECT_EQ(json.status, 200) << json.body;
    auto form = post("/push_check_result",
                     "time_stamp=1700000002&host_name=db1&service_description=&return_code=1&"
                     "output=gone&"
                     "time_stamp=1700000003&host_name=web1&service_description=Load&"
                     "return_code=0&output=fine",
                     "application/x-www-form-urlencoded");
    EXPECT_EQ(form.status, 200) << form.body;
    EXPECT_EQ(form.json()["accepted"], 2);
    ASSERT_TRUE(eventually([&] { return scheduler_.commands().size() == 3; }));
    EXPECT_THAT(scheduler_.commands(),
                ElementsAre("[1700000001] PROCESS_SERVICE_CHECK_RESULT;web1;HTTP;2;down",
                            "[1700000002] PROCESS_HOST_CHECK_RESULT;db1;1;gone",
                            "[1700000003] PROCESS_SERVICE_CHECK_RESULT;web1;Load;0;fine"));
}

TEST_F(ReceiverRoleTest, MalformedCommandsGetAClearErrorAndNothingIsForwarded) {
    start({});
    auto r = post("/run_external_commands",
                  "[1] PROCESS_HOST_CHECK_RESULT;web1;0;ok\nSCHEDULE_HOST_DOWNTIME;web1;x\n",
                  "text/plain");
    EXPECT_EQ(r.status, 400);
    auto body = r.json();
    EXPECT_EQ(body["accepted"], 0);
    ASSERT_EQ(body["rejected"].size(), 1u);
    EXPECT_THAT(body["rejected"][0]["error"].get<std::string>(),
                HasSubstr("SCHEDULE_HOST_DOWNTIME"));
    auto unknown = post("/run_external_commands", R"({"commands": ["DISABLE_HOST_CHECK;nope"]})",
                        "application/json");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_THAT(unknown.body, HasSubstr("unknown host 'nope'"));
    auto good = post("/run_external_commands", R"({"commands": ["[5] DISABLE_HOST_CHECK;web1"]})",
                     "application/json");
    EXPECT_EQ(good.status, 200);
    ASSERT_TRUE(eventually([&] { return scheduler_.commands().size() == 1; }));
    EXPECT_THAT(scheduler_.commands(), ElementsAre("[5] DISABLE_HOST_CHECK;web1"));
}

TEST_F(ReceiverRoleTest, BasicAuthIsRequiredWhenUsersAreConfigured) {
    ReceiverOptions options;
    options.auth.users = {{"admin", "s3cret"}};
    start(options);
    const std::string line = R"({"commands": ["[5] DISABLE_HOST_CHECK;web1"]})";
    EXPECT_EQ(post("/run_external_commands", line, "application/json").status, 401);
    EXPECT_EQ(post("/run_external_commands", line, "application/json",
                   {{"authorization", "Basic YWRtaW46d3Jvbmc="}})  // admin:wrong
                  .status,
              401);
    EXPECT_EQ(post("/run_external_commands", line, "application/json",
                   {{"authorization", "Basic YWRtaW46czNjcmV0"}})  // admin:s3cret
                  .status,
              200);
    ASSERT_TRUE(eventually([&] { return scheduler_.commands().size() == 1; }));
}

TEST_F(ReceiverRoleTest, TheCommandFileTakesEchoedLinesAndPartialWrites) {
    ReceiverOptions options;
    options.command_file = dir_ / "rw" / "yagura.cmd";
    start(options);
    ASSERT_TRUE(eventually([&] { return fs::is_fifo(options.command_file); }));
    const auto path = options.command_file.string();
    ASSERT_EQ(std::system(fmt::format("echo '[1700000001] PROCESS_HOST_CHECK_RESULT;web1;0;up' "
                                      "> {} && echo 'NOT_A_COMMAND;x' > {}",
                                      path, path)
                              .c_str()),
              0);
    int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK);
    ASSERT_GE(fd, 0);
    const std::string first = "[1700000002] PROCESS_SERVICE_CHECK_RESULT;db1;";
    const std::string second = "Disk;2;full\n[1700000003] DISABLE_NOTIFICATIONS\n";
    ASSERT_EQ(::write(fd, first.data(), first.size()), static_cast<ssize_t>(first.size()));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(::write(fd, second.data(), second.size()), static_cast<ssize_t>(second.size()));
    ::close(fd);
    ASSERT_TRUE(eventually([&] { return scheduler_.commands().size() == 3; }));
    EXPECT_THAT(scheduler_.commands(),
                ElementsAre("[1700000001] PROCESS_HOST_CHECK_RESULT;web1;0;up",
                            "[1700000002] PROCESS_SERVICE_CHECK_RESULT;db1;Disk;2;full",
                            "[1700000003] DISABLE_NOTIFICATIONS"));
}

TEST_F(ReceiverRoleTest, TheArbitersConfigurationRoutesAndADeadPartsHostsStillWait) {
    start({});
    const nlohmann::json arbiter = {{"name", "arbiter-1"}, {"epoch", 1}};
    const nlohmann::json scheduler = {{"part_id", 7},
                                      {"flavor", "f"},
                                      {"name", "scheduler-7"},
                                      {"address", "127.0.0.1"},
                                      {"port", scheduler_.port()},
                                      {"use_ssl", false}};
    auto put = post("/put_conf",
                    nlohmann::json{{"arbiter", arbiter},
                                   {"kind", "receiver"},
                                   {"schedulers", {scheduler}},
                                   {"host_map", {{"app1", 7}}}}
                        .dump(),
                    "application/json");
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(post("/run_external_commands", "[1] DISABLE_HOST_CHECK;app1", "text/plain").status,
              200);
    ASSERT_TRUE(eventually([&] { return scheduler_.commands().size() == 1; }));
    // Its scheduler died: the arbiter tells the receiver to wait for a new configuration.
    auto idle =
        post("/wait_new_conf", nlohmann::json{{"arbiter", arbiter}}.dump(), "application/json");
    ASSERT_EQ(idle.status, 200) << idle.body;
    auto waiting = post("/run_external_commands", "[2] DISABLE_HOST_CHECK;app1", "text/plain");
    EXPECT_EQ(waiting.status, 200) << waiting.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(scheduler_.commands().size(), 1u);
    // A spare takes the part: what waited goes to it.
    StandInScheduler spare;
    auto moved = scheduler;
    moved["name"] = "spare";
    moved["port"] = spare.port();
    put = post("/put_conf",
               nlohmann::json{{"arbiter", arbiter},
                              {"kind", "receiver"},
                              {"schedulers", {moved}},
                              {"host_map", {{"app1", 7}}}}
                   .dump(),
               "application/json");
    ASSERT_EQ(put.status, 200) << put.body;
    ASSERT_TRUE(eventually([&] { return spare.commands().size() == 1; }));
    EXPECT_THAT(spare.commands(), ElementsAre("[2] DISABLE_HOST_CHECK;app1"));
}

class NscaTest : public ReceiverRoleTest, public ::testing::WithParamInterface<int> {};

TEST_P(NscaTest, DebianSendNscaDeliversAResult) {
    if (!fs::exists("/usr/sbin/send_nsca")) {
        GTEST_SKIP() << "send_nsca (package nsca-client) is not installed";
    }
    const int method = GetParam();
    ReceiverOptions options;
    NscaServerSettings nsca;
    nsca.host = "127.0.0.1";
    nsca.port = 0;
    nsca.protocol.encryption_method = method;
    nsca.protocol.password = method ? "not so secret" : "";
    options.nsca = nsca;
    start(options);
    const auto cfg = dir_ / "send_nsca.cfg";
    std::ofstream(cfg) << "encryption_method=" << method << "\n"
                       << (method ? "password=not so secret\n" : "");
    const auto port = role_->nsca_port();
    ASSERT_GT(port, 0);
    const auto command = fmt::format(
        // Sets are separated by ETB (0x17) in nsca 2.10: newlines belong to the output.
        "printf 'web1\\tHTTP\\t2\\tCRITICAL - no answer|time=10s\\nsecond line\\027"
        "db1\\t1\\thost down\\027' | "
        "/usr/sbin/send_nsca -H 127.0.0.1 -p {} -c {} >/dev/null",
        port, cfg.string());
    ASSERT_EQ(std::system(command.c_str()), 0);
    ASSERT_TRUE(eventually([&] { return scheduler_.commands().size() == 2; }))
        << ::testing::PrintToString(scheduler_.commands());
    auto lines = scheduler_.commands();
    // send_nsca escapes the newline of long output as "\\n", which the engine reads back.
    EXPECT_THAT(lines[0], HasSubstr("] PROCESS_SERVICE_CHECK_RESULT;web1;HTTP;2;CRITICAL - no "
                                    "answer|time=10s\\nsecond line"));
    EXPECT_THAT(lines[1], HasSubstr("] PROCESS_HOST_CHECK_RESULT;db1;1;host down"));
}

INSTANTIATE_TEST_SUITE_P(Encryption, NscaTest, ::testing::Values(0, 1));

TEST_F(ReceiverRoleTest, ANscaPacketWithTheWrongPasswordIsDropped) {
    ReceiverOptions options;
    NscaServerSettings nsca;
    nsca.host = "127.0.0.1";
    nsca.port = 0;
    nsca.protocol.encryption_method = 1;
    nsca.protocol.password = "right";
    options.nsca = nsca;
    start(options);
    const auto cfg = dir_ / "send_nsca.cfg";
    std::ofstream(cfg) << "encryption_method=1\npassword=wrong\n";
    const auto command = fmt::format(
        "printf 'web1\\tHTTP\\t2\\tbad\\n' | /usr/sbin/send_nsca -H 127.0.0.1 -p {} -c {} "
        ">/dev/null 2>&1",
        role_->nsca_port(), cfg.string());
    [[maybe_unused]] int ignored = std::system(command.c_str());
    auto stats = net::run_sync(client_io_, client_->get_json(peer_, "/stats"));
    ASSERT_TRUE(eventually([&] {
        auto s = net::run_sync(client_io_, client_->get_json(peer_, "/stats"));
        return s["commands"]["nsca"]["dropped_packets"] == 1;
    }));
    EXPECT_TRUE(scheduler_.commands().empty());
}

}  // namespace
}  // namespace yagura::receiver
