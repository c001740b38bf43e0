// Whole trees: the sample configuration in etc/ and a test tree that uses every feature load
// without an error, and their JSON form round-trips to an identical model.

#include "config_test_util.hpp"
#include "model_compare.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using testing::all_warnings;
using ::testing::ElementsAre;
using testing::has_service;
using testing::host;
using testing::names;
using testing::names_at;
using testing::service;

const std::string kSource = YAGURA_SOURCE_DIR;

TEST(Trees, TheSampleConfigurationLoads) {
    auto r = load(kSource + "/etc/yagura.cfg");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(all_warnings(r), "");
    EXPECT_GE(r.config->services.size(), 5u);
    testing::expect_json_round_trip(*r.config);
}

class FullTree : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        result_ = new LoadResult(load(kSource + "/tests/unit/config/data/full/yagura.cfg"));
    }
    static void TearDownTestSuite() {
        delete result_;
        result_ = nullptr;
    }
    const model::Config& config() { return *result_->config; }
    static LoadResult* result_;
};
LoadResult* FullTree::result_ = nullptr;

TEST_F(FullTree, LoadsWithoutErrorOrWarning) {
    ASSERT_TRUE(result_->ok()) << all_errors(*result_);
    EXPECT_EQ(all_warnings(*result_), "");
    EXPECT_EQ(result_->stats.files, 11u);
}

TEST_F(FullTree, JsonRoundTrip) {
    ASSERT_TRUE(result_->ok());
    testing::expect_json_round_trip(config());
}

TEST_F(FullTree, WhatTheFeaturesMade) {
    ASSERT_TRUE(result_->ok());
    const auto& c = config();
    EXPECT_EQ(c.resource("USER2"), "s3cr;et");
    EXPECT_EQ(c.pool.str(host(c, "core-router").alias), "Core router");
    EXPECT_EQ(c.pool.str(host(c, "core-router").icon_image), "router.png");
    EXPECT_THAT(names(c, host(c, "web1").hostgroups), ElementsAre("all-hosts", "linux", "web"));
    EXPECT_THAT(names_at(c, c.contactgroups, host(c, "db1").links.contact_groups),
                ElementsAre("dba", "ops"));
    EXPECT_TRUE(has_service(c, "web1", "Disk /srv/data2"));
    EXPECT_FALSE(has_service(c, "web1", "Disk /tmp"));
    EXPECT_EQ(c.pool.str(service(c, "web1", "Disk /var").check_command), "check_disk!70%!85%!/var");
    EXPECT_EQ(c.pool.str(service(c, "db1", "Disk /var/lib/postgresql").check_command),
              "check_disk!20%!10%!/var/lib/postgresql");
    EXPECT_FALSE(has_service(c, "web1", "Backup"));
    EXPECT_TRUE(has_service(c, "db2", "Backup"));
    EXPECT_FALSE(has_service(c, "core-router", "Backup"));
    EXPECT_EQ(c.pool.str(service(c, "web2", "HTTP").check_command), "check_tcp!8080");
    EXPECT_EQ(c.pool.str(service(c, "web2", "HTTP").notes), "served from Lyon");
    EXPECT_EQ(service(c, "web2", "Load").max_check_attempts, 5);
    EXPECT_EQ(c.pool.str(service(c, "web1", "HTTP").notes), "The public web site");
    EXPECT_EQ(host(c, "db2").links.notification_period, model::kNoIndex);
    EXPECT_EQ(c.pool.str(c.realms[host(c, "paris-kiosk").host_links.realm].realm_name), "Paris");
    EXPECT_EQ(c.pool.str(c.realms[host(c, "web1").host_links.realm].realm_name), "France");
    const auto& alice = c.contacts[c.contacts.find("alice", c.pool)];
    EXPECT_THAT(names_at(c, c.notificationways, alice.links.notificationways),
                ElementsAre("email-always", "sms-critical"));
    EXPECT_EQ(c.servicedependencies.size(), 4u + 1u);  // PostgreSQL -> HTTP, HTTP -> Load
    EXPECT_EQ(c.hostdependencies.size(), 2u);
    EXPECT_EQ(c.escalations.size(), 3u);
}

}  // namespace
}  // namespace yagura::config
