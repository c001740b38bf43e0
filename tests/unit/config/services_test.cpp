// Service expansion: host lists, hostgroup expressions, service templates bound to host
// templates, precedence between definitions, implicit inheritance from the host.

#include "config_test_util.hpp"
#include "expression.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using testing::all_warnings;
using ::testing::ElementsAre;
using testing::has_service;
using ::testing::HasSubstr;
using testing::load_objects;
using testing::service;

// Hosts a..f in groups: linux {a,b,c,d}, windows {e,f}, web {a,b,e}, test {b,f}.
const std::string kHosts = R"(
define hostgroup {
    hostgroup_name linux
    members        a,b,c
}
define hostgroup {
    hostgroup_name windows
}
define hostgroup {
    hostgroup_name web
    members        a,b,e
}
define hostgroup {
    hostgroup_name test
}
define host {
    host_name      a
}
define host {
    host_name      b
    hostgroups     test
}
define host {
    host_name      c
}
define host {
    host_name      d
    hostgroups     linux
}
define host {
    host_name      e
    hostgroups     windows
}
define host {
    host_name      f
    hostgroups     windows,test
}
)";

std::string service_on(std::string_view where) {
    return "define service {\n    service_description s\n    check_command check_ping\n"
           "    check_interval 1\n    " +
           std::string(where) + "\n}\n";
}

// The hosts that got service "s".
std::vector<std::string> hosts_with_s(const LoadResult& r) {
    std::vector<std::string> out;
    for (const auto& s : r.config->services) {
        out.emplace_back(r.config->pool.str(s.host_name));
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(Services, HostNameListsWithExclusionsAndWildcard) {
    auto r = load_objects(kHosts + service_on("host_name a,b,c,!b"));
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_THAT(hosts_with_s(r), ElementsAre("a", "c"));
    r = load_objects(kHosts + service_on("host_name *,!e"));
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_THAT(hosts_with_s(r), ElementsAre("a", "b", "c", "d", "f"));
}

TEST(Services, HostgroupNameExpressions) {
    struct Case {
        const char* expression;
        std::vector<std::string> hosts;
    };
    const Case cases[] = {
        {"linux", {"a", "b", "c", "d"}},
        {"linux,windows", {"a", "b", "c", "d", "e", "f"}},
        {"linux|windows", {"a", "b", "c", "d", "e", "f"}},
        {"linux&web", {"a", "b"}},
        {"linux+web", {"a", "b"}},
        {"linux,!test", {"a", "c", "d"}},  // Shinken: ! takes away from the list
        {"linux&!test", {"a", "c", "d"}},
        {"!windows", {"a", "b", "c", "d"}},
        {"(linux|windows)&!web", {"c", "d", "f"}},
        {"web&(windows|test)", {"b", "e"}},
        {"*", {"a", "b", "c", "d", "e", "f"}},
        {"*&!(web)", {"c", "d", "f"}},
    };
    for (const Case& c : cases) {
        auto r = load_objects(kHosts + service_on(std::string("hostgroup_name ") + c.expression));
        ASSERT_TRUE(r.ok()) << c.expression << "\n" << all_errors(r);
        EXPECT_EQ(hosts_with_s(r), c.hosts) << c.expression;
    }
}

TEST(Services, HostgroupAndHostNamesCombine) {
    auto r = load_objects(kHosts + service_on("hostgroup_name windows\n host_name a,!f"));
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_THAT(hosts_with_s(r), ElementsAre("a", "e"));
}

TEST(Services, ExpressionMixingOperatorsWarns) {
    auto r = load_objects(kHosts + service_on("hostgroup_name windows|linux&web"));
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_THAT(hosts_with_s(r), ElementsAre("a", "b", "e", "f"));  // windows | (linux & web)
    EXPECT_THAT(all_warnings(r), HasSubstr("mixes '|' and '&' without parentheses"));
}

TEST(Services, UnknownGroupsAndHostsAreErrorsWithSuggestions) {
    auto r = load_objects(kHosts + service_on("hostgroup_name linuks&web"));
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("service 's': hostgroup_name 'linuks&web': unknown "
                                         "hostgroup 'linuks' (did you mean 'linux'?)"));
    r = load_objects(kHosts + service_on("host_name web1"));
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("its host: unknown host 'web1'"));
    r = load_objects(kHosts +
                     "define service {\n service_description s\n check_command "
                     "check_ping\n check_interval 1\n}\n");
    EXPECT_THAT(all_errors(r), HasSubstr("has neither host_name nor hostgroup_name"));
    r = load_objects(kHosts + service_on("hostgroup_name (linux"));
    EXPECT_THAT(all_errors(r), HasSubstr("missing ')'"));
}

TEST(Services, AGroupWithoutHostsMakesNoServiceAndWarns) {
    auto r = load_objects(kHosts + "define hostgroup {\n hostgroup_name empty\n}\n" +
                          service_on("hostgroup_name empty"));
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_TRUE(r.config->services.empty());
    EXPECT_THAT(all_warnings(r), HasSubstr("matches no host"));
}

TEST(Services, ServiceTemplatesBindToHostsUsingAHostTemplate) {
    auto r = load_objects(R"(
define host {
    name            linux-server
    register        0
}
define host {
    name            web-server
    use             linux-server
    register        0
}
define host {
    host_name       w1
    use             web-server
}
define host {
    host_name       l1
    use             linux-server
}
define host {
    host_name       other
}
define service {
    name                linux-checks
    host_name           linux-server
    service_description Load
    check_command       check_ping
    check_interval      5
    register            0
}
define service {
    name                web-checks
    host_name           web-server
    service_description HTTP
    check_command       check_ping
    check_interval      5
    register            0
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_TRUE(has_service(c, "w1", "Load"));  // through web-server's own template
    EXPECT_TRUE(has_service(c, "l1", "Load"));
    EXPECT_TRUE(has_service(c, "w1", "HTTP"));
    EXPECT_FALSE(has_service(c, "l1", "HTTP"));
    EXPECT_FALSE(has_service(c, "other", "Load"));
    EXPECT_EQ(c.services.size(), 3u);
}

TEST(Services, ADefinitionForOneHostWinsOverAGroupOne) {
    auto r = load_objects(kHosts + R"(
define service {
    host_name           a
    service_description s
    check_command       check_ping!specific
    check_interval      1
}
define service {
    hostgroup_name      web
    service_description s
    check_command       check_ping!generic
    check_interval      1
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_EQ(c.pool.str(service(c, "a", "s").check_command), "check_ping!specific");
    EXPECT_EQ(c.pool.str(service(c, "b", "s").check_command), "check_ping!generic");
    EXPECT_EQ(all_warnings(r), "");
}

TEST(Services, TwoDefinitionsForOneHostWarnAndTheLastWins) {
    auto r = load_objects(kHosts + service_on("host_name a\n notes first") +
                          service_on("host_name a\n notes second"));
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.config->pool.str(service(*r.config, "a", "s").notes), "second");
    EXPECT_THAT(all_warnings(r), HasSubstr("service 'a/s': is also defined at test.cfg:"));
}

TEST(Services, UnsetFieldsComeFromTheHost) {
    auto r = load_objects(R"(
define contactgroup {
    contactgroup_name   ops
    members             admin
}
define host {
    host_name           a
    contact_groups      ops
    notification_interval 17
    check_period        24x7
    poller_tag          DMZ
    business_impact     4
}
define service {
    host_name           a
    service_description own
    check_command       check_ping
    check_interval      1
    notification_interval 3
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    const auto& s = service(c, "a", "own");
    EXPECT_EQ(s.notification_interval, 3);
    EXPECT_THAT(testing::names(c, s.contact_groups), ElementsAre("ops"));
    EXPECT_EQ(c.pool.str(s.poller_tag), "DMZ");
    EXPECT_EQ(s.business_impact, 4);
    EXPECT_EQ(s.links.check_period, c.timeperiods.find("24x7", c.pool));
    EXPECT_EQ(testing::names_at(c, c.contacts, s.links.contacts),
              std::vector<std::string>{"admin"});
}

TEST(Expression, SemanticsOnSets) {
    auto resolve = [](std::string_view name, std::string& error) -> std::optional<detail::HostSet> {
        if (name == "a")
            return detail::HostSet{0, 1, 2};
        if (name == "b")
            return detail::HostSet{2, 3};
        error = "unknown " + std::string(name);
        return std::nullopt;
    };
    EXPECT_EQ(detail::evaluate_expression("a|b", 5, resolve).hosts, (detail::HostSet{0, 1, 2, 3}));
    EXPECT_EQ(detail::evaluate_expression("a & b", 5, resolve).hosts, (detail::HostSet{2}));
    EXPECT_EQ(detail::evaluate_expression("!a", 5, resolve).hosts, (detail::HostSet{3, 4}));
    EXPECT_EQ(detail::evaluate_expression("!(a|b)", 5, resolve).hosts, (detail::HostSet{4}));
    EXPECT_EQ(detail::evaluate_expression("!!a", 5, resolve).hosts, (detail::HostSet{0, 1, 2}));
    EXPECT_EQ(detail::evaluate_expression("a,", 5, resolve).hosts, (detail::HostSet{0, 1, 2}));
    auto bad = detail::evaluate_expression("a)|zz", 5, resolve);
    EXPECT_FALSE(bad.errors.empty());
    std::string deep(200, '(');
    EXPECT_FALSE(detail::evaluate_expression(deep + "a", 5, resolve).errors.empty());
}

}  // namespace
}  // namespace yagura::config
