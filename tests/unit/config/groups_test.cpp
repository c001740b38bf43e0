// Group membership from both sides, subgroups, wildcards and exclusions.

#include "config_test_util.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::host;
using testing::load_objects;
using testing::names_at;

template <class G>
const G& group(const model::Table<G>& table, const model::Config& c, std::string_view name) {
    return table[table.find(name, c.pool)];
}

TEST(Groups, HostGroupsFromBothSidesWithSubgroups) {
    auto r = load_objects(R"(
define hostgroup {
    hostgroup_name      web
    members             w1
}
define hostgroup {
    hostgroup_name      db
}
define hostgroup {
    hostgroup_name      all-servers
    hostgroup_members   web,db
    members             *,!router
}
define host {
    host_name           w1
}
define host {
    host_name           w2
    hostgroups          web
}
define host {
    host_name           d1
    hostgroups          db
}
define host {
    host_name           router
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_THAT(names_at(c, c.hosts, group(c.hostgroups, c, "web").links.members),
                ElementsAre("w1", "w2"));
    EXPECT_THAT(names_at(c, c.hosts, group(c.hostgroups, c, "all-servers").links.members),
                ElementsAre("d1", "w1", "w2"));
    EXPECT_THAT(names_at(c, c.hostgroups, group(c.hostgroups, c, "all-servers").links.subgroups),
                ElementsAre("db", "web"));
    // The host side lists every group it ends up in.
    EXPECT_THAT(names_at(c, c.hostgroups, host(c, "w2").host_links.hostgroups),
                ElementsAre("all-servers", "web"));
    EXPECT_TRUE(c.pool.list(host(c, "router").host_links.hostgroups.list).empty());
}

TEST(Groups, ServiceGroupsFromPairsAndFromServices) {
    auto r = load_objects(R"(
define host {
    host_name           a
}
define host {
    host_name           b
}
define service {
    host_name           a,b
    service_description HTTP
    check_command       check_ping
    check_interval      5
}
define service {
    host_name           a
    service_description SSH
    check_command       check_ping
    check_interval      5
    servicegroups       remote
}
define servicegroup {
    servicegroup_name   web
    members             a,HTTP,b,HTTP
}
define servicegroup {
    servicegroup_name   remote
}
define servicegroup {
    servicegroup_name   everything-on-b
    members             b,*
    servicegroup_members remote
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_THAT(names_at(c, c.services, group(c.servicegroups, c, "web").links.members),
                ElementsAre("a/HTTP", "b/HTTP"));
    EXPECT_THAT(names_at(c, c.services, group(c.servicegroups, c, "remote").links.members),
                ElementsAre("a/SSH"));
    EXPECT_THAT(names_at(c, c.services, group(c.servicegroups, c, "everything-on-b").links.members),
                ElementsAre("a/SSH", "b/HTTP"));
    EXPECT_THAT(
        names_at(c, c.servicegroups, testing::service(c, "a", "SSH").service_links.servicegroups),
        ElementsAre("everything-on-b", "remote"));
}

TEST(Groups, ContactGroupsFromBothSides) {
    auto r = load_objects(R"(
define contact {
    contact_name        bob
    contactgroups       ops
    host_notification_commands    notify
    service_notification_commands notify
}
define contactgroup {
    contactgroup_name   ops
    members             admin
}
define contactgroup {
    contactgroup_name   everyone
    contactgroup_members ops
}
define host {
    host_name           a
    contact_groups      everyone
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_THAT(names_at(c, c.contacts, group(c.contactgroups, c, "everyone").links.members),
                ElementsAre("admin", "bob"));
    EXPECT_THAT(names_at(c, c.contacts, host(c, "a").links.contacts), ElementsAre("admin", "bob"));
    const auto& bob = c.contacts[c.contacts.find("bob", c.pool)];
    EXPECT_THAT(names_at(c, c.contactgroups, bob.links.contactgroups),
                ElementsAre("everyone", "ops"));
}

TEST(Groups, UnknownMembersAndLoopsAreErrors) {
    auto r = load_objects(R"(
define host {
    host_name           web1
    hostgroups          linx
}
define hostgroup {
    hostgroup_name      linux
    members             web2
    hostgroup_members   other
}
define hostgroup {
    hostgroup_name      other
    hostgroup_members   linux
}
define servicegroup {
    servicegroup_name   sg
    members             web1,HTTP,web1
}
)");
    ASSERT_FALSE(r.ok());
    auto errors = all_errors(r);
    EXPECT_THAT(errors, HasSubstr("host 'web1': unknown hostgroup 'linx' (did you mean 'linux'?)"));
    EXPECT_THAT(errors, HasSubstr("hostgroup 'linux': unknown host 'web2' (did you mean 'web1'?) "
                                  "in its members"));
    EXPECT_THAT(errors, HasSubstr("is its own subgroup through"));
    EXPECT_THAT(errors, HasSubstr("servicegroup 'sg': members must be host,service pairs"));
    EXPECT_THAT(errors, HasSubstr("unknown service 'web1/HTTP' in its members"));
}

}  // namespace
}  // namespace yagura::config
