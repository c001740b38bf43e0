// Realms, the default realm, hosts and daemons in realms, default daemons on localhost.

#include "config_test_util.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::host;
using testing::load_objects;
using testing::names_at;

std::string realm_of(const model::Config& c, model::Index r) {
    return r == model::kNoIndex ? "<none>" : std::string(c.pool.str(c.realms[r].realm_name));
}

TEST(Realms, WithoutRealmsThereIsAllAndOneDaemonOfEachKindOnLocalhost) {
    auto r = load_objects("define host {\n host_name a\n}\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    ASSERT_EQ(c.realms.size(), 1u);
    EXPECT_EQ(c.pool.str(c.realms[0].realm_name), "All");
    EXPECT_TRUE(c.realms[0].default_realm);
    EXPECT_EQ(realm_of(c, host(c, "a").host_links.realm), "All");
    auto check = [&](const auto& table, std::string_view name, int port) {
        ASSERT_EQ(table.size(), 1u) << name;
        EXPECT_EQ(c.pool.str(table[0].daemon_name), name);
        EXPECT_EQ(c.pool.str(table[0].address), "127.0.0.1");
        EXPECT_EQ(table[0].port, port);
        EXPECT_EQ(realm_of(c, table[0].realm_index), "All");
    };
    check(c.arbiters, "Default-Arbiter", 7770);
    check(c.schedulers, "Default-Scheduler", 7768);
    check(c.pollers, "Default-Poller", 7771);
    check(c.reactionners, "Default-Reactionner", 7769);
    check(c.brokers, "Default-Broker", 7772);
    check(c.receivers, "Default-Receiver", 7773);
}

TEST(Realms, DefinedDaemonsAreKeptAndOnlyMissingKindsAdded) {
    auto r = load_objects("define scheduler {\n scheduler_name s1\n address 10.0.0.1\n}\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    ASSERT_EQ(r.config->schedulers.size(), 1u);
    EXPECT_EQ(r.config->pool.str(r.config->schedulers[0].daemon_name), "s1");
    EXPECT_EQ(r.config->pollers.size(), 1u);
}

TEST(Realms, TreeHostsAndDaemonsByRealm) {
    auto r = load_objects(R"(
define realm {
    realm_name      World
    realm_members   Europe,America
    default         1
}
define realm {
    realm_name      Europe
    realm_members   Paris
}
define realm {
    realm_name      America
}
define realm {
    realm_name      Paris
}
define hostgroup {
    hostgroup_name  paris-servers
    realm           Paris
}
define host {
    host_name       p1
    hostgroups      paris-servers
}
define host {
    host_name       us1
    realm           America
}
define host {
    host_name       nowhere
}
define scheduler {
    scheduler_name  sched-paris
    realm           Paris
}
define poller {
    poller_name     poller-world
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_EQ(realm_of(c, host(c, "p1").host_links.realm), "Paris");  // from its group
    EXPECT_EQ(realm_of(c, host(c, "us1").host_links.realm), "America");
    EXPECT_EQ(realm_of(c, host(c, "nowhere").host_links.realm), "World");  // the default
    EXPECT_EQ(realm_of(c, c.schedulers[0].realm_index), "Paris");
    EXPECT_EQ(realm_of(c, c.pollers[0].realm_index), "World");
    const auto& world = c.realms[c.realms.find("World", c.pool)];
    EXPECT_THAT(names_at(c, c.realms, world.links.subrealms), ElementsAre("America", "Europe"));
    const auto& paris = c.realms[c.realms.find("Paris", c.pool)];
    EXPECT_EQ(realm_of(c, paris.links.parent), "Europe");
}

TEST(Realms, TheOnlyRealmIsTheDefaultOne) {
    auto r = load_objects("define realm {\n realm_name Lone\n}\ndefine host {\n host_name a\n}\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(realm_of(*r.config, host(*r.config, "a").host_links.realm), "Lone");
}

TEST(Realms, DefaultRealmErrors) {
    auto r = load_objects("define realm {\n realm_name A\n}\ndefine realm {\n realm_name B\n}\n");
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("no default realm"));
    r = load_objects(
        "define realm {\n realm_name A\n default 1\n}\ndefine realm {\n realm_name B\n default "
        "1\n}\n");
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r),
                HasSubstr("realm 'B': is a second default realm (the first is 'A')"));
}

TEST(Realms, UnknownRealmsLoopsAndBadPortsAreErrors) {
    auto r = load_objects(R"(
define realm {
    realm_name      A
    realm_members   B
    default         1
}
define realm {
    realm_name      B
    realm_members   A
}
define host {
    host_name       h
    realm           C
}
define broker {
    broker_name     b
    port            99999
}
)");
    ASSERT_FALSE(r.ok());
    auto errors = all_errors(r);
    EXPECT_THAT(errors, HasSubstr("host 'h': realm: unknown realm 'C'"));
    EXPECT_THAT(errors, HasSubstr("is its own sub-realm (realm loop)"));
    EXPECT_THAT(errors, HasSubstr("broker 'b': port 99999 is not between 1 and 65535"));
}

}  // namespace
}  // namespace yagura::config
