// duplicate_foreach, service_excludes / service_includes, service_overrides, extended info.

#include "config_test_util.hpp"
#include "foreach.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using testing::all_warnings;
using ::testing::ElementsAre;
using testing::has_service;
using ::testing::HasSubstr;
using testing::host;
using testing::load_objects;
using testing::service;

TEST(KeyValues, KeysValuesRangesAndDefaults) {
    auto seq =
        detail::parse_key_values("C$(80%!90%)$, D$(70%)$$(50%)$ , E, data[1-3], n[08-10]", "def");
    ASSERT_EQ(seq.error, "");
    std::vector<std::string> keys;
    for (const auto& kv : seq.entries) {
        keys.push_back(kv.key);
    }
    EXPECT_THAT(keys, ElementsAre("C", "D", "E", "data1", "data2", "data3", "n08", "n09", "n10"));
    EXPECT_THAT(seq.entries[0].values, ElementsAre("80%!90%"));
    EXPECT_THAT(seq.entries[1].values, ElementsAre("70%", "50%"));
    EXPECT_THAT(seq.entries[2].values, ElementsAre("def"));
    EXPECT_THAT(seq.entries[4].values, ElementsAre("def"));
    EXPECT_NE(detail::parse_key_values("C$(80%", "").error, "");
    EXPECT_NE(detail::parse_key_values("x[5-1]", "").error, "");
    EXPECT_NE(detail::parse_key_values("x[1-100000]", "").error, "");
    EXPECT_EQ(detail::safe_key("C:/data (x)"), "C:/data _x_");
}

TEST(DuplicateForeach, OneServicePerKeyWithSubstitutions) {
    auto r = load_objects(R"(
define command {
    command_name check_disk
    command_line /bin/true $ARG1$ $ARG2$ $ARG3$
}
define host {
    host_name           a
    _disks              /$(80%!90%)$, /var$(70%!95%)$, /tmp, /data[1-2]
    _!disks             /tmp
}
define host {
    host_name           b
}
define service {
    host_name           a,b
    service_description Disk $KEY$
    display_name        Disk $KEY$ ($VALUE1$)
    check_command       check_disk!$VALUE1$!$KEY$
    check_interval      5
    duplicate_foreach   _disks
    default_value       50%!60%
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_EQ(c.services.size(), 4u);  // /, /var, /data1, /data2 on a; b has no _DISKS
    EXPECT_EQ(c.pool.str(service(c, "a", "Disk /var").check_command), "check_disk!70%!95%!/var");
    EXPECT_EQ(c.pool.str(service(c, "a", "Disk /data1").check_command),
              "check_disk!50%!60%!/data1");
    EXPECT_EQ(c.pool.str(service(c, "a", "Disk /").display_name), "Disk / (80%!90%)");
    EXPECT_FALSE(has_service(c, "a", "Disk /tmp"));
    // The arguments are split at '!' once substituted.
    const auto& call = service(c, "a", "Disk /").links.check_command;
    ASSERT_NE(call.command, model::kNoIndex);
    EXPECT_THAT(testing::names(c, call.args), ElementsAre("80%", "90%", "/"));
}

TEST(DuplicateForeach, WorksFromServiceTemplatesBoundToHostTemplates) {
    auto r = load_objects(R"(
define host {
    name                linux
    register            0
}
define host {
    host_name           a
    use                 linux
    _ifaces             eth0, eth1
}
define service {
    name                iface
    host_name           linux
    service_description Interface $KEY$
    check_command       check_ping!$KEY$
    check_interval      5
    duplicate_foreach   _IFACES
    register            0
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_TRUE(has_service(*r.config, "a", "Interface eth0"));
    EXPECT_TRUE(has_service(*r.config, "a", "Interface eth1"));
}

TEST(DuplicateForeach, AMalformedHostValueIsAnErrorOnTheHost) {
    auto r = load_objects(R"(
define host {
    host_name           a
    _disks              C$(80%
}
define service {
    host_name           a
    service_description Disk $KEY$
    check_command       check_ping
    check_interval      5
    duplicate_foreach   _disks
}
)");
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("host 'a': custom variable used by duplicate_foreach"));
}

TEST(ServiceExcludes, HostsDropServicesByDescription) {
    auto r = load_objects(R"(
define hostgroup {
    hostgroup_name      all
    members             *
}
define host {
    host_name           a
    service_excludes    HTTP, r:^Disk
}
define host {
    host_name           b
    service_includes    HTTP
}
define host {
    host_name           c
}
define service {
    hostgroup_name      all
    service_description HTTP
    check_command       check_ping
    check_interval      5
}
define service {
    hostgroup_name      all
    service_description Disk /
    check_command       check_ping
    check_interval      5
}
define service {
    hostgroup_name      all
    service_description SSH
    check_command       check_ping
    check_interval      5
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_FALSE(has_service(c, "a", "HTTP"));
    EXPECT_FALSE(has_service(c, "a", "Disk /"));
    EXPECT_TRUE(has_service(c, "a", "SSH"));
    EXPECT_TRUE(has_service(c, "b", "HTTP"));
    EXPECT_FALSE(has_service(c, "b", "SSH"));
    EXPECT_EQ(c.services.size(), 2u + 3u);
}

TEST(ServiceOverrides, ChangeOneAttributeOfAHostsService) {
    auto r = load_objects(R"(
define host {
    host_name           a
    service_overrides   HTTP,notes overridden here
    service_overrides   *,max_check_attempts 9
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
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_EQ(c.pool.str(service(c, "a", "HTTP").notes), "overridden here");
    EXPECT_EQ(service(c, "a", "HTTP").max_check_attempts, 9);
    EXPECT_TRUE(service(c, "b", "HTTP").notes.empty());
    // What the loader used is not part of the model.
    EXPECT_TRUE(host(c, "a").service_overrides.list.empty());
}

TEST(ServiceOverrides, BadOverridesAreErrorsOnTheHost) {
    auto r = load_objects(R"(
define host {
    host_name           a
    service_overrides   HTTP,host_name b
    service_overrides   SMTP,notes x
    service_overrides   no comma here
    service_overrides   HTTP,max_check_attempts lots
}
define service {
    host_name           a
    service_description HTTP
    check_command       check_ping
    check_interval      5
}
)");
    ASSERT_FALSE(r.ok());
    auto errors = all_errors(r);
    EXPECT_THAT(errors, HasSubstr("host 'a': service_overrides cannot change 'host_name'"));
    EXPECT_THAT(errors, HasSubstr("'SMTP,notes x': the host has no service 'SMTP'"));
    EXPECT_THAT(errors, HasSubstr("'no comma here' is not 'service_description,attribute value'"));
    EXPECT_THAT(errors, HasSubstr("max_check_attempts expects an integer, got 'lots'"));
}

TEST(ExtInfo, MergedIntoHostsAndServicesNeverAnError) {
    auto r = load_objects(R"(
define host {
    host_name           a
    notes               own notes
}
define service {
    host_name           a
    service_description HTTP
    check_command       check_ping
    check_interval      5
}
define hostextinfo {
    host_name           a
    notes               extinfo notes
    icon_image          server.png
    gd2_image           server.gd2
}
define hostextinfo {
    host_name           gone
    icon_image          x.png
}
define serviceextinfo {
    host_name           a
    service_description HTTP
    notes_url           http://wiki/http
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_EQ(c.pool.str(host(c, "a").notes), "own notes");  // the host's own value wins
    EXPECT_EQ(c.pool.str(host(c, "a").icon_image), "server.png");
    EXPECT_EQ(c.pool.str(service(c, "a", "HTTP").notes_url), "http://wiki/http");
    auto warnings = all_warnings(r);
    EXPECT_THAT(warnings, HasSubstr("hostextinfo: unknown host 'gone'; ignored"));
    EXPECT_THAT(warnings, HasSubstr("gd2_image"));
}

}  // namespace
}  // namespace yagura::config
