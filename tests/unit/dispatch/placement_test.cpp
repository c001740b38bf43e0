#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/dispatch/plan.hpp>

#include "test_config.hpp"

namespace yagura::dispatch {
namespace {

using testing::errors_text;
using ::testing::HasSubstr;
using testing::home_of;
using testing::TestConfig;

Plan plan_of(const TestConfig& site, const Plan* previous = nullptr) {
    auto plan = make_plan(site.config, Liveness{}, previous);
    EXPECT_TRUE(plan.ok()) << errors_text(plan.errors);
    return plan;
}

std::uint64_t load_of(const Plan& plan, const std::string& scheduler) {
    const auto* part = plan.layout.find_home(scheduler);
    return part == nullptr ? 0 : part->load;
}

TEST(Placement, WeightsOneTwoThreeGiveLoadsOneTwoThree) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1", "", 1);
    site.scheduler("s2", "", 2);
    site.scheduler("s3", "", 3);
    for (int i = 0; i < 600; ++i) {
        site.host("h" + std::to_string(i), i % 7);  // uneven hosts: loads 1 to 7
    }
    auto plan = plan_of(site);
    double total = static_cast<double>(plan.hosts + plan.services);
    EXPECT_NEAR(static_cast<double>(load_of(plan, "s1")) / total, 1.0 / 6, 0.01);
    EXPECT_NEAR(static_cast<double>(load_of(plan, "s2")) / total, 2.0 / 6, 0.01);
    EXPECT_NEAR(static_cast<double>(load_of(plan, "s3")) / total, 3.0 / 6, 0.01);
}

TEST(Placement, BalancesLoadNotTheNumberOfShards) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    for (int i = 0; i < 4; ++i) {
        site.host("big" + std::to_string(i), 99);  // 4 shards of 100
    }
    for (int i = 0; i < 400; ++i) {
        site.host("small" + std::to_string(i));  // 400 shards of 1
    }
    auto plan = plan_of(site);
    EXPECT_EQ(load_of(plan, "s1"), 400u);
    EXPECT_EQ(load_of(plan, "s2"), 400u);
}

TEST(Placement, OneBigShardDoesNotDragItsNeighbours) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    site.scheduler("s3");
    site.host("core", 9);
    for (int i = 0; i < 59; ++i) {
        site.host("leaf" + std::to_string(i), 9, {{"parents", "core"}});  // one shard, load 600
    }
    for (int i = 0; i < 30; ++i) {
        site.host("n" + std::to_string(i), 9);  // 30 shards of 10
    }
    auto plan = plan_of(site);
    auto big = home_of(plan.layout, "core");
    const auto* big_part = plan.layout.find_home(big);
    ASSERT_NE(big_part, nullptr);
    EXPECT_EQ(big_part->hosts.size(), 60u) << "the big shard's scheduler carries nothing else";
    for (const auto& other : {"s1", "s2", "s3"}) {
        if (other != big) {
            EXPECT_EQ(load_of(plan, other), 150u) << other;
        }
    }
}

TEST(Placement, AddedHostsArePlacedAndNoOldHostMoves) {
    TestConfig before;
    before.satellites();
    before.scheduler("s1");
    before.scheduler("s2");
    before.scheduler("s3", "", 2);
    for (int i = 0; i < 200; ++i) {
        before.host("h" + std::to_string(i), i % 5,
                    i % 10 == 0
                        ? testing::Attributes{}
                        : testing::Attributes{{"parents", "h" + std::to_string(i - i % 10)}});
    }
    auto first = plan_of(before);

    TestConfig after;
    after.satellites();
    after.scheduler("s1");
    after.scheduler("s2");
    after.scheduler("s3", "", 2);
    after.host("new-first", 3);  // files change order: indices shift, names stay
    for (int i = 0; i < 200; ++i) {
        after.host("h" + std::to_string(i), i % 5,
                   i % 10 == 0
                       ? testing::Attributes{}
                       : testing::Attributes{{"parents", "h" + std::to_string(i - i % 10)}});
    }
    for (int i = 0; i < 30; ++i) {
        after.host("added" + std::to_string(i), 4);
    }
    auto second = plan_of(after, &first);
    for (int i = 0; i < 200; ++i) {
        auto name = "h" + std::to_string(i);
        EXPECT_EQ(home_of(second.layout, name), home_of(first.layout, name)) << name;
    }
    EXPECT_EQ(second.layout.hosts_moved, 0u);
    EXPECT_EQ(second.layout.hosts_placed_new, 31u);
    for (const auto& part : first.layout.parts) {
        EXPECT_EQ(second.layout.find_home(part.home)->id, part.id) << "part ids are stable";
    }
}

TEST(Placement, AHostJoiningAnotherShardFollowsTheShardWithMostLoad) {
    TestConfig before;
    before.satellites();
    before.scheduler("s1");
    before.scheduler("s2");
    before.host("big", 20);
    before.host("small", 1);
    auto first = plan_of(before);
    ASSERT_NE(home_of(first.layout, "big"), home_of(first.layout, "small"));

    TestConfig after;
    after.satellites();
    after.scheduler("s1");
    after.scheduler("s2");
    after.host("big", 20);
    after.host("small", 1, {{"parents", "big"}});
    auto second = plan_of(after, &first);
    EXPECT_EQ(home_of(second.layout, "small"), home_of(first.layout, "big"));
    EXPECT_EQ(home_of(second.layout, "big"), home_of(first.layout, "big"));
    EXPECT_EQ(second.layout.hosts_moved, 1u);
}

// A previous layout by hand: every host on `home`.
Plan previous_all_on(const TestConfig& site, const std::string& home, PartId id = 1) {
    Plan plan = plan_of(site);
    Part part;
    part.id = id;
    part.home = home;
    for (const auto& p : plan.layout.parts) {
        part.hosts.insert(part.hosts.end(), p.hosts.begin(), p.hosts.end());
    }
    plan.layout.parts = {part};
    return plan;
}

TEST(Placement, ABadlyOffRealmIsRebalancedByMovingShards) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    site.scheduler("s3");
    for (int i = 0; i < 90; ++i) {
        site.host("h" + std::to_string(i), 1);
    }
    auto previous = previous_all_on(site, "s1");  // s1 at 3x its share: badly off
    auto plan = plan_of(site, &previous);
    for (const auto& s : {"s1", "s2", "s3"}) {
        EXPECT_NEAR(static_cast<double>(load_of(plan, s)), 60.0, 6.0) << s;
    }
    EXPECT_EQ(plan.layout.hosts_moved, 90u - plan.layout.find_home("s1")->hosts.size());
}

TEST(Placement, AnImbalanceWithinTheThresholdMovesNothing) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    for (int i = 0; i < 100; ++i) {
        site.host("h" + std::to_string(i));
    }
    // s1 has 70 of 100 (1.4x its share), s2 30 (0.6x): not badly off.
    auto previous = plan_of(site);
    previous.layout.parts[0].hosts.clear();
    previous.layout.parts[1].hosts.clear();
    for (int i = 0; i < 100; ++i) {
        previous.layout.parts[i < 70 ? 0 : 1].hosts.push_back("h" + std::to_string(i));
    }
    auto plan = plan_of(site, &previous);
    EXPECT_EQ(plan.layout.hosts_moved, 0u);
    EXPECT_EQ(load_of(plan, previous.layout.parts[0].home), 70u);

    // With a stricter threshold the same layout is badly off.
    auto strict = make_plan(site.config, Liveness{}, &previous,
                            PlacementOptions{.overload = 1.3, .underload = 0.7});
    EXPECT_GT(strict.layout.hosts_moved, 0u);
    EXPECT_NEAR(static_cast<double>(load_of(strict, previous.layout.parts[0].home)), 50.0, 5.0);
}

TEST(Placement, ANewSchedulerGetsWorkWhenItWouldOtherwiseIdle) {
    TestConfig two;
    two.satellites();
    two.scheduler("s1");
    two.scheduler("s2");
    for (int i = 0; i < 100; ++i) {
        two.host("h" + std::to_string(i));
    }
    auto first = plan_of(two);
    TestConfig three;
    three.satellites();
    three.scheduler("s1");
    three.scheduler("s2");
    three.scheduler("s3");
    for (int i = 0; i < 100; ++i) {
        three.host("h" + std::to_string(i));
    }
    auto second = plan_of(three, &first);
    EXPECT_GE(load_of(second, "s3"), 30u);  // at least 0.9 of its share after rebalancing
    EXPECT_EQ(second.layout.hosts_moved, load_of(second, "s3"))
        << "only the hosts given to the new scheduler move";
}

TEST(Placement, HostsOfARemovedSchedulerGoToTheOthersAndNobodyElseMoves) {
    TestConfig three;
    three.satellites();
    for (const auto& s : {"s1", "s2", "s3"}) {
        three.scheduler(s);
    }
    for (int i = 0; i < 90; ++i) {
        three.host("h" + std::to_string(i));
    }
    auto first = plan_of(three);
    TestConfig two;
    two.satellites();
    two.scheduler("s1");
    two.scheduler("s2");
    for (int i = 0; i < 90; ++i) {
        two.host("h" + std::to_string(i));
    }
    auto second = plan_of(two, &first);
    for (int i = 0; i < 90; ++i) {
        auto name = "h" + std::to_string(i);
        if (home_of(first.layout, name) != "s3") {
            EXPECT_EQ(home_of(second.layout, name), home_of(first.layout, name)) << name;
        }
    }
    EXPECT_EQ(load_of(second, "s1"), 45u);
    EXPECT_EQ(load_of(second, "s2"), 45u);
    EXPECT_EQ(second.layout.find_home("s1")->id, first.layout.find_home("s1")->id);
}

TEST(Placement, EveryNonSpareSchedulerHasAPartSparesHaveNone) {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    site.scheduler("spare", "", 1, true);
    site.host("only");
    auto plan = plan_of(site);
    ASSERT_EQ(plan.layout.parts.size(), 2u);
    EXPECT_NE(plan.layout.find_home("s1"), nullptr);
    EXPECT_NE(plan.layout.find_home("s2"), nullptr);
    EXPECT_EQ(plan.layout.find_home("spare"), nullptr);
}

TEST(Placement, ARealmWithHostsAndOnlySpareSchedulersIsAnError) {
    TestConfig site;
    site.realm("World", "Lab", true);
    site.realm("Lab");
    site.satellites();
    site.scheduler("s1");
    site.scheduler("lab-spare", "Lab", 1, true);
    site.host("probe", 0, {{"realm", "Lab"}});
    auto plan = make_plan(site.config, Liveness{}, nullptr);
    ASSERT_FALSE(plan.ok());
    EXPECT_THAT(errors_text(plan.errors),
                HasSubstr("realm 'Lab' has hosts (first: 'probe') but no scheduler that is not "
                          "a spare"));
}

TEST(Placement, SchedulersOnlyTakeHostsOfTheirRealm) {
    TestConfig site;
    site.realm("World", "Europe,Asia", true);
    site.realm("Europe");
    site.realm("Asia");
    site.satellites("World");
    site.scheduler("eu", "Europe");
    site.scheduler("asia", "Asia");
    site.scheduler("top", "World");
    site.host("paris", 1, {{"realm", "Europe"}});
    site.host("tokyo", 1, {{"realm", "Asia"}});
    site.host("hq", 1);
    auto plan = plan_of(site);
    EXPECT_EQ(home_of(plan.layout, "paris"), "eu");
    EXPECT_EQ(home_of(plan.layout, "tokyo"), "asia");
    EXPECT_EQ(home_of(plan.layout, "hq"), "top");
}

}  // namespace
}  // namespace yagura::dispatch
