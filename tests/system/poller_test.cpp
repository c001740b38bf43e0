// Pollers with the real arbiter and scheduler: tags route checks to the poller serving them,
// real check_tcp results, and checks in flight on a poller killed with -9 done by another.
#include <chrono>
#include <filesystem>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/site.hpp"
#include "scheduler_site.hpp"

namespace yagura::harness {
namespace {

using namespace std::chrono_literals;

std::string link(const std::string& type, const std::string& name, std::uint16_t port, bool tls,
                 const std::string& extra = "") {
    return "define " + type + " {\n    " + type + "_name " + name +
           "\n    address 127.0.0.1\n    port " + std::to_string(port) + "\n    use_ssl " +
           (tls ? "1" : "0") + "\n" + extra + "}\n";
}

// A plugin that names the process that ran it: its parent is the poller (the command line
// needs no shell, so the poller spawns the script itself).
std::string write_whoami(Site& site, const std::string& name, int sleep_seconds) {
    std::string path = site.dir() / name;
    site.dir().write(
        name, "#!/bin/sh\nsleep " + std::to_string(sleep_seconds) + "\necho \"run by $PPID\"\n");
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    return path;
}

// One scheduler, the given pollers (name -> extra link lines), a reactionner that runs
// nothing, host web1 and `services` (define service bodies without the host).
void write_objects(Site& site, Daemon& arbiter, Daemon& scheduler,
                   const std::vector<std::pair<Daemon*, std::string>>& pollers, Daemon& reactionner,
                   const std::string& commands, const std::vector<std::string>& services) {
    bool tls = site.use_ssl();
    std::string text = link("arbiter", arbiter.name(), arbiter.port(), tls) +
                       link("scheduler", scheduler.name(), scheduler.port(), tls) +
                       link("reactionner", reactionner.name(), reactionner.port(), tls) +
                       link("broker", "broker-none", free_port(), tls) +
                       link("receiver", "receiver-none", free_port(), tls);
    for (const auto& [poller, extra] : pollers) {
        text += link("poller", poller->name(), poller->port(), tls, extra);
    }
    text += commands +
            "define command {\n    command_name host-up\n"
            "    command_line /usr/lib/nagios/plugins/check_dummy 0 up\n}\n"
            "define host {\n    host_name web1\n    address 127.0.0.1\n"
            "    check_command host-up\n    max_check_attempts 1\n"
            "    check_interval 600\n    retry_interval 600\n}\n";
    for (const auto& body : services) {
        text += "define service {\n    host_name web1\n" + body +
                "    max_check_attempts 1\n    check_interval 600\n    retry_interval 600\n}\n";
    }
    site.dir().write(arbiter.name() + "/objects/arbiter.cfg", text);
}

// interval_length 1: intervals in seconds; the first checks spread over one second.
std::map<std::string, std::string> fast_arbiter() {
    return {{"interval_length", "1"}, {"max_service_check_spread", "1"}};
}

TEST(PollerSystem, TaggedChecksRunOnlyOnTheirPollerAndCheckTcpGivesRealStates) {
    Site site;
    auto& scheduler = site.add("scheduler", "scheduler-1");
    auto& plain = site.add("poller", "poller-plain");
    auto& dmz = site.add("poller", "poller-dmz");
    auto& reactionner = site.add("reactionner", "reactionner-1");
    auto& arbiter = site.add("arbiter", "arbiter-master", fast_arbiter());
    std::string whoami = write_whoami(site, "whoami.sh", 0);
    std::string commands =
        "define command {\n    command_name whoami\n    command_line " + whoami + "\n}\n" +
        "define command {\n    command_name check_tcp\n"
        "    command_line /usr/lib/nagios/plugins/check_tcp -H 127.0.0.1 -p $ARG1$\n}\n";
    write_objects(site, arbiter, scheduler, {{&plain, ""}, {&dmz, "    poller_tags dmz\n"}},
                  reactionner, commands,
                  {"    service_description tagged\n    check_command whoami\n"
                   "    poller_tag dmz\n",
                   "    service_description untagged\n    check_command whoami\n",
                   "    service_description tcp-open\n    check_command check_tcp!" +
                       std::to_string(scheduler.port()) + "\n",
                   "    service_description tcp-closed\n    check_command check_tcp!" +
                       std::to_string(free_port()) + "\n"});
    for (auto* d : {&scheduler, &plain, &dmz, &reactionner, &arbiter}) {
        d->start();
    }

    auto checked = [&](const std::string& name) {
        return service(scheduler, name)["has_been_checked"] == true;
    };
    ASSERT_TRUE(wait_for(60s,
                         [&] {
                             return checked("tagged") && checked("untagged") &&
                                    checked("tcp-open") && checked("tcp-closed");
                         }))
        << arbiter.log() << scheduler.log();
    // Each whoami check names its poller: the tagged one the dmz poller, the other the
    // poller serving untagged checks (None).
    EXPECT_EQ(service(scheduler, "tagged")["output"],
              "run by " + std::to_string(dmz.process().pid()));
    EXPECT_EQ(service(scheduler, "untagged")["output"],
              "run by " + std::to_string(plain.process().pid()));
    EXPECT_EQ(dmz.get_json("/stats")["poller"]["configuration"]["tags"], nlohmann::json({"dmz"}));

    EXPECT_EQ(service(scheduler, "tcp-open")["state"], "OK")
        << service(scheduler, "tcp-open").dump();
    EXPECT_THAT(service(scheduler, "tcp-open")["output"].get<std::string>(),
                ::testing::HasSubstr("TCP OK"));
    EXPECT_EQ(service(scheduler, "tcp-closed")["state"], "CRITICAL")
        << service(scheduler, "tcp-closed").dump();
    EXPECT_THAT(service(scheduler, "tcp-closed")["output"].get<std::string>(),
                ::testing::HasSubstr("Connection refused"));
}

TEST(PollerSystem, ChecksInFlightOnAKilledPollerAreDoneByAnother) {
    Site site;
    auto& scheduler = site.add("scheduler", "scheduler-1");
    auto& doomed = site.add("poller", "poller-doomed");
    auto& survivor = site.add("poller", "poller-survivor");
    auto& reactionner = site.add("reactionner", "reactionner-1");
    auto& arbiter = site.add("arbiter", "arbiter-master", fast_arbiter());
    std::string slow = write_whoami(site, "slow.sh", 6);
    std::string commands =
        "define command {\n    command_name slow\n    command_line " + slow + "\n}\n";
    // time_to_orphanage 8: a check not back 8 s after it was handed out goes back to the
    // queue (the scheduler then looks for orphans as often).
    std::vector<std::string> services;
    for (int i = 1; i <= 3; ++i) {
        services.push_back("    service_description slow-" + std::to_string(i) +
                           "\n    check_command slow\n    time_to_orphanage 8\n");
    }
    write_objects(site, arbiter, scheduler, {{&doomed, ""}, {&survivor, ""}}, reactionner, commands,
                  services);
    // The survivor starts only once the doomed poller has the checks.
    for (auto* d : {&scheduler, &doomed, &reactionner, &arbiter}) {
        d->start();
    }
    ASSERT_TRUE(wait_for(
        60s,
        [&] { return doomed.get_json("/stats")["poller"]["actions"]["running"].get<int>() >= 1; }))
        << arbiter.log() << scheduler.log();
    doomed.kill9();
    survivor.start();

    std::string by_survivor = "run by " + std::to_string(survivor.process().pid());
    ASSERT_TRUE(wait_for(60s,
                         [&] {
                             for (int i = 1; i <= 3; ++i) {
                                 if (service(scheduler, "slow-" + std::to_string(i))["output"] !=
                                     by_survivor) {
                                     return false;
                                 }
                             }
                             return true;
                         }))
        << scheduler.get_json("/stats").dump() << survivor.get_json("/stats").dump();
    EXPECT_GE(stats(scheduler)["engine"]["checks"]["orphaned"].get<int>(), 1);
    EXPECT_GE(survivor.get_json("/stats")["poller"]["actions"]["done"].get<int>(), 1);
}

}  // namespace
}  // namespace yagura::harness
