#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/dispatch/plan.hpp>

#include "test_config.hpp"

namespace yagura::dispatch {
namespace {

using ::testing::ElementsAre;
using testing::errors_text;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::TestConfig;

Liveness dead(std::initializer_list<std::pair<DaemonKind, std::string>> names) {
    Liveness live;
    for (const auto& [kind, name] : names) {
        live.dead.insert({kind, name});
    }
    return live;
}

PartId part_of_home(const Plan& plan, const std::string& home) {
    const auto* part = plan.layout.find_home(home);
    return part == nullptr ? -1 : part->id;
}

std::vector<PartId> parts_of(const Plan& plan, DaemonKind kind, const std::string& name) {
    const auto* work = plan.assignment.find(kind, name);
    return work == nullptr ? std::vector<PartId>{} : work->parts;
}

// World (default) > Europe > Paris; each realm one host.
TestConfig realms_site() {
    TestConfig site;
    site.realm("World", "Europe", true);
    site.realm("Europe", "Paris");
    site.realm("Paris");
    site.host("hq", 1);
    site.host("berlin", 1, {{"realm", "Europe"}});
    site.host("louvre", 1, {{"realm", "Paris"}});
    site.scheduler("world-1", "World");
    site.scheduler("europe-1", "Europe");
    site.scheduler("paris-1", "Paris");
    site.reactionner("reactionner-world", "World");
    site.broker("broker-world", "World");
    site.receiver("receiver-world", "World");
    return site;
}

TEST(Schedulers, EachHomeRunsItsOwnPart) {
    TestConfig site = realms_site();
    site.poller("poller-world", "World");
    auto plan = make_plan(site.config, {}, nullptr);
    ASSERT_TRUE(plan.ok()) << errors_text(plan.errors);
    for (const auto& part : plan.layout.parts) {
        EXPECT_EQ(plan.assignment.runner_of(part.id), part.home);
    }
}

TEST(Schedulers, ADeadSchedulersPartGoesToASpareOfItsRealmBeforeOneOfAHigherRealm) {
    TestConfig site = realms_site();
    site.poller("poller-world", "World");
    site.scheduler("world-spare", "World", 1, true);
    site.scheduler("paris-spare", "Paris", 1, true);
    site.scheduler("europe-spare", "Europe", 1, true);
    auto plan = make_plan(site.config, dead({{DaemonKind::scheduler, "paris-1"}}), nullptr);
    ASSERT_TRUE(plan.ok()) << errors_text(plan.errors);
    EXPECT_EQ(plan.assignment.runner_of(part_of_home(plan, "paris-1")), "paris-spare");

    // Without a spare of its own realm: the nearest realm above (Europe before World).
    auto second = make_plan(
        site.config,
        dead({{DaemonKind::scheduler, "paris-1"}, {DaemonKind::scheduler, "paris-spare"}}),
        nullptr);
    EXPECT_EQ(second.assignment.runner_of(part_of_home(second, "paris-1")), "europe-spare");

    // A spare of a lower realm never takes a part of a higher realm.
    auto third = make_plan(
        site.config,
        dead({{DaemonKind::scheduler, "world-1"}, {DaemonKind::scheduler, "world-spare"}}),
        nullptr);
    EXPECT_EQ(third.assignment.runner_of(part_of_home(third, "world-1")), "");
    EXPECT_THAT(errors_text(third.warnings), HasSubstr("has no live scheduler"));
}

TEST(Schedulers, ASpareRunsOnePartAtATime) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    site.scheduler("spare", "", 1, true);
    site.host("a");
    site.host("b");
    auto plan = make_plan(
        site.config, dead({{DaemonKind::scheduler, "s1"}, {DaemonKind::scheduler, "s2"}}), nullptr);
    std::set<std::string> runners;
    for (const auto& [part, runner] : plan.assignment.runner) {
        runners.insert(runner);
    }
    EXPECT_THAT(runners, ElementsAre("spare"));
    EXPECT_EQ(plan.assignment.runner.size(), 1u);
    EXPECT_EQ(plan.warnings.size(), 1u);
}

TEST(Schedulers, AReturningHomeStaysIdleUnlessFailback) {
    for (bool failback : {false, true}) {
        TestConfig site;
        site.satellites();
        site.scheduler("master", "", 1, false, {{"failback", failback ? "1" : "0"}});
        site.scheduler("spare", "", 1, true);
        site.host("a");
        auto down = make_plan(site.config, dead({{DaemonKind::scheduler, "master"}}), nullptr);
        PartId part = part_of_home(down, "master");
        ASSERT_EQ(down.assignment.runner_of(part), "spare");

        auto back = down;
        reassign(back, Liveness{});
        EXPECT_EQ(back.assignment.runner_of(part), failback ? "master" : "spare")
            << "failback " << failback;
        EXPECT_EQ(back.assignment.part_run_by(failback ? "spare" : "master"), -1);
    }
}

TEST(Schedulers, AnIdleReturnedMasterTakesThePartOfTheNextSchedulerToDie) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    site.scheduler("spare", "", 1, true);
    site.host("a");
    site.host("b");
    auto plan = make_plan(site.config, dead({{DaemonKind::scheduler, "s1"}}), nullptr);
    reassign(plan, Liveness{});  // s1 is back, idle: its part stays on the spare
    ASSERT_EQ(plan.assignment.part_run_by("s1"), -1);
    reassign(plan, dead({{DaemonKind::scheduler, "s2"}}));
    EXPECT_EQ(plan.assignment.runner_of(part_of_home(plan, "s2")), "s1");
    EXPECT_EQ(plan.assignment.runner_of(part_of_home(plan, "s1")), "spare");
}

TEST(Satellites, PollersServeTheirRealmAndSubRealmsWhenTheyManageThem) {
    TestConfig site = realms_site();
    site.poller("poller-world", "World");  // manage_sub_realms 1 (the default)
    site.poller("poller-europe-only", "Europe", false, {{"manage_sub_realms", "0"}});
    site.poller("poller-paris", "Paris");
    auto plan = make_plan(site.config, {}, nullptr);
    ASSERT_TRUE(plan.ok()) << errors_text(plan.errors);
    PartId world = part_of_home(plan, "world-1");
    PartId europe = part_of_home(plan, "europe-1");
    PartId paris = part_of_home(plan, "paris-1");
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "poller-world"),
                ElementsAre(world, europe, paris));
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "poller-europe-only"), ElementsAre(europe));
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "poller-paris"), ElementsAre(paris));
}

TEST(Satellites, ListsOnlyPartsThatHaveARunner) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    site.host("a");
    site.host("b");
    auto plan = make_plan(site.config, dead({{DaemonKind::scheduler, "s1"}}), nullptr);
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "poller-All"),
                ElementsAre(part_of_home(plan, "s2")));
}

TEST(Satellites, ADeadPollersWorkGoesToASpareOfItsRealmThenOfAHigherRealm) {
    TestConfig site = realms_site();
    site.poller("poller-paris", "Paris");
    site.poller("poller-world", "World", false, {{"manage_sub_realms", "0"}});
    site.poller("spare-world", "World", true);
    site.poller("spare-paris", "Paris", true);
    site.poller("spare-europe", "Europe", true);
    site.poller("spare-europe-flat", "Europe", true, {{"manage_sub_realms", "0"}});
    auto live = dead({{DaemonKind::poller, "poller-paris"}});
    auto plan = make_plan(site.config, live, nullptr);
    PartId paris = part_of_home(plan, "paris-1");
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "spare-paris"), ElementsAre(paris));
    EXPECT_THAT(plan.assignment.find(DaemonKind::poller, "spare-paris")->replaces,
                ElementsAre("poller-paris"));
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "spare-europe"), IsEmpty());

    live.dead.insert({DaemonKind::poller, "spare-paris"});
    plan = make_plan(site.config, live, nullptr);
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "spare-europe"), ElementsAre(paris))
        << "Europe is nearer than World; spare-europe-flat does not manage sub-realms";
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "spare-europe-flat"), IsEmpty());
}

TEST(Satellites, ASpareNeverTakesWorkWhoseTagsItLacks) {
    TestConfig site;
    site.reactionner("reactionner");
    site.broker("broker");
    site.receiver("receiver");
    site.scheduler("s1");
    site.command("check_dmz", {{"poller_tag", "DMZ"}});
    site.host("a", 0, {{"check_command", "check_dmz"}});
    site.host("b", 0, {{"check_command", "check_dmz"}, {"poller_tag", "None"}});
    site.poller("poller-dmz", "", false, {{"poller_tags", "DMZ,None"}});
    site.poller("spare-untagged", "", true);  // None only
    site.poller("spare-z-dmz", "", true, {{"poller_tags", "None,DMZ,LAN"}});
    auto plan = make_plan(site.config, dead({{DaemonKind::poller, "poller-dmz"}}), nullptr);
    ASSERT_TRUE(plan.ok()) << errors_text(plan.errors);
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "spare-untagged"), IsEmpty());
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "spare-z-dmz"),
                ElementsAre(part_of_home(plan, "s1")));
}

TEST(Satellites, TagsTheRealmDoesNotUseDoNotBlockASpare) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.host("a");
    site.poller("poller-lan", "", false, {{"poller_tags", "None,LAN"}});  // LAN unused
    site.poller("spare", "", true);
    auto plan = make_plan(site.config, dead({{DaemonKind::poller, "poller-lan"}}), nullptr);
    EXPECT_THAT(plan.assignment.find(DaemonKind::poller, "spare")->replaces,
                ElementsAre("poller-lan"));
}

TEST(Satellites, AReturningPollerTakesItsWorkBackAndTheSpareGoesIdle) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.host("a");
    site.poller("spare", "", true);
    auto plan = make_plan(site.config, dead({{DaemonKind::poller, "poller-All"}}), nullptr);
    ASSERT_FALSE(parts_of(plan, DaemonKind::poller, "spare").empty());
    reassign(plan, Liveness{});
    EXPECT_THAT(parts_of(plan, DaemonKind::poller, "spare"), IsEmpty());
    EXPECT_FALSE(parts_of(plan, DaemonKind::poller, "poller-All").empty());
}

TEST(Brokers, OneBrokerPerPartUnlessCompleteLinks) {
    for (bool complete : {false, true}) {
        TestConfig site;
        site.realm("All", "", true);
        if (complete) {
            site.config.realms[0].broker_complete_links = true;
        }
        site.poller("poller");
        site.reactionner("reactionner");
        site.receiver("receiver");
        site.broker("broker-a");
        site.broker("broker-b");
        for (const auto& s : {"s1", "s2", "s3", "s4"}) {
            site.scheduler(s);
            site.host(std::string("host-of-") + s);
        }
        auto plan = make_plan(site.config, {}, nullptr);
        ASSERT_TRUE(plan.ok()) << errors_text(plan.errors);
        auto a = parts_of(plan, DaemonKind::broker, "broker-a");
        auto b = parts_of(plan, DaemonKind::broker, "broker-b");
        if (complete) {
            EXPECT_EQ(a.size(), 4u);
            EXPECT_EQ(b.size(), 4u);
        } else {
            EXPECT_EQ(a.size(), 2u);
            EXPECT_EQ(b.size(), 2u);
            std::vector<PartId> all = a;
            all.insert(all.end(), b.begin(), b.end());
            std::sort(all.begin(), all.end());
            EXPECT_EQ(std::unique(all.begin(), all.end()), all.end()) << "a part has one broker";
        }
    }
}

TEST(Brokers, ASubRealmUsesItsOwnBrokerAndATopBrokerOnlyWithoutOne) {
    TestConfig site = realms_site();  // broker-world in World manages sub-realms
    site.poller("poller-world", "World");
    site.broker("broker-europe", "Europe", false, {{"manage_sub_realms", "0"}});
    auto plan = make_plan(site.config, {}, nullptr);
    EXPECT_THAT(parts_of(plan, DaemonKind::broker, "broker-europe"),
                ElementsAre(part_of_home(plan, "europe-1")));
    EXPECT_THAT(parts_of(plan, DaemonKind::broker, "broker-world"),
                ElementsAre(part_of_home(plan, "world-1"), part_of_home(plan, "paris-1")));
}

TEST(Brokers, ADeadBrokersPartsGoToASpareElseAnotherBroker) {
    TestConfig site;
    site.poller("poller");
    site.reactionner("reactionner");
    site.receiver("receiver");
    site.broker("broker-a");
    site.broker("broker-b");
    site.scheduler("s1");
    site.scheduler("s2");
    site.host("a");
    site.host("b");
    auto plan = make_plan(site.config, dead({{DaemonKind::broker, "broker-a"}}), nullptr);
    EXPECT_EQ(parts_of(plan, DaemonKind::broker, "broker-b").size(), 2u);

    site.broker("broker-spare", "", true);
    plan = make_plan(site.config, dead({{DaemonKind::broker, "broker-a"}}), nullptr);
    EXPECT_EQ(parts_of(plan, DaemonKind::broker, "broker-b").size(), 1u);
    EXPECT_EQ(parts_of(plan, DaemonKind::broker, "broker-spare").size(), 1u);
}

TEST(Tags, AnUnservedPollerTagIsAnErrorNamingTheTagTheObjectAndThePollers) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.host("dmz-web", 0, {{"check_command", "check_ping"}, {"poller_tag", "DMZ"}});
    site.command("check_ping");
    site.poller("poller-dmz2", "", false, {{"poller_tags", "DMZ-2"}});  // not DMZ (#1354)
    auto plan = make_plan(site.config, {}, nullptr);
    ASSERT_EQ(plan.errors.size(), 1u) << errors_text(plan.errors);
    EXPECT_EQ(plan.errors[0].where, "test.cfg:6");
    EXPECT_THAT(plan.errors[0].message, HasSubstr("realm 'All': poller_tag 'DMZ'"));
    EXPECT_THAT(plan.errors[0].message, HasSubstr("host 'dmz-web'"));
    EXPECT_THAT(plan.errors[0].message, HasSubstr("poller-dmz2 [DMZ-2]"));
}

TEST(Tags, ACommandsTagCountsWhenTheObjectHasNone) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.command("notify_sms", {{"reactionner_tag", "SMS"}});
    site.add<model::Contact>({{"contact_name", "oncall"},
                              {"host_notification_commands", "notify_sms"},
                              {"service_notification_commands", "notify_sms"}});
    site.host("a", 0, {{"contacts", "oncall"}});
    auto plan = make_plan(site.config, {}, nullptr);
    ASSERT_EQ(plan.errors.size(), 1u) << errors_text(plan.errors);
    EXPECT_THAT(plan.errors[0].message, HasSubstr("reactionner_tag 'SMS'"));

    site.reactionner("reactionner-sms", "", false, {{"reactionner_tags", "SMS"}});
    EXPECT_TRUE(make_plan(site.config, {}, nullptr).ok());
}

TEST(Tags, UntaggedChecksNeedAPollerServingNone) {
    TestConfig site;
    site.reactionner("reactionner");
    site.broker("broker");
    site.receiver("receiver");
    site.scheduler("s1");
    site.command("check_ping");
    site.host("a", 0, {{"check_command", "check_ping"}});
    site.poller("poller-dmz", "", false, {{"poller_tags", "DMZ"}});
    auto plan = make_plan(site.config, {}, nullptr);
    ASSERT_EQ(plan.errors.size(), 1u) << errors_text(plan.errors);
    EXPECT_THAT(plan.errors[0].message, HasSubstr("untagged work (poller_tag None)"));
}

TEST(Tags, ATagServedOnlyByASpareIsAnError) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.command("check_dmz", {{"poller_tag", "DMZ"}});
    site.host("a", 0, {{"check_command", "check_dmz"}});
    site.poller("spare-dmz", "", true, {{"poller_tags", "DMZ"}});
    auto plan = make_plan(site.config, {}, nullptr);
    ASSERT_EQ(plan.errors.size(), 1u) << errors_text(plan.errors);
    EXPECT_THAT(plan.errors[0].message, HasSubstr("only by spares"));
}

TEST(Tags, AHigherRealmsSatelliteManagingSubRealmsServesTheirTags) {
    TestConfig site = realms_site();
    site.poller("poller-world", "World", false, {{"poller_tags", "None,DMZ"}});
    site.command("check_dmz", {{"poller_tag", "DMZ"}});
    site.host("paris-dmz", 0, {{"realm", "Paris"}, {"check_command", "check_dmz"}});
    EXPECT_TRUE(make_plan(site.config, {}, nullptr).ok());

    site.config.pollers[0].manage_sub_realms = false;
    auto plan = make_plan(site.config, {}, nullptr);
    EXPECT_THAT(errors_text(plan.errors), HasSubstr("realm 'Paris': poller_tag 'DMZ'"));
}

TEST(Plan, DescribeSaysWhoRunsWhat) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1", "", 2);
    site.scheduler("s2");
    site.scheduler("spare", "", 1, true);
    site.host("a", 2);
    site.host("b", 1);
    auto plan = make_plan(site.config, dead({{DaemonKind::scheduler, "s2"}}), nullptr);
    auto text = describe(plan);
    EXPECT_THAT(text, HasSubstr("Dispatch: 2 hosts and 3 services in 2 shards"));
    EXPECT_THAT(text, HasSubstr("-> scheduler s1 (weight 2): 1 hosts, 2 services"));
    EXPECT_THAT(text, HasSubstr("run by spare spare"));
    EXPECT_THAT(text, HasSubstr("poller poller-All tags None: parts 1,2"));
}

}  // namespace
}  // namespace yagura::dispatch
