// Linking names into indices and validating values: every error with its file:line, the
// closest name suggested, all errors reported, and nothing loaded when one is found.

#include "config_test_util.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using testing::all_warnings;
using testing::at;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::host;
using testing::load_objects;
using testing::names;
using testing::service;

TEST(Link, CommandsWithArgumentsPeriodsAndContacts) {
    auto r = load_objects(R"(
define host {
    host_name           a
    check_command       check_ping!80!/ \! /
    event_handler       notify
    check_period        24x7
    contacts            admin
}
define service {
    host_name           a
    service_description s
    check_command       check_ping
    check_interval      5
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    const auto& a = host(c, "a");
    EXPECT_EQ(a.links.check_command.command, c.commands.find("check_ping", c.pool));
    EXPECT_THAT(names(c, a.links.check_command.args), ElementsAre("80", "/ ! /"));
    EXPECT_EQ(a.links.event_handler.command, c.commands.find("notify", c.pool));
    EXPECT_EQ(a.links.check_period, c.timeperiods.find("24x7", c.pool));
    EXPECT_EQ(service(c, "a", "s").service_links.host, c.hosts.find("a", c.pool));
    EXPECT_THAT(testing::names_at(c, c.services, a.host_links.services), ElementsAre("a/s"));
    // Hosts without a check command run the internal always-UP check.
    EXPECT_NE(c.commands.find("_internal_host_up", c.pool), model::kNoIndex);
    const auto& admin = c.contacts[c.contacts.find("admin", c.pool)];
    ASSERT_EQ(admin.links.notification.host_notification_commands.size(), 1u);
    EXPECT_EQ(admin.links.notification.host_notification_commands[0].command,
              c.commands.find("notify", c.pool));
}

TEST(Link, EveryUnknownNameIsAnErrorWithItsPlaceAndTheClosestName) {
    const std::string text = R"(
define host {
    host_name           web1
    check_command       chek_ping
    check_period        24x8
    contacts            admn
    parents             web2
}
define service {
    host_name           web1
    service_description HTTP
    check_command       check_ping
    check_interval      5
    contact_groups      opps
}
define contact {
    contact_name        other
    notificationways    pager-way
    host_notification_commands    notify
    service_notification_commands notify
}
)";
    auto r = load_objects(text);
    ASSERT_FALSE(r.ok());
    auto errors = all_errors(r);
    EXPECT_THAT(errors, HasSubstr(at(text, "web1") + "host 'web1': check_command: unknown command "
                                                     "'chek_ping' (did you mean 'check_ping'?)"));
    EXPECT_THAT(errors,
                HasSubstr(at(text, "web1") + "host 'web1': check_period: unknown timeperiod '24x8' "
                                             "(did you mean '24x7'?)"));
    EXPECT_THAT(errors,
                HasSubstr(at(text, "web1") + "host 'web1': contacts: unknown contact 'admn' (did "
                                             "you mean 'admin'?)"));
    EXPECT_THAT(errors,
                HasSubstr(at(text, "web1") + "host 'web1': parents: unknown host 'web2' (did you "
                                             "mean 'web1'?)"));
    EXPECT_THAT(errors, HasSubstr(at(text, "HTTP") + "service 'web1/HTTP': contact_groups: unknown "
                                                     "contactgroup 'opps'"));
    EXPECT_THAT(errors, HasSubstr(at(text, "other") + "contact 'other': notificationways: unknown "
                                                      "notificationway 'pager-way'"));
    EXPECT_EQ(r.errors.size(), 6u) << errors;
}

TEST(Link, ParentLoopsAreErrors) {
    auto r = load_objects(
        "define host {\n host_name a\n parents c\n}\n"
        "define host {\n host_name b\n parents a\n}\n"
        "define host {\n host_name c\n parents b\n}\n");
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("is its own ancestor through its parents"));
}

TEST(Validate, RequiredAttributesAndBadValues) {
    const std::string text = R"(
define service {
    host_name           a
    service_description nocheck
}
define host {
    host_name           a
    max_check_attempts  0
}
define host {
    alias               nameless
}
define command {
    command_name        broken
}
define host {
    host_name           b
    check_interval      soon
}
)";
    auto r = load_objects(text);
    ASSERT_FALSE(r.ok());
    auto errors = all_errors(r);
    EXPECT_THAT(errors,
                HasSubstr(at(text, "nocheck") + "service 'a/nocheck': the required attribute "
                                                "'check_command' is not set"));
    EXPECT_THAT(errors,
                HasSubstr(at(text, "nocheck") + "service 'a/nocheck': the required attribute "
                                                "'check_interval' is not set"));
    EXPECT_THAT(errors, HasSubstr(at(text, "max_check_attempts  0") +
                                  "host 'a': max_check_attempts must be at least 1"));
    EXPECT_THAT(errors, HasSubstr(at(text, "nameless") +
                                  "host: the required attribute 'host_name' is not set"));
    EXPECT_THAT(errors, HasSubstr(at(text, "broken") + "command 'broken': the required attribute "
                                                       "'command_line' is not set"));
    EXPECT_THAT(errors,
                HasSubstr(at(text, "soon", false) + "host 'b': check_interval expects a number"));
}

TEST(Validate, IllegalCharactersInNames) {
    auto r = load_objects("define host {\n host_name web(1)\n}\n");
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("host 'web(1)': the name contains '('"));
    r = load_objects("illegal_object_name_chars=\ndefine host {\n host_name web(1)\n}\n");
    EXPECT_TRUE(r.ok()) << all_errors(r);
}

TEST(Validate, ContactsMustBeReachable) {
    const std::string text = R"(
define contact {
    contact_name        mute
}
define notificationway {
    notificationway_name by-mail
    host_notification_commands    notify
    service_notification_commands notify
}
define contact {
    contact_name        by-way
    notificationways    by-mail
}
define contact {
    contact_name        off
    host_notifications_enabled    0
    service_notifications_enabled 0
}
)";
    auto r = load_objects(text);
    ASSERT_FALSE(r.ok());
    auto errors = all_errors(r);
    EXPECT_THAT(errors,
                HasSubstr(at(text, "mute") + "contact 'mute': has no host notification commands"));
    EXPECT_THAT(errors, HasSubstr(at(text, "mute") +
                                  "contact 'mute': has no service notification commands"));
    EXPECT_EQ(r.errors.size(), 2u);
}

TEST(Validate, DuplicateNames) {
    const std::string text = R"(
define command {
    command_name    check_ping
    command_line    /bin/true $HOSTADDRESS$ $ARG1$
}
define host {
    host_name       a
    address         10.0.0.1
}
define host {
    host_name       a
    address         10.0.0.2
}
)";
    auto r = load_objects(text);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_warnings(r),
                HasSubstr(at(text, "check_ping") + "warning: command 'check_ping': defined again "
                                                   "identically (first at test.cfg:2); one is "
                                                   "kept"));
    std::string first = at(text, "10.0.0.1");  // "test.cfg:N: "
    EXPECT_THAT(all_errors(r),
                HasSubstr(at(text, "10.0.0.2") + "host 'a': is already defined at " +
                          first.substr(0, first.size() - 2) + " with other attributes"));
}

TEST(Validate, TimeperiodLines) {
    const std::string text = R"(
define timeperiod {
    timeperiod_name nights
    monday          22:00-06:00
    tuesday         25:00-26:00
    exclude         holydays
}
define timeperiod {
    timeperiod_name holidays
    december 25     00:00-24:00
}
)";
    auto r = load_objects(text);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r),
                HasSubstr(at(text, "25:00", false) + "timeperiod 'nights': bad timeperiod line "
                                                     "'tuesday 25:00-26:00'"));
    EXPECT_THAT(all_errors(r),
                HasSubstr(at(text, "nights") + "timeperiod 'nights': exclude: unknown "
                                               "timeperiod 'holydays' (did you mean "
                                               "'holidays'?)"));
    // A range over midnight loads, with a warning saying how it is read.
    EXPECT_THAT(all_warnings(r),
                HasSubstr(at(text, "22:00-06:00", false) +
                          "warning: timeperiod 'nights': timeperiod line 'monday "
                          "22:00-06:00': time range 22:00-06:00 ends before it starts: "
                          "read as 22:00-24:00 and 00:00-06:00 the next day"));
}

TEST(Validate, ABrokenConfigurationYieldsNothingButEveryError) {
    auto r = load_objects(R"(
define host {
    host_name       good
}
define host {
    host_name       bad1
    check_command   nope1
}
define host {
    host_name       bad2
    check_command   nope2
}
)");
    EXPECT_FALSE(r.ok());
    EXPECT_FALSE(r.config.has_value());
    EXPECT_EQ(r.errors.size(), 2u);
}

TEST(Validate, WarningsAboutManyObjectsAreSummarised) {
    std::string text;
    for (int i = 0; i < 50; ++i) {
        text += "define host {\n host_name h" + std::to_string(i) + "\n colour blue\n}\n";
    }
    auto r = load_objects(text);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.warnings.size(), 21u);
    EXPECT_THAT(all_warnings(r), HasSubstr("... and 30 more warnings like: host: unknown "
                                           "attribute 'colour'"));
}

}  // namespace
}  // namespace yagura::config
