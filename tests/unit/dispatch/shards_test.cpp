#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/dispatch/shards.hpp>

#include "test_config.hpp"

namespace yagura::dispatch {
namespace {

using ::testing::ElementsAre;
using testing::errors_text;
using ::testing::HasSubstr;
using testing::TestConfig;

// The shards as sorted lists of host names.
std::vector<std::vector<std::string>> shard_names(const model::Config& config,
                                                  const Shards& shards) {
    std::vector<std::vector<std::string>> out;
    for (const auto& shard : shards.shards) {
        std::vector<std::string> names;
        for (auto h : shard.hosts) {
            names.emplace_back(config.pool.str(config.hosts[h].host_name));
        }
        out.push_back(names);
    }
    return out;
}

Shards cut(const TestConfig& site, Problems* errors = nullptr) {
    Problems topo_errors;
    auto topo = make_topology(site.config, topo_errors);
    EXPECT_TRUE(topo_errors.empty()) << errors_text(topo_errors);
    auto shards = cut_shards(site.config, topo);
    if (errors != nullptr) {
        *errors = shards.errors;
    } else {
        EXPECT_TRUE(shards.errors.empty()) << errors_text(shards.errors);
    }
    return shards;
}

TEST(Shards, EveryKindOfRelationKeepsHostsTogether) {
    TestConfig site;
    site.host("router");
    site.host("switch", 0, {{"parents", "router"}});
    site.host("server", 0, {{"parents", "switch"}});
    site.host("app");
    site.host("db", 1);
    site.add<model::HostDependency>({{"dependent_host_name", "app"}, {"host_name", "db"}});
    site.host("web", 1);
    site.host("cache", 1);
    site.add<model::ServiceDependency>({{"dependent_host_name", "web"},
                                        {"dependent_service_description", "svc0"},
                                        {"host_name", "cache"},
                                        {"service_description", "svc0"}});
    site.host("front");
    site.host("back", 1);
    site.service("front", "proxy", {{"service_dependencies", "back,svc0"}});
    site.host("shop", 0, {{"check_command", "bp_rule!(pay,svc0 & stock) | 2 of: pay,svc1"}});
    site.host("pay");
    site.host("stock");
    site.host("alone", 3);

    auto shards = cut(site);
    EXPECT_THAT(shard_names(site.config, shards),
                ElementsAre(ElementsAre("router", "switch", "server"), ElementsAre("app", "db"),
                            ElementsAre("web", "cache"), ElementsAre("front", "back"),
                            ElementsAre("shop", "pay", "stock"), ElementsAre("alone")));
}

TEST(Shards, LoadIsHostsPlusServices) {
    TestConfig site;
    site.host("a", 4);
    site.host("b", 2, {{"parents", "a"}});
    site.host("c");
    auto shards = cut(site);
    ASSERT_EQ(shards.shards.size(), 2u);
    EXPECT_EQ(shards.shards[0].load, 2u + 6u);
    EXPECT_EQ(shards.shards[1].load, 1u);
}

TEST(Shards, LinksFilledByTheLinkerAreUsedWithoutNames) {
    TestConfig site;
    site.host("a");
    site.host("b");
    site.host("c");
    site.host("d");
    // What the config linker fills: indices, with nothing written by name.
    auto& pool = site.config.pool;
    site.config.hosts[1].host_links.parents.list = pool.intern_list(std::vector<std::uint32_t>{0});
    model::HostDependency dep = site.config.make<model::HostDependency>();
    dep.links.dependent = 2;
    dep.links.master = 3;
    site.config.hostdependencies.insert(std::move(dep));
    auto shards = cut(site);
    EXPECT_THAT(shard_names(site.config, shards),
                ElementsAre(ElementsAre("a", "b"), ElementsAre("c", "d")));
}

TEST(Shards, TemplatesAreNotHosts) {
    TestConfig site;
    site.add<model::Host>({{"name", "generic-host"}, {"register", "0"}});
    site.host("a");
    auto shards = cut(site);
    ASSERT_EQ(shards.shards.size(), 1u);
    EXPECT_EQ(shards.shards[0].hosts.size(), 1u);
}

TEST(Shards, AShardAcrossRealmsIsAnErrorNamingEachHostItsRealmAndTheRelation) {
    TestConfig site;
    site.realm("World", "Europe,Asia", true);
    site.realm("Europe");
    site.realm("Asia");
    site.host("paris", 0, {{"realm", "Europe"}});
    site.host("tokyo", 0, {{"realm", "Asia"}, {"parents", "paris"}});
    site.host("berlin", 0, {{"realm", "Europe"}, {"parents", "paris"}});
    Problems errors;
    cut(site, &errors);
    ASSERT_EQ(errors.size(), 1u) << errors_text(errors);
    EXPECT_EQ(errors[0].where, "test.cfg:5");  // tokyo's definition
    EXPECT_THAT(errors[0].message, HasSubstr("host 'tokyo' (realm Asia)"));
    EXPECT_THAT(errors[0].message, HasSubstr("host 'paris' (realm Europe)"));
    EXPECT_THAT(errors[0].message, HasSubstr("'paris' is a parent of 'tokyo'"));
}

TEST(Shards, HostsWithoutRealmBelongToTheDefaultRealm) {
    TestConfig site;
    site.realm("World", "Europe", true);
    site.realm("Europe");
    site.host("a");
    site.host("b", 0, {{"realm", "Europe"}});
    Problems errors;
    auto topo = make_topology(site.config, errors);
    auto shards = cut_shards(site.config, topo);
    EXPECT_EQ(topo.realms[shards.shards[0].realm].name, "World");
    EXPECT_EQ(topo.realms[shards.shards[1].realm].name, "Europe");
}

TEST(BusinessRules, HostNamesOfAnExpression) {
    EXPECT_THAT(business_rule_hosts("web1,HTTP & (db1,MySQL | db2)"),
                ElementsAre("web1", "db1", "db2"));
    EXPECT_THAT(business_rule_hosts("2 of: a,s1 & b,s2 & !c,s3"), ElementsAre("a", "b", "c"));
    EXPECT_THAT(business_rule_hosts("2,1,1 of: g:routers & r:^web.* & t:prod & lone"),
                ElementsAre("g:routers", "lone"));
    EXPECT_THAT(business_rule_hosts(""), ElementsAre());
}

}  // namespace
}  // namespace yagura::dispatch
