// The receiver between senders and the real scheduler, configured by the real arbiter: passive
// results by HTTP form, JSON, the command_file pipe and Debian's send_nsca change states;
// malformed lines change nothing; results pushed while the scheduler is down are applied, in
// order, once it is back.
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/net/client.hpp>
#include <yagura/net/run_sync.hpp>

#include "harness/site.hpp"
#include "harness/wait.hpp"

namespace yagura::harness {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

constexpr int kHosts = 20;

std::string define(const std::string& type, const Daemon& d) {
    return fmt::format("define {} {{\n    {}_name {}\n    address 127.0.0.1\n    port {}\n}}\n",
                       type, type, d.name(), d.port());
}

// Hosts with one passive service each; nothing active runs (there is no poller).
std::string objects(int hosts) {
    std::string text =
        "define command {\n    command_name check_dummy\n"
        "    command_line /usr/lib/nagios/plugins/check_dummy 0\n}\n";
    for (int i = 0; i < hosts; ++i) {
        text += fmt::format(
            "define host {{\n    host_name host-{0}\n    address 127.0.0.1\n"
            "    check_command check_dummy\n    active_checks_enabled 0\n"
            "    max_check_attempts 1\n}}\n"
            "define service {{\n    host_name host-{0}\n    service_description passive\n"
            "    check_command check_dummy\n    active_checks_enabled 0\n"
            "    passive_checks_enabled 1\n    max_check_attempts 1\n"
            "    check_interval 5\n    retry_interval 1\n}}\n",
            i);
    }
    return text;
}

class ReceiverSystemTest : public ::testing::Test {
protected:
    ReceiverSystemTest()
        : scheduler_(site_.add("scheduler", "scheduler-1")),
          receiver_(site_.add("receiver", "receiver-1")),
          arbiter_(site_.add("arbiter", "arbiter-1")) {
        pipe_ = std::filesystem::path(site_.dir() / "receiver-1") / "rw" / "yagura.cmd";
        nsca_port_ = free_port();
        // The harness wrote [daemon]; the receiver's own section follows it.
        auto ini = read_file(receiver_.config_file());
        site_.dir().write("receiver-1/receiver.ini",
                          ini + fmt::format("[receiver]\ncommand_file = {}\nnsca_port = {}\n"
                                            "nsca_host = 127.0.0.1\nnsca_encryption_method = 1\n"
                                            "nsca_password = s3cret\n",
                                            pipe_.string(), nsca_port_));
        site_.dir().write("arbiter-1/objects/arbiter.cfg",
                          define("arbiter", arbiter_) + define("scheduler", scheduler_) +
                              define("receiver", receiver_) + objects(kHosts));
        scheduler_.start();
        receiver_.start();
        arbiter_.start();
        // The arbiter has dispatched: the receiver knows where every host goes.
        EXPECT_TRUE(wait_for(std::chrono::seconds(60), [&] {
            auto c = receiver_.get_json("/stats")["commands"];
            return c["routes_known"] == true && c["hosts"] == kHosts;
        })) << receiver_.get_json("/stats").dump();
    }

    json service(int host) {
        return scheduler_.get_json(fmt::format("/get_service?host=host-{}&service=passive", host));
    }

    // A POST with the content type a sender gives (curl -d, ws_arbiter, JSON clients).
    net::ClientResponse post(const net::Endpoint& to, const std::string& target,
                             const std::string& body, const std::string& type) {
        if (!client_) {
            net::ClientSettings settings{.tls = site_.client_tls()};
            client_ = std::make_unique<net::HttpClient>(io_, settings);
        }
        net::CallOptions options;
        options.headers["content-type"] = type;
        return net::run_sync(io_, client_->request(to, "POST", target, body, options));
    }

    Site site_;
    boost::asio::io_context io_;
    std::unique_ptr<net::HttpClient> client_;
    Daemon& scheduler_;
    Daemon& receiver_;
    Daemon& arbiter_;
    std::filesystem::path pipe_;
    std::uint16_t nsca_port_ = 0;
};

TEST_F(ReceiverSystemTest, ResultsByFormJsonPipeAndNscaChangeStatesAndBadLinesChangeNothing) {
    // The scheduler may answer 404 until its part arrived: wait for it.
    ASSERT_TRUE(
        wait_for(std::chrono::seconds(60), [&] { return service(0)["state"] == "PENDING"; }));

    auto form =
        post(receiver_.endpoint(), "/push_check_result",
             "host_name=host-0&service_description=passive&return_code=2&output=CRITICAL+by+form",
             "application/x-www-form-urlencoded");
    EXPECT_EQ(form.status, 200) << form.body;
    auto by_json =
        post(receiver_.endpoint(), "/push_check_result",
             R"([{"host_name": "host-1", "service_description": "passive", "return_code": 1,
             "output": "WARNING by json"}])",
             "application/json");
    EXPECT_EQ(by_json.status, 200) << by_json.body;
    ASSERT_EQ(std::system(fmt::format("echo '[{}] PROCESS_SERVICE_CHECK_RESULT;host-2;passive;3;"
                                      "UNKNOWN by pipe' > {}",
                                      std::time(nullptr), pipe_.string())
                              .c_str()),
              0);
    site_.dir().write("send_nsca.cfg", "encryption_method=1\npassword=s3cret\n");
    ASSERT_EQ(std::system(fmt::format("printf 'host-3\\tpassive\\t2\\tCRITICAL by nsca\\027' | "
                                      "/usr/sbin/send_nsca -H 127.0.0.1 -p {} -c {} >/dev/null",
                                      nsca_port_, site_.dir() / "send_nsca.cfg")
                              .c_str()),
              0);
    // The arbiter takes commands too, routed the same way.
    auto via_arbiter = post(
        arbiter_.endpoint(), "/run_external_commands",
        R"({"commands": ["PROCESS_SERVICE_CHECK_RESULT;host-4;passive;1;WARNING via arbiter"]})",
        "application/json");
    EXPECT_EQ(via_arbiter.status, 200) << via_arbiter.body;

    const std::vector<std::pair<std::string, std::string>> expected = {
        {"CRITICAL", "CRITICAL by form"},
        {"WARNING", "WARNING by json"},
        {"UNKNOWN", "UNKNOWN by pipe"},
        {"CRITICAL", "CRITICAL by nsca"},
        {"WARNING", "WARNING via arbiter"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_TRUE(wait_for(std::chrono::seconds(30),
                             [&] {
                                 auto s = service(static_cast<int>(i));
                                 return s["state"] == expected[i].first &&
                                        s["output"] == expected[i].second;
                             }))
            << i << ": " << service(static_cast<int>(i)).dump();
    }

    // A batch with one malformed line is refused whole: host-5 stays PENDING.
    auto bad = post(receiver_.endpoint(), "/run_external_commands",
                    "PROCESS_SERVICE_CHECK_RESULT;host-5;passive;0;fine\n"
                    "PROCESS_SERVICE_CHECK_RESULT;host-5;passive;zero;oops\n",
                    "text/plain");
    EXPECT_EQ(bad.status, 400);
    EXPECT_THAT(bad.body, HasSubstr("oops"));
    auto unknown = post(receiver_.endpoint(), "/push_check_result",
                        R"({"host_name": "ghost", "return_code": 0})", "application/json");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_THAT(unknown.body, HasSubstr("unknown host 'ghost'"));
    // Something valid sent after them arrives; the refused ones never did.
    auto after = post(receiver_.endpoint(), "/run_external_commands",
                      "PROCESS_SERVICE_CHECK_RESULT;host-6;passive;0;later\n", "text/plain");
    EXPECT_EQ(after.status, 200);
    ASSERT_TRUE(
        wait_for(std::chrono::seconds(30), [&] { return service(6)["output"] == "later"; }));
    EXPECT_EQ(service(5)["state"], "PENDING");
}

TEST_F(ReceiverSystemTest, TenThousandResultsWhileTheSchedulerIsDownAreAppliedInOrder) {
    ASSERT_TRUE(
        wait_for(std::chrono::seconds(60), [&] { return service(0)["state"] == "PENDING"; }));
    ASSERT_TRUE(scheduler_.stop().has_value());
    // 10,000 results, 500 per post, cycling over the hosts: the last result of each service
    // says which one it was, so any reordering or loss shows in the final outputs.
    constexpr int kResults = 10'000;
    for (int first = 0; first < kResults; first += 500) {
        json batch = json::array();
        for (int i = first; i < first + 500; ++i) {
            batch.push_back({{"host_name", fmt::format("host-{}", i % kHosts)},
                             {"service_description", "passive"},
                             {"return_code", i % 3},
                             {"output", fmt::format("result {}", i)}});
        }
        auto r = post(receiver_.endpoint(), "/push_check_result", batch.dump(), "application/json");
        ASSERT_EQ(r.status, 200) << r.body;
    }
    auto queued = receiver_.get_json("/stats")["commands"]["queued"].get<int>();
    EXPECT_EQ(queued, kResults);
    scheduler_.start();
    ASSERT_TRUE(wait_for(std::chrono::seconds(120), [&] {
        return receiver_.get_json("/stats")["commands"]["queued"] == 0;
    })) << receiver_.get_json("/stats")["commands"].dump();
    auto part = receiver_.get_json("/stats")["commands"]["parts"].begin().value();
    EXPECT_EQ(part["delivered"], kResults) << part.dump();
    for (int h = 0; h < kHosts; ++h) {
        const int last = kResults - kHosts + h;
        auto s = service(h);
        EXPECT_EQ(s["output"], fmt::format("result {}", last)) << s.dump();
    }
}

}  // namespace
}  // namespace yagura::harness
