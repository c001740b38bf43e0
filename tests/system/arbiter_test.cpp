#include <atomic>
#include <csignal>
#include <functional>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/site.hpp"
#include "harness/wait.hpp"

namespace yagura::harness {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

std::string define(const std::string& type, const Daemon& d, const std::string& extra = "") {
    return "define " + type + " {\n    " + type + "_name " + d.name() +
           "\n    address 127.0.0.1\n    port " + std::to_string(d.port()) + "\n" + extra + "}\n";
}

// Links for the kinds a test does not start, on ports nobody listens to: without them the
// config module adds default daemons on localhost's standard ports (Shinken's rule), where a
// daemon of another test run could be listening.
std::string absent(std::initializer_list<const char*> kinds) {
    std::string text;
    for (const char* kind : kinds) {
        text += "define " + std::string(kind) + " {\n    " + kind + "_name absent-" + kind +
                "\n    address 127.0.0.1\n    port " + std::to_string(free_port()) + "\n}\n";
    }
    return text;
}

std::string hosts(int count) {
    std::string text =
        "define command {\n    command_name check_dummy\n"
        "    command_line /usr/lib/nagios/plugins/check_dummy 0\n}\n";
    for (int i = 0; i < count; ++i) {
        text += "define host {\n    host_name host-" + std::to_string(i) +
                "\n    address 127.0.0.1\n    check_command check_dummy\n}\n";
    }
    return text;
}

// Replaces the arbiter's object files with `text` (the harness wrote only its define arbiter).
void write_objects(Site& site, const Daemon& arbiter, const std::string& text) {
    site.dir().write(arbiter.name() + "/objects/arbiter.cfg", text);
}

json managed(Daemon& d) {
    return d.get_json("/what_i_managed");
}

json configuration(Daemon& d) {
    return d.get_json("/stats")["configuration"];
}

// The scheduler names in a satellite's list, by part.
std::map<std::string, std::string> scheduler_list(Daemon& satellite) {
    std::map<std::string, std::string> out;
    auto held = configuration(satellite);
    for (const auto& s : held["schedulers"]) {
        out[std::to_string(s["part_id"].get<long>())] = s["name"].get<std::string>();
    }
    return out;
}

// Polls what_i_managed of every scheduler, as fast as they answer, until stopped, and records
// any moment two of them report the same part.
class OverlapWatch {
public:
    OverlapWatch(Site& site, std::vector<Daemon*> schedulers)
        : schedulers_(std::move(schedulers)),
          client_(site.client_tls(), std::chrono::seconds(2)),
          thread_([this] { run(); }) {}
    ~OverlapWatch() { stop(); }

    void stop() {
        stop_ = true;
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    int rounds() const { return rounds_; }
    const std::string& overlap() const { return overlap_; }
    // The schedulers that reported any part at some point (read after stop()).
    const std::set<std::string>& ever_held() const { return ever_held_; }

private:
    void run() {
        // Bounded: at most 10 minutes of rounds, far beyond any test here.
        for (int i = 0; i < 6000 && !stop_; ++i) {
            std::map<std::string, std::string> owner;
            for (auto* s : schedulers_) {
                json parts;
                try {
                    parts = client_.get_json(s->endpoint(), "/what_i_managed");
                } catch (const std::exception&) {
                    continue;  // killed or restarting: holds nothing
                }
                for (const auto& [part, flavor] : parts.items()) {
                    if (owner.contains(part) && overlap_.empty()) {
                        overlap_ =
                            "part " + part + " reported by " + owner[part] + " and " + s->name();
                    }
                    owner[part] = s->name();
                    ever_held_.insert(s->name());
                }
            }
            ++rounds_;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }

    std::vector<Daemon*> schedulers_;
    TestClient client_;
    std::atomic<bool> stop_{false};
    std::atomic<int> rounds_{0};
    std::string overlap_;
    std::set<std::string> ever_held_;
    std::thread thread_;
};

// (a) Default timers: check_interval 1 s, timeout 3 s, max_check_attempts 3.
TEST(ArbiterFailover, ADeadSchedulersPartRunsOnTheSpareAndTheReturningOneIsIdled) {
    Site site;
    auto& s1 = site.add("scheduler", "scheduler-1");
    auto& s2 = site.add("scheduler", "scheduler-2");
    auto& spare = site.add("scheduler", "scheduler-spare");
    auto& poller = site.add("poller", "poller-1");
    auto& receiver = site.add("receiver", "receiver-1");
    auto& arbiter = site.add("arbiter", "arbiter-master");
    write_objects(site, arbiter,
                  define("arbiter", arbiter) + define("scheduler", s1) + define("scheduler", s2) +
                      define("scheduler", spare, "    spare 1\n") + define("poller", poller) +
                      define("receiver", receiver) + absent({"reactionner", "broker"}) + hosts(6));
    for (auto* d : {&s1, &s2, &spare, &poller, &receiver, &arbiter}) {
        d->start();
    }
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return managed(s1).size() == 1 && managed(s2).size() == 1 &&
               scheduler_list(poller).size() == 2 && scheduler_list(receiver).size() == 2;
    })) << arbiter.log();
    EXPECT_EQ(configuration(receiver)["hosts"], 6) << "the receiver's host -> part map";
    EXPECT_TRUE(managed(spare).empty());
    auto part = managed(s1).begin().key();
    EXPECT_EQ(scheduler_list(poller)[part], "scheduler-1");

    OverlapWatch watch(site, {&s1, &s2, &spare});
    s1.kill9();
    auto killed_at = Clock::now();
    // The bound at default timers: 3 failed pings take about 3 s, the pushes a few ms.
    bool moved = wait_for(std::chrono::seconds(10), [&] {
        return managed(spare).contains(part) && scheduler_list(poller)[part] == "scheduler-spare";
    });
    auto took = std::chrono::duration<double>(Clock::now() - killed_at).count();
    ASSERT_TRUE(moved) << "after " << took << " s\n" << arbiter.log();
    std::printf("part %s on the spare and in the poller's list %.1f s after kill -9\n",
                part.c_str(), took);
    EXPECT_EQ(managed(s2).size(), 1u) << "the other scheduler keeps its part";
    EXPECT_TRUE(wait_for(std::chrono::seconds(10), [&] {
        return scheduler_list(receiver)[part] == "scheduler-spare";
    })) << "the receiver routes the part's commands to the spare";

    s1.start();
    // The restarted scheduler is told to wait for a new configuration: it then holds nothing
    // and has accepted the arbiter's epoch (a fresh process has accepted none).
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return configuration(s1)["accepted_from"] == "arbiter-master";
    })) << arbiter.log();
    EXPECT_EQ(configuration(s1)["received"], false);
    // Idle it stays: its part remains with the spare (no failback by default).
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_TRUE(managed(s1).empty());
    EXPECT_TRUE(managed(spare).contains(part));
    EXPECT_EQ(scheduler_list(poller)[part], "scheduler-spare");

    watch.stop();
    EXPECT_GT(watch.rounds(), 10);
    EXPECT_EQ(watch.overlap(), "") << "two schedulers ran one part";
    auto states = arbiter.get_json("/get_all_states");
    for (const auto& s : states["scheduler"]) {
        EXPECT_TRUE(s["alive"].get<bool>()) << s.dump();
    }
}

TEST(ArbiterFailover, FailbackGivesThePartBackAfterIdlingTheSpare) {
    Site site;
    auto& s1 = site.add("scheduler", "scheduler-1");
    auto& spare = site.add("scheduler", "scheduler-spare");
    auto& poller = site.add("poller", "poller-1");
    auto& arbiter = site.add("arbiter", "arbiter-master");
    write_objects(site, arbiter,
                  define("arbiter", arbiter) + define("scheduler", s1, "    failback 1\n") +
                      define("scheduler", spare, "    spare 1\n") + define("poller", poller) +
                      absent({"reactionner", "broker", "receiver"}) + hosts(2));
    for (auto* d : {&s1, &spare, &poller, &arbiter}) {
        d->start();
    }
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] { return managed(s1).size() == 1; }));
    auto part = managed(s1).begin().key();
    OverlapWatch watch(site, {&s1, &spare});
    s1.kill9();
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] { return managed(spare).contains(part); }))
        << arbiter.log();
    s1.start();
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return managed(s1).contains(part) && managed(spare).empty() &&
               scheduler_list(poller)[part] == "scheduler-1";
    })) << arbiter.log();
    watch.stop();
    EXPECT_EQ(watch.overlap(), "");
}

// Shinken #1615: one failed ping re-dispatched. A scheduler restarted at once (it fails a check
// or two, fewer than its max_check_attempts) gets its own part back; the spare gets nothing.
TEST(ArbiterFailover, AQuicklyRestartedSchedulerGetsItsPartBackAndNothingMoves) {
    Site site;
    auto& s1 = site.add("scheduler", "scheduler-1");
    auto& spare = site.add("scheduler", "scheduler-spare");
    auto& poller = site.add("poller", "poller-1");
    auto& arbiter = site.add("arbiter", "arbiter-master");
    // Many attempts so that a slow restart on a loaded machine still counts as "quick".
    write_objects(site, arbiter,
                  define("arbiter", arbiter) +
                      define("scheduler", s1, "    max_check_attempts 20\n") +
                      define("scheduler", spare, "    spare 1\n") + define("poller", poller) +
                      absent({"reactionner", "broker", "receiver"}) + hosts(2));
    for (auto* d : {&s1, &spare, &poller, &arbiter}) {
        d->start();
    }
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] { return managed(s1).size() == 1; }))
        << arbiter.log();
    auto part = managed(s1).begin().key();
    OverlapWatch watch(site, {&s1, &spare});
    s1.kill9();
    // Restarted once the arbiter has seen it fail, well before it is declared dead.
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        auto states = arbiter.get_json("/get_all_states");  // named: the loop reads into it
        for (const auto& s : states["scheduler"]) {
            if (s["name"] == "scheduler-1") {
                return s["attempts"].get<int>() >= 1 && s["alive"].get<bool>();
            }
        }
        return false;
    })) << arbiter.log();
    s1.start();
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] { return managed(s1).contains(part); }))
        << arbiter.log();
    watch.stop();
    EXPECT_GT(watch.rounds(), 5);
    EXPECT_FALSE(watch.ever_held().contains("scheduler-spare")) << arbiter.log();
    EXPECT_EQ(scheduler_list(poller)[part], "scheduler-1");
}

// (b) Master and spare arbiter.
TEST(ArbiterSpare, TakesOverWhenTheMasterDiesAndStepsBackWhenItReturns) {
    Site site;
    auto& scheduler = site.add("scheduler", "scheduler-1");
    auto& poller = site.add("poller", "poller-1");
    auto& master = site.add("arbiter", "arbiter-master");
    auto& spare = site.add("arbiter", "arbiter-spare");
    auto objects = define("arbiter", master) + define("arbiter", spare, "    spare 1\n") +
                   define("scheduler", scheduler) + define("poller", poller) +
                   absent({"reactionner", "broker", "receiver"}) + hosts(3);
    write_objects(site, master, objects);  // the same files on both: what rsync gives
    write_objects(site, spare, objects);
    master.add_arguments({"-n", "arbiter-master"});
    spare.add_arguments({"-n", "arbiter-spare"});
    for (auto* d : {&scheduler, &poller, &master, &spare}) {
        d->start();
    }
    auto accepted_from = [](Daemon& d) {
        return configuration(d)["accepted_from"].get<std::string>();
    };
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return managed(scheduler).size() == 1 && accepted_from(poller) == "arbiter-master" &&
               spare.get_json("/have_conf") == true;
    })) << master.log();
    EXPECT_FALSE(spare.get_json("/stats")["arbiter"]["active"].get<bool>());
    auto flavor = managed(scheduler).begin().value();

    master.kill9();
    // The spare's timers: the master's check_interval 1 s x max_check_attempts 3, then its
    // pushes (a confirmation to the scheduler, the poller's list) carry its newer epoch.
    ASSERT_TRUE(wait_for(std::chrono::seconds(15), [&] {
        return spare.get_json("/stats")["arbiter"]["active"].get<bool>() &&
               accepted_from(scheduler) == "arbiter-spare" &&
               accepted_from(poller) == "arbiter-spare";
    })) << spare.log();
    EXPECT_EQ(managed(scheduler).begin().value(), flavor) << "the same part, not re-sent";
    EXPECT_THAT(spare.get_json("/stats")["arbiter"]["configuration"]["source"].get<std::string>(),
                HasSubstr("master arbiter arbiter-master"))
        << "the spare dispatches what the master sent it";

    master.start();
    ASSERT_TRUE(wait_for(std::chrono::seconds(30),
                         [&] {
                             return !spare.get_json("/stats")["arbiter"]["active"].get<bool>() &&
                                    accepted_from(scheduler) == "arbiter-master" &&
                                    accepted_from(poller) == "arbiter-master";
                         }))
        << spare.log() << master.log();
    EXPECT_THAT(spare.log(), HasSubstr("steps back"));
}

TEST(ArbiterSpare, ASpareStartedAloneTakesOverAfterItsTimers) {
    Site site;
    auto& scheduler = site.add("scheduler", "scheduler-1");
    auto& poller = site.add("poller", "poller-1");
    auto& spare = site.add("arbiter", "arbiter-spare");
    std::uint16_t nobody = free_port();
    auto objects =
        "define arbiter {\n    arbiter_name arbiter-master\n    address 127.0.0.1\n"
        "    port " +
        std::to_string(nobody) + "\n}\n" + define("arbiter", spare, "    spare 1\n") +
        define("scheduler", scheduler) + define("poller", poller) +
        absent({"reactionner", "broker", "receiver"}) + hosts(2);
    write_objects(site, spare, objects);
    spare.add_arguments({"-n", "arbiter-spare"});
    for (auto* d : {&scheduler, &poller, &spare}) {
        d->start();
    }
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return managed(scheduler).size() == 1 &&
               configuration(scheduler)["accepted_from"] == "arbiter-spare";
    })) << spare.log();
}

// (c)
TEST(ArbiterReload, ABrokenFileIsRefusedAndChangesNothingAFixedOneDispatchesOnlyWhatChanged) {
    Site site;
    auto& s1 = site.add("scheduler", "scheduler-1");
    auto& s2 = site.add("scheduler", "scheduler-2");
    auto& poller = site.add("poller", "poller-1");
    auto& arbiter = site.add("arbiter", "arbiter-master");
    write_objects(site, arbiter,
                  define("arbiter", arbiter) + define("scheduler", s1) + define("scheduler", s2) +
                      define("poller", poller) + absent({"reactionner", "broker", "receiver"}) +
                      hosts(4));
    for (auto* d : {&s1, &s2, &poller, &arbiter}) {
        d->start();
    }
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return managed(s1).size() == 1 && managed(s2).size() == 1;
    })) << arbiter.log();
    auto before1 = managed(s1);
    auto before2 = managed(s2);
    auto parts_before = arbiter.get_json("/stats")["arbiter"]["parts"];

    auto broken = site.dir().write(arbiter.name() + "/objects/broken.cfg",
                                   "define host {\n    host_name new-host\n"
                                   "    max_check_attempts lots\n}\n");
    auto answer = site.client().post(arbiter.endpoint(), "/reload_configuration", "");
    EXPECT_EQ(answer.status, 400);
    auto refusal = json::parse(answer.body);
    EXPECT_EQ(refusal["error"], "configuration refused");
    ASSERT_FALSE(refusal["errors"].empty());
    EXPECT_THAT(refusal["errors"][0].get<std::string>(), HasSubstr("broken.cfg:"));
    arbiter.process().signal(SIGHUP);
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        auto log = arbiter.log();
        auto first = log.find("the new configuration is refused");
        return first != std::string::npos &&
               log.find("the new configuration is refused", first + 1) != std::string::npos;
    })) << arbiter.log();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    EXPECT_EQ(managed(s1), before1);
    EXPECT_EQ(managed(s2), before2);
    EXPECT_EQ(arbiter.get_json("/stats")["arbiter"]["parts"], parts_before);

    site.dir().write(arbiter.name() + "/objects/broken.cfg",
                     "define host {\n    host_name new-host\n    max_check_attempts 5\n}\n");
    answer = site.client().post(arbiter.endpoint(), "/reload_configuration", "");
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto reloaded = json::parse(answer.body);
    EXPECT_EQ(reloaded["hosts_moved"], 0);
    EXPECT_EQ(reloaded["hosts_new"], 1);
    int changed = 0;
    for (const auto& p : reloaded["parts"]) {
        changed += p["changed"].get<bool>() ? 1 : 0;
    }
    EXPECT_EQ(changed, 1) << "only the part that got the new host";
    ASSERT_TRUE(wait_for(std::chrono::seconds(30), [&] {
        return (managed(s1) != before1) != (managed(s2) != before2);
    })) << arbiter.log();
    (void)broken;
}

// `yagura-arbiter -v`: the dispatch errors with the hosts and realms at fault, else how the
// configuration would be dispatched.
TEST(ArbiterVerify, DashVNamesAShardAcrossRealmsAndShowsTheDispatch) {
    Site site;
    auto& arbiter = site.add("arbiter", "arbiter-master");
    auto realms =
        std::string(
            "define realm {\n    realm_name World\n    realm_members Europe,Asia\n"
            "    default 1\n}\n") +
        "define realm {\n    realm_name Europe\n}\ndefine realm {\n    realm_name Asia\n}\n"
        "define scheduler {\n    scheduler_name s-eu\n    realm Europe\n}\n"
        "define scheduler {\n    scheduler_name s-asia\n    realm Asia\n}\n"
        "define poller {\n    poller_name p\n    realm World\n}\n" +
        hosts(0);
    auto host = [](const std::string& name, const std::string& realm, const std::string& extra) {
        return "define host {\n    host_name " + name + "\n    realm " + realm +
               "\n    check_command check_dummy\n" + extra + "}\n";
    };
    write_objects(site, arbiter,
                  define("arbiter", arbiter) + realms + host("paris", "Europe", "") +
                      host("tokyo", "Asia", "    parents paris\n"));
    auto cwd = site.dir().path().string();
    auto refused = run_command(executable("arbiter"), {"-v", "-c", arbiter.config_file()}, cwd);
    EXPECT_EQ(refused.status.code, 1) << refused.output;
    EXPECT_THAT(refused.output, HasSubstr("host 'tokyo' (realm Asia)"));
    EXPECT_THAT(refused.output, HasSubstr("host 'paris' (realm Europe)"));
    EXPECT_THAT(refused.output, HasSubstr("Configuration is incorrect"));

    write_objects(site, arbiter,
                  define("arbiter", arbiter) + realms + host("paris", "Europe", "") +
                      host("tokyo", "Asia", ""));
    auto accepted = run_command(executable("arbiter"), {"-v", "-c", arbiter.config_file()}, cwd);
    EXPECT_TRUE(accepted.status.clean()) << accepted.output;
    EXPECT_THAT(accepted.output, HasSubstr("How the configuration would be dispatched"));
    EXPECT_THAT(accepted.output, HasSubstr("s-asia"));
    EXPECT_THAT(accepted.output, HasSubstr("Configuration is correct"));
}

}  // namespace
}  // namespace yagura::harness
