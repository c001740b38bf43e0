// Dependencies and escalations: explosion over hosts, groups and services, and their links.

#include "config_test_util.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::host;
using testing::load_objects;
using testing::names;
using testing::names_at;
using testing::service;

const std::string kSite = R"(
define hostgroup {
    hostgroup_name      routers
    members             r1,r2
}
define hostgroup {
    hostgroup_name      servers
    members             s1,s2
}
define host {
    host_name           r1
}
define host {
    host_name           r2
}
define host {
    host_name           s1
    parents             r1
}
define host {
    host_name           s2
    parents             r1,r2
}
define service {
    hostgroup_name      servers
    service_description DB
    check_command       check_ping
    check_interval      5
}
define service {
    hostgroup_name      servers
    service_description App
    check_command       check_ping
    check_interval      5
    service_dependencies ,DB
}
define service {
    hostgroup_name      servers
    service_description Web
    check_command       check_ping
    check_interval      5
}
)";

// "dependent -> master" for every exploded dependency.
std::vector<std::string> host_pairs(const model::Config& c) {
    std::vector<std::string> out;
    for (const auto& d : c.hostdependencies) {
        out.push_back(std::string(c.pool.str(c.hosts[d.links.dependent].host_name)) + " -> " +
                      std::string(c.pool.str(c.hosts[d.links.master].host_name)));
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> service_pairs(const model::Config& c) {
    std::vector<std::string> out;
    for (const auto& d : c.servicedependencies) {
        out.push_back(model::object_name(c.services[d.links.dependent], c.pool) + " -> " +
                      model::object_name(c.services[d.links.master], c.pool));
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(Dependencies, HostDependenciesExplodeOverHostsAndGroups) {
    auto r = load_objects(kSite + R"(
define hostdependency {
    hostgroup_name                routers
    dependent_hostgroup_name      servers
    dependent_host_name           r2
    notification_failure_criteria d,u
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_THAT(host_pairs(c), ElementsAre("r2 -> r1", "s1 -> r1", "s1 -> r2", "s2 -> r1",
                                           "s2 -> r2"));  // never r2 -> r2
    EXPECT_TRUE(c.hostdependencies[0].notification_failure_criteria.has('d'));
    // Both ends know their dependency objects.
    EXPECT_EQ(c.pool.list(host(c, "s1").links.dependencies.list).size(), 2u);
    EXPECT_EQ(c.pool.list(host(c, "r1").links.dependents.list).size(), 3u);
    // Parents and children.
    EXPECT_THAT(names_at(c, c.hosts, host(c, "s2").host_links.parents), ElementsAre("r1", "r2"));
    EXPECT_THAT(names_at(c, c.hosts, host(c, "r1").host_links.children), ElementsAre("s1", "s2"));
}

TEST(Dependencies, ServiceDependenciesOnTheSameHostByDefault) {
    auto r = load_objects(kSite + R"(
define servicedependency {
    hostgroup_name                servers
    service_description           DB
    dependent_service_description Web
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    // Web depends on DB on each server; App on DB from its service_dependencies.
    EXPECT_THAT(service_pairs(*r.config), ElementsAre("s1/App -> s1/DB", "s1/Web -> s1/DB",
                                                      "s2/App -> s2/DB", "s2/Web -> s2/DB"));
    const auto& c = *r.config;
    EXPECT_EQ(c.pool.list(service(c, "s1", "Web").links.dependencies.list).size(), 1u);
    EXPECT_EQ(c.pool.list(service(c, "s1", "DB").links.dependents.list).size(), 2u);
}

TEST(Dependencies, ServiceDependenciesAcrossHostsAndWildcards) {
    auto r = load_objects(kSite + R"(
define servicedependency {
    host_name                     s1
    service_description           DB
    dependent_host_name           s2
    dependent_service_description *
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_THAT(service_pairs(*r.config),
                ElementsAre("s1/App -> s1/DB", "s2/App -> s1/DB", "s2/App -> s2/DB",
                            "s2/DB -> s1/DB", "s2/Web -> s1/DB"));
}

TEST(Dependencies, UnknownNamesAreErrors) {
    auto r = load_objects(kSite + R"(
define hostdependency {
    host_name                     r3
    dependent_host_name           s1
}
define servicedependency {
    host_name                     s1
    service_description           Dbb
    dependent_service_description Web
}
define hostdependency {
    host_name                     r1
}
)");
    ASSERT_FALSE(r.ok());
    auto errors = all_errors(r);
    EXPECT_THAT(errors, HasSubstr("hostdependency: unknown host 'r3' (did you mean 'r1'?)"));
    EXPECT_THAT(errors, HasSubstr("servicedependency: unknown service 's1/Dbb'"));
    EXPECT_THAT(errors, HasSubstr("names no dependent host"));
}

TEST(Escalations, HostAndServiceEscalationsBecomeNamedEscalations) {
    auto r = load_objects(kSite + R"(
define contactgroup {
    contactgroup_name       oncall
    members                 admin
}
define escalation {
    escalation_name         night
    first_notification      5
    contacts                admin
}
define host {
    host_name               lone
    escalations             night
}
define hostescalation {
    hostgroup_name          routers
    first_notification      2
    last_notification       4
    contact_groups          oncall
}
define serviceescalation {
    host_name               s1,s2
    service_description     Web
    first_notification_time 60
    contact_groups          oncall
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_TRUE(c.hostescalations.empty());
    EXPECT_TRUE(c.serviceescalations.empty());
    ASSERT_EQ(c.escalations.size(), 3u);
    EXPECT_THAT(names(c, host(c, "r1").escalations), ElementsAre("hostescalation-1"));
    EXPECT_THAT(names(c, service(c, "s2", "Web").escalations), ElementsAre("serviceescalation-1"));
    EXPECT_TRUE(c.pool.list(service(c, "s2", "DB").escalations.list).empty());
    // A host escalation is not a service escalation: the host's services do not take it.
    EXPECT_TRUE(c.pool.list(host(c, "s1").escalations.list).empty());
    const auto& e = c.escalations[c.escalations.find("hostescalation-1", c.pool)];
    EXPECT_EQ(e.first_notification, 2);
    EXPECT_EQ(e.last_notification, 4);
    EXPECT_THAT(names_at(c, c.contacts, e.links.contacts), ElementsAre("admin"));
    EXPECT_THAT(names_at(c, c.escalations, host(c, "lone").links.escalations),
                ElementsAre("night"));
    EXPECT_THAT(names_at(c, c.escalations, service(c, "s1", "Web").links.escalations),
                ElementsAre("serviceescalation-1"));
}

TEST(Escalations, UnknownEscalationNamesAreErrors) {
    auto r = load_objects(
        "define host {\n host_name a\n escalations nigth\n}\n"
        "define escalation {\n escalation_name night\n}\n");
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r),
                HasSubstr("host 'a': escalations: unknown escalation 'nigth' (did you mean "
                          "'night'?)"));
}

}  // namespace
}  // namespace yagura::config
