// Templates: name, use (several, depth first), register 0, + additive values, null, custom
// variables.

#include "config_test_util.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using testing::all_warnings;
using testing::custom;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::host;
using testing::load_objects;
using testing::names;

TEST(Templates, UseSeveralLeftToRightDepthFirst) {
    auto r = load_objects(R"(
define host {
    name                  base
    max_check_attempts    7
    notes                 from-base
    register              0
}
define host {
    name                  left
    use                   base
    register              0
}
define host {
    name                  right
    max_check_attempts    2
    notes                 from-right
    check_interval        9
    register              0
}
define host {
    host_name             web1
    use                   left,right
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    ASSERT_EQ(c.hosts.size(), 1u);  // templates are not hosts
    const auto& h = host(c, "web1");
    EXPECT_EQ(h.max_check_attempts, 7);  // left's own template comes before right
    EXPECT_EQ(c.pool.str(h.notes), "from-base");
    EXPECT_EQ(h.check_interval, 9);  // only right has it
}

TEST(Templates, NameUseAndRegisterAreNotInherited) {
    auto r = load_objects(R"(
define host {
    name        tpl
    register    0
}
define host {
    host_name   a
    use         tpl
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& a = host(*r.config, "a");
    EXPECT_TRUE(a.registered);
    EXPECT_TRUE(a.template_name.empty());
}

TEST(Templates, AnObjectWithANameIsAlsoATemplate) {
    auto r = load_objects(R"(
define host {
    host_name   a
    name        a-template
    notes       shared
}
define host {
    host_name   b
    use         a-template
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.config->hosts.size(), 2u);
    EXPECT_EQ(r.config->pool.str(host(*r.config, "b").notes), "shared");
}

TEST(Templates, PlusAddsToTheInheritedListThroughTemplates) {
    auto r = load_objects(R"(
define hostgroup {
    hostgroup_name  linux
}
define hostgroup {
    hostgroup_name  web
}
define hostgroup {
    hostgroup_name  prod
}
define hostgroup {
    hostgroup_name  dmz
}
define host {
    name            base
    hostgroups      linux
    register        0
}
define host {
    name            web-tpl
    use             base
    hostgroups      +web
    register        0
}
define host {
    host_name       w1
    use             web-tpl
    hostgroups      +prod,dmz
}
define host {
    host_name       w2
    use             web-tpl
    hostgroups      prod
}
define host {
    host_name       w3
    use             web-tpl
}
define host {
    host_name       w4
    use             web-tpl
    notification_options +s
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_THAT(names(c, host(c, "w1").hostgroups), ElementsAre("linux", "web", "prod", "dmz"));
    EXPECT_THAT(names(c, host(c, "w2").hostgroups), ElementsAre("prod"));  // own value wins
    EXPECT_THAT(names(c, host(c, "w3").hostgroups), ElementsAre("linux", "web"));
    // Option letters add up too: the host default d,u,r,f plus s.
    EXPECT_TRUE(host(c, "w4").notification_options.has('s'));
    EXPECT_FALSE(host(c, "w4").notification_options.has('d'));  // no template set it
}

TEST(Templates, PlusOnASingleValueIsPartOfTheValue) {
    auto r = load_objects(R"(
define contact {
    contact_name                  bob
    pager                         +33600000000
    host_notification_commands    notify
    service_notification_commands notify
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_EQ(c.pool.str(c.contacts[c.contacts.find("bob", c.pool)].pager), "+33600000000");
}

TEST(Templates, NullClearsAndIsInheritedAsCleared) {
    auto r = load_objects(R"(
define host {
    name                tpl
    notes               some notes
    contacts            admin
    register            0
}
define host {
    name                quiet
    use                 tpl
    contacts            null
    register            0
}
define host {
    host_name           a
    use                 quiet
}
define host {
    host_name           b
    use                 tpl
    notes               null
}
define service {
    host_name           a
    service_description s
    check_command       check_ping
    check_interval      1
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_TRUE(host(c, "a").contacts.list.empty());
    EXPECT_EQ(c.pool.str(host(c, "a").notes), "some notes");
    EXPECT_TRUE(host(c, "b").notes.empty());
    // A cleared field counts as never set: the service does not take it from its host.
    EXPECT_TRUE(testing::service(c, "a", "s").contacts.list.empty());
}

TEST(Templates, CustomVariablesAreUpperCasedInheritedAndCanAdd) {
    auto r = load_objects(R"(
define host {
    name            tpl
    _snmp_community public
    _tags           linux
    register        0
}
define host {
    host_name       a
    use             tpl
    _Location       paris
    _TAGS           +web
}
define host {
    host_name       b
    use             tpl
    _snmp_community private
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_EQ(custom(c, host(c, "a"), "SNMP_COMMUNITY"), "public");
    EXPECT_EQ(custom(c, host(c, "a"), "LOCATION"), "paris");
    EXPECT_EQ(custom(c, host(c, "a"), "TAGS"), "linux,web");
    EXPECT_EQ(custom(c, host(c, "b"), "SNMP_COMMUNITY"), "private");
}

TEST(Templates, UnknownTemplatesAndLoopsAreErrors) {
    auto r = load_objects(R"(
define host {
    name        generic-host
    register    0
}
define host {
    host_name   a
    use         generic-hots
}
define host {
    name        x
    use         y
    register    0
}
define host {
    name        y
    use         x
    register    0
}
)");
    ASSERT_FALSE(r.ok());
    auto errors = all_errors(r);
    const auto line = testing::base_lines();
    EXPECT_THAT(errors, HasSubstr("test.cfg:" + std::to_string(line + 6) +
                                  ": host 'a': uses unknown template 'generic-hots' (did you "
                                  "mean 'generic-host'?)"));
    EXPECT_THAT(errors, HasSubstr("template loop: x -> y -> x"));
}

TEST(Templates, ATemplateDefinedTwiceWarnsAndTheLastOneIsUsed) {
    auto r = load_objects(R"(
define host {
    name        tpl
    notes       first
    register    0
}
define host {
    name        tpl
    notes       second
    register    0
}
define host {
    host_name   a
    use         tpl
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.config->pool.str(host(*r.config, "a").notes), "second");
    EXPECT_THAT(all_warnings(r),
                HasSubstr("a host template 'tpl' is already defined at test.cfg:"));
}

TEST(Templates, AttributesSetTwiceInOneBlockWarn) {
    auto r = load_objects("define host {\n host_name a\n notes one\n notes two\n}\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.config->pool.str(host(*r.config, "a").notes), "two");
    EXPECT_THAT(all_warnings(r), HasSubstr("'notes' is set twice in this definition"));
}

TEST(Templates, UnknownAndNagiosOnlyAttributesWarn) {
    auto r = load_objects(
        "define host {\n host_name a\n check_intervall 5\n failure_prediction_enabled 1\n}\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    auto warnings = all_warnings(r);
    const auto line = testing::base_lines();
    EXPECT_THAT(warnings, HasSubstr("test.cfg:" + std::to_string(line + 3) +
                                    ": warning: host 'a': unknown attribute 'check_intervall' "
                                    "(did you mean 'check_interval'?)"));
    EXPECT_THAT(warnings, HasSubstr("test.cfg:" + std::to_string(line + 4) +
                                    ": warning: host 'a': attribute 'failure_prediction_enabled' "
                                    "is ignored"));
}

}  // namespace
}  // namespace yagura::config
