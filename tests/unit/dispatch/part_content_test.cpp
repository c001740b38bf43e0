#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/dispatch/part_content.hpp>
#include <yagura/dispatch/plan.hpp>
#include <yagura/model/json.hpp>

#include "test_config.hpp"

namespace yagura::dispatch {
namespace {

using ::testing::ElementsAre;
using testing::errors_text;
using testing::TestConfig;
using ::testing::UnorderedElementsAre;

std::vector<std::string> names(const nlohmann::json& items, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& item : items) {
        out.push_back(item.at(key).get<std::string>());
    }
    return out;
}

TestConfig two_parts_site(const std::string& web_address = "10.0.0.1") {
    TestConfig site;
    site.satellites();
    site.scheduler("s1");
    site.scheduler("s2");
    site.command("check_ping");
    site.add<model::HostGroup>({{"hostgroup_name", "linux"}, {"members", "web,db,mail"}});
    site.host("web", 0, {{"address", web_address}, {"check_command", "check_ping"}});
    site.service("web", "HTTP", {{"servicegroups", "frontends"}});
    site.host("db", 2, {{"parents", "web"}});
    site.host("mail", 5);
    site.add<model::ServiceGroup>({{"servicegroup_name", "frontends"}});
    site.add<model::HostDependency>({{"dependent_host_name", "db"}, {"host_name", "web"}});
    return site;
}

const Part& part_with(const Plan& plan, const std::string& host) {
    return *plan.layout.find(testing::part_of(plan.layout, host));
}

TEST(PartContent, CarriesItsHostsServicesGroupsAndDependenciesOnly) {
    auto site = two_parts_site();
    auto plan = make_plan(site.config, {}, nullptr);
    ASSERT_TRUE(plan.ok()) << errors_text(plan.errors);
    PartBuilder builder(site.config);
    auto web = builder.objects(part_with(plan, "web"));
    EXPECT_THAT(names(web["hosts"], "host_name"), ElementsAre("web", "db"));
    EXPECT_THAT(names(web["services"], "service_description"),
                UnorderedElementsAre("HTTP", "svc0", "svc1"));
    ASSERT_EQ(web["hostgroups"].size(), 1u);
    EXPECT_EQ(web["hostgroups"][0]["members"], nlohmann::json({"web", "db"}));
    ASSERT_EQ(web["servicegroups"].size(), 1u);
    EXPECT_EQ(web["servicegroups"][0]["members"], nlohmann::json({"web", "HTTP"}));
    EXPECT_EQ(web["hostdependencies"].size(), 1u);
    EXPECT_THAT(names(web["commands"], "command_name"), ElementsAre("check_ping"));

    auto mail = builder.objects(part_with(plan, "mail"));
    EXPECT_THAT(names(mail["hosts"], "host_name"), ElementsAre("mail"));
    EXPECT_EQ(mail["services"].size(), 5u);
    EXPECT_EQ(mail["hostgroups"][0]["members"], nlohmann::json({"mail"}));
    EXPECT_TRUE(mail["servicegroups"].empty());
    EXPECT_TRUE(mail["hostdependencies"].empty());
}

TEST(PartContent, LoadsBackIntoAConfigurationWithItsObjects) {
    auto site = two_parts_site();
    auto plan = make_plan(site.config, {}, nullptr);
    PartBuilder builder(site.config);
    auto loaded = model::config_from_json(builder.objects(part_with(plan, "web")));
    ASSERT_TRUE(loaded.config) << loaded.errors.front();
    EXPECT_EQ(loaded.config->hosts.size(), 2u);
    EXPECT_EQ(loaded.config->services.size(), 3u);
    auto web = loaded.config->hosts.find("web", loaded.config->pool);
    ASSERT_NE(web, model::kNoIndex);
    EXPECT_EQ(loaded.config->pool.str(loaded.config->hosts[web].address), "10.0.0.1");
}

TEST(PartContent, TheFlavorChangesWithThePartsContentOnly) {
    auto site = two_parts_site();
    auto plan = make_plan(site.config, {}, nullptr);
    PartBuilder builder(site.config);
    auto web_before = builder.build(part_with(plan, "web"));
    auto mail_before = builder.build(part_with(plan, "mail"));
    EXPECT_NE(web_before.flavor, mail_before.flavor);
    EXPECT_EQ(builder.build(part_with(plan, "web")).flavor, web_before.flavor) << "stable";

    auto edited = two_parts_site("10.0.0.2");  // web's address changes, nothing else
    auto plan2 = make_plan(edited.config, {}, &plan);
    PartBuilder builder2(edited.config);
    EXPECT_NE(builder2.build(part_with(plan2, "web")).flavor, web_before.flavor);
    EXPECT_EQ(builder2.build(part_with(plan2, "mail")).flavor, mail_before.flavor);
}

TEST(Digest, IsHexAndDependsOnEveryByte) {
    EXPECT_EQ(digest_hex("abc").size(), 16u);
    EXPECT_NE(digest_hex("abc"), digest_hex("abd"));
    EXPECT_NE(digest_hex(""), digest_hex(std::string(1, '\0')));
    EXPECT_EQ(digest_hex("same"), digest_hex("same"));
}

}  // namespace
}  // namespace yagura::dispatch
