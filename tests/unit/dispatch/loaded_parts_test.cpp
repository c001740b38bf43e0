// The arbiter -> scheduler contract with the real loader: a configuration written the way
// users write it (templates, groups, services on host groups, dependencies, contacts,
// escalations) is cut into parts, and every part's content loads back with
// config::load_from_json, the scheduler's path, with exactly its own hosts and services.
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/config/loader.hpp>
#include <yagura/dispatch/part_content.hpp>
#include <yagura/dispatch/plan.hpp>

namespace yagura::dispatch {
namespace {

constexpr const char* kSite = R"(
define scheduler {
    scheduler_name  s1
}
define scheduler {
    scheduler_name  s2
}
define scheduler {
    scheduler_name  s3
    spare           1
}
define poller {
    poller_name     p1
}
define reactionner {
    reactionner_name r1
}
define broker {
    broker_name     b1
}
define receiver {
    receiver_name   rc1
}
define arbiter {
    arbiter_name    a1
}
define timeperiod {
    timeperiod_name 24x7
    monday          00:00-24:00
    tuesday         00:00-24:00
}
define command {
    command_name    check_ping
    command_line    /usr/lib/nagios/plugins/check_ping -H $HOSTADDRESS$ -w 1,1% -c 2,2%
}
define command {
    command_name    notify_file
    command_line    /bin/echo $HOSTNAME$
}
define contact {
    contact_name                  ops
    host_notification_period      24x7
    service_notification_period   24x7
    host_notification_commands    notify_file
    service_notification_commands notify_file
}
define contactgroup {
    contactgroup_name   admins
    members             ops
}
define host {
    name                    generic-host
    register                0
    check_command           check_ping
    max_check_attempts      3
    notification_interval   17
    check_period            24x7
    notification_period     24x7
    contact_groups          admins
}
define host {
    use         generic-host
    host_name   router
    address     10.0.0.1
    hostgroups  net
}
define host {
    use         generic-host
    host_name   web
    address     10.0.0.2
    parents     router
    hostgroups  linux
}
define host {
    use         generic-host
    host_name   db
    address     10.0.0.3
    hostgroups  linux
}
define host {
    use         generic-host
    host_name   mail
    address     10.0.0.4
    hostgroups  linux
}
define hostgroup {
    hostgroup_name  linux
}
define hostgroup {
    hostgroup_name  net
}
define service {
    hostgroup_name          linux
    service_description     SSH
    check_command           check_ping
    max_check_attempts      3
    check_interval          5
    retry_interval          1
    check_period            24x7
    notification_period     24x7
    contact_groups          admins
}
define service {
    host_name               db
    service_description     MySQL
    check_command           check_ping
    max_check_attempts      3
    check_interval          5
    retry_interval          1
    check_period            24x7
    notification_period     24x7
    contact_groups          admins
}
define servicedependency {
    host_name                       db
    service_description             MySQL
    dependent_host_name             web
    dependent_service_description   SSH
    execution_failure_criteria      c
}
define serviceescalation {
    host_name               mail
    service_description     SSH
    first_notification      2
    last_notification       0
    contact_groups          admins
}
)";

TEST(LoadedParts, EveryPartLoadsBackWithTheSchedulersLoaderAndHoldsItsOwnObjects) {
    auto loaded = config::load_text(kSite, "site.cfg");
    ASSERT_TRUE(loaded.ok()) << loaded.errors.front().to_string();
    const auto& site = *loaded.config;
    auto plan = make_plan(site, {}, nullptr);
    ASSERT_TRUE(plan.ok()) << plan.errors.front().text();
    ASSERT_EQ(plan.layout.parts.size(), 2u);

    PartBuilder builder(site);
    std::set<std::string> hosts_seen;
    std::size_t services_seen = 0;
    for (const auto& part : plan.layout.parts) {
        auto back = config::load_from_json(builder.objects(part));
        ASSERT_TRUE(back.ok()) << "part " << part.id << ": " << back.errors.front().to_string();
        const auto& shard = *back.config;
        EXPECT_EQ(shard.hosts.size(), part.hosts.size()) << "part " << part.id;
        for (const auto& host : shard.hosts) {
            EXPECT_TRUE(hosts_seen.insert(std::string(shard.pool.str(host.host_name))).second)
                << "a host in two parts";
        }
        services_seen += shard.services.size();
        auto web = shard.hosts.find("web", shard.pool);
        if (web != model::kNoIndex) {
            // web depends on router (parent) and on db (service dependency): one shard.
            EXPECT_NE(shard.hosts.find("router", shard.pool), model::kNoIndex);
            EXPECT_NE(shard.hosts.find("db", shard.pool), model::kNoIndex);
            EXPECT_EQ(shard.servicedependencies.size(), 1u);
            EXPECT_EQ(shard.pool.str(shard.hosts[web].address), "10.0.0.2");
            EXPECT_EQ(shard.hosts[web].notification_interval, 17) << "from its template";
        }
    }
    EXPECT_EQ(hosts_seen, (std::set<std::string>{"router", "web", "db", "mail"}));
    EXPECT_EQ(services_seen, site.services.size());
}

}  // namespace
}  // namespace yagura::dispatch
