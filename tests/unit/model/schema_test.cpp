#include <algorithm>

#include <gtest/gtest.h>

#include <yagura/model/schema.hpp>

namespace yagura::model {
namespace {

using Status = SetResult::Status;

std::string text(const Host& h, std::string_view name, const StringPool& pool) {
    return format_attribute(h, *find_field<Host>(name), pool);
}

TEST(Schema, SetsEachKindFromConfigurationText) {
    StringPool pool;
    Host h = make<Host>(pool);
    EXPECT_TRUE(set_attribute(h, "host_name", " web-01 ", pool).ok());
    EXPECT_TRUE(set_attribute(h, "max_check_attempts", "5", pool).ok());
    EXPECT_TRUE(set_attribute(h, "check_interval", "0.5", pool).ok());
    EXPECT_TRUE(set_attribute(h, "notifications_enabled", "0", pool).ok());
    EXPECT_TRUE(set_attribute(h, "parents", "router-a, router-b", pool).ok());
    EXPECT_TRUE(set_attribute(h, "notification_options", "down,r", pool).ok());
    EXPECT_TRUE(set_attribute(h, "initial_state", "d", pool).ok());

    EXPECT_EQ(pool.str(h.host_name), "web-01");
    EXPECT_EQ(h.max_check_attempts, 5);
    EXPECT_DOUBLE_EQ(h.check_interval, 0.5);
    EXPECT_FALSE(h.notifications_enabled);
    EXPECT_EQ(text(h, "parents", pool), "router-a,router-b");
    EXPECT_TRUE(h.notification_options.has('d'));
    EXPECT_TRUE(h.notification_options.has('r'));
    EXPECT_FALSE(h.notification_options.has('u'));
    EXPECT_EQ(h.initial_state, HostState::down);
}

TEST(Schema, MarksExplicitlySetFields) {
    StringPool pool;
    Host h = make<Host>(pool);
    int i = field_index<Host>("check_period");
    ASSERT_GE(i, 0);
    EXPECT_FALSE(h.explicitly_set.test(static_cast<std::size_t>(i)));
    ASSERT_TRUE(set_attribute(h, "check_period", "24x7", pool).ok());
    EXPECT_TRUE(h.explicitly_set.test(static_cast<std::size_t>(i)));
}

TEST(Schema, BadValuesAreRefusedWithAClearMessageAndChangeNothing) {
    StringPool pool;
    Host h = make<Host>(pool);
    auto r = set_attribute(h, "max_check_attempts", "three", pool);
    EXPECT_EQ(r.status, Status::invalid);
    EXPECT_EQ(r.message, "max_check_attempts expects an integer, got 'three'");
    EXPECT_EQ(h.max_check_attempts, 1);

    r = set_attribute(h, "notification_options", "d,x", pool);
    EXPECT_EQ(r.status, Status::invalid);
    EXPECT_NE(r.message.find("got 'x'"), std::string::npos) << r.message;
    EXPECT_EQ(text(h, "notification_options", pool), "d,f,r,u");

    r = set_attribute(h, "active_checks_enabled", "maybe", pool);
    EXPECT_EQ(r.status, Status::invalid);
    EXPECT_EQ(r.message, "active_checks_enabled expects 0 or 1, got 'maybe'");
    EXPECT_TRUE(h.active_checks_enabled);

    r = set_attribute(h, "initial_state", "w", pool);
    EXPECT_EQ(r.status, Status::invalid);
    EXPECT_NE(r.message.find("one of o, up, d, down"), std::string::npos) << r.message;
    EXPECT_FALSE(
        h.explicitly_set.test(static_cast<std::size_t>(field_index<Host>("initial_state"))));
}

TEST(Schema, UnknownAttributesSuggestTheClosestName) {
    StringPool pool;
    Service s = make<Service>(pool);
    auto r = set_attribute(s, "check_intervall", "5", pool);
    EXPECT_EQ(r.status, Status::unknown);
    EXPECT_EQ(r.message, "unknown attribute 'check_intervall' (did you mean 'check_interval'?)");
    r = set_attribute(s, "completely_different", "5", pool);
    EXPECT_EQ(r.status, Status::unknown);
    EXPECT_EQ(r.message, "unknown attribute 'completely_different'");
}

TEST(Schema, NagiosOnlyAttributesAreIgnoredWithAReason) {
    StringPool pool;
    Service s = make<Service>(pool);
    auto r = set_attribute(s, "parallelize_check", "1", pool);
    EXPECT_EQ(r.status, Status::ignored);
    EXPECT_EQ(r.message, "attribute 'parallelize_check' is ignored: every check runs in parallel");
    Globals g = make<Globals>(pool);
    r = set_attribute(g, "status_file", "/var/lib/nagios4/status.dat", pool);
    EXPECT_EQ(r.status, Status::ignored);
    EXPECT_NE(r.message.find("status is served by the broker"), std::string::npos);
}

TEST(Schema, OldNamesAreAliases) {
    StringPool pool;
    Service s = make<Service>(pool);
    EXPECT_TRUE(set_attribute(s, "normal_check_interval", "3", pool).ok());
    EXPECT_TRUE(set_attribute(s, "retry_check_interval", "1", pool).ok());
    EXPECT_TRUE(set_attribute(s, "description", "HTTP", pool).ok());
    EXPECT_TRUE(set_attribute(s, "criticity", "4", pool).ok());
    EXPECT_DOUBLE_EQ(s.check_interval, 3);
    EXPECT_DOUBLE_EQ(s.retry_interval, 1);
    EXPECT_EQ(pool.str(s.service_description), "HTTP");
    EXPECT_EQ(s.business_impact, 4);
    Contact c = make<Contact>(pool);
    EXPECT_TRUE(set_attribute(c, "contact_groups", "admins", pool).ok());
    EXPECT_EQ(pool.symbols(c.contactgroups.list).size(), 1u);
}

TEST(Schema, CustomVariablesAreUpperCasedWithoutUnderscore) {
    StringPool pool;
    Host h = make<Host>(pool);
    EXPECT_TRUE(set_attribute(h, "_snmp_community", "public", pool).ok());
    EXPECT_TRUE(set_attribute(h, "_DISKS", "C,D", pool).ok());
    EXPECT_EQ(custom_var(h, "SNMP_COMMUNITY", pool), "public");
    EXPECT_EQ(custom_var(h, "_snmp_community", pool), "public");
    EXPECT_EQ(custom_var(h, "disks", pool), "C,D");
    EXPECT_FALSE(custom_var(h, "absent", pool));
    auto all = custom_vars(h, pool);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].first, "DISKS");
    EXPECT_EQ(all[1].first, "SNMP_COMMUNITY");
    EXPECT_TRUE(set_attribute(h, "_DISKS", "E", pool).ok());
    EXPECT_EQ(custom_var(h, "DISKS", pool), "E");
}

TEST(Schema, TimeperiodRuleLinesAreAttributesToo) {
    StringPool pool;
    TimePeriod tp = make<TimePeriod>(pool);
    EXPECT_TRUE(set_attribute(tp, "timeperiod_name", "workhours", pool).ok());
    EXPECT_TRUE(set_attribute(tp, "monday", "09:00-17:00", pool).ok());
    EXPECT_TRUE(set_attribute(tp, "day", "-1 00:00-24:00", pool).ok());
    EXPECT_EQ(tp.rules.weekdays[1].size(), 1u);
    EXPECT_EQ(tp.rules.exceptions.size(), 1u);
    EXPECT_EQ(pool.symbols(tp.dateranges.list).size(), 2u);
    auto r = set_attribute(tp, "tuesday", "09:00-25:00", pool);
    EXPECT_EQ(r.status, Status::invalid);
    EXPECT_EQ(r.message,
              "bad timeperiod line 'tuesday 09:00-25:00': time '25:00' is out of range (00:00 to "
              "24:00)");
    EXPECT_TRUE(tp.rules.weekdays[2].empty());
    EXPECT_EQ(set_attribute(tp, "mondayy", "09:00-17:00", pool).status, Status::unknown);
}

TEST(Schema, ModulesKeepTheirOwnParameters) {
    StringPool pool;
    Module m = make<Module>(pool);
    EXPECT_TRUE(set_attribute(m, "module_name", "livestatus", pool).ok());
    EXPECT_TRUE(set_attribute(m, "port", "50000", pool).ok());
    EXPECT_TRUE(set_attribute(m, "host", "*", pool).ok());
    EXPECT_EQ(format_attribute(m, *find_field<Module>("parameters"), pool), "host=*,port=50000");
}

TEST(Schema, LineListsAddOneEntryPerOccurrence) {
    StringPool pool;
    Globals g = make<Globals>(pool);
    EXPECT_TRUE(set_attribute(g, "cfg_dir", "/etc/yagura/objects", pool).ok());
    EXPECT_TRUE(set_attribute(g, "cfg_dir", "/etc/yagura/more, with comma", pool).ok());
    auto dirs = pool.symbols(g.cfg_dir.list);
    ASSERT_EQ(dirs.size(), 2u);
    EXPECT_EQ(pool.str(dirs[1]), "/etc/yagura/more, with comma");
}

TEST(Schema, ResetPutsTheDefaultBack) {
    StringPool pool;
    Host h = make<Host>(pool);
    ASSERT_TRUE(set_attribute(h, "poller_tag", "DMZ", pool).ok());
    ASSERT_TRUE(reset_attribute(h, "poller_tag", pool));
    EXPECT_EQ(pool.str(h.poller_tag), "None");
    EXPECT_FALSE(h.explicitly_set.test(static_cast<std::size_t>(field_index<Host>("poller_tag"))));
    EXPECT_FALSE(reset_attribute(h, "no_such_thing", pool));
}

TEST(Schema, MissingRequiredFieldsOfRegisteredObjects) {
    StringPool pool;
    Service s = make<Service>(pool);
    ASSERT_TRUE(set_attribute(s, "host_name", "web-01", pool).ok());
    auto missing = missing_required(s);
    EXPECT_EQ(missing, (std::vector<std::string_view>{"service_description", "check_command",
                                                      "check_interval"}));
    ASSERT_TRUE(set_attribute(s, "register", "0", pool).ok());
    EXPECT_TRUE(missing_required(s).empty());
}

TEST(Schema, TemplatesGiveWhatTheObjectLacks) {
    StringPool pool;
    Service tpl = make<Service>(pool);
    ASSERT_TRUE(set_attribute(tpl, "name", "generic-service", pool).ok());
    ASSERT_TRUE(set_attribute(tpl, "register", "0", pool).ok());
    ASSERT_TRUE(set_attribute(tpl, "check_interval", "5", pool).ok());
    ASSERT_TRUE(set_attribute(tpl, "max_check_attempts", "4", pool).ok());
    ASSERT_TRUE(set_attribute(tpl, "_team", "web", pool).ok());
    ASSERT_TRUE(set_attribute(tpl, "_level", "2", pool).ok());
    Service s = make<Service>(pool);
    ASSERT_TRUE(set_attribute(s, "max_check_attempts", "2", pool).ok());
    ASSERT_TRUE(set_attribute(s, "_level", "1", pool).ok());
    inherit_from(s, tpl, pool);
    EXPECT_DOUBLE_EQ(s.check_interval, 5);
    EXPECT_EQ(s.max_check_attempts, 2);  // the object's own value wins
    EXPECT_TRUE(s.registered);           // register is never inherited
    EXPECT_TRUE(s.template_name.empty());
    EXPECT_EQ(custom_var(s, "TEAM", pool), "web");
    EXPECT_EQ(custom_var(s, "LEVEL", pool), "1");
    EXPECT_TRUE(
        s.explicitly_set.test(static_cast<std::size_t>(field_index<Service>("check_interval"))));
}

TEST(Schema, TimeperiodTemplatesAddMissingWeekdaysAndExceptions) {
    StringPool pool;
    TimePeriod tpl = make<TimePeriod>(pool);
    ASSERT_TRUE(set_attribute(tpl, "monday", "08:00-18:00", pool).ok());
    ASSERT_TRUE(set_attribute(tpl, "tuesday", "08:00-18:00", pool).ok());
    ASSERT_TRUE(set_attribute(tpl, "december", "25 00:00-00:00", pool).ok());
    TimePeriod tp = make<TimePeriod>(pool);
    ASSERT_TRUE(set_attribute(tp, "monday", "10:00-12:00", pool).ok());
    inherit_from(tp, tpl, pool);
    ASSERT_EQ(tp.rules.weekdays[1].size(), 1u);
    EXPECT_EQ(tp.rules.weekdays[1][0].start, 600);  // the object's monday stays
    EXPECT_EQ(tp.rules.weekdays[2].size(), 1u);     // tuesday comes from the template
    EXPECT_EQ(tp.rules.exceptions.size(), 1u);
    EXPECT_EQ(pool.symbols(tp.dateranges.list).size(), 3u);
}

TEST(Schema, ServicesTakeUnsetImplicitFieldsFromTheirHost) {
    StringPool pool;
    Host h = make<Host>(pool);
    ASSERT_TRUE(set_attribute(h, "contacts", "alice,bob", pool).ok());
    ASSERT_TRUE(set_attribute(h, "notification_interval", "30", pool).ok());
    ASSERT_TRUE(set_attribute(h, "poller_tag", "DMZ", pool).ok());
    ASSERT_TRUE(set_attribute(h, "max_check_attempts", "9", pool).ok());  // not implicit
    Service s = make<Service>(pool);
    ASSERT_TRUE(set_attribute(s, "notification_interval", "120", pool).ok());
    inherit_implicit_from_host(h, s, pool);
    EXPECT_EQ(s.contacts, h.contacts);
    EXPECT_DOUBLE_EQ(s.notification_interval, 120);
    EXPECT_EQ(pool.str(s.poller_tag), "DMZ");
    EXPECT_EQ(s.max_check_attempts, 1);
}

TEST(Schema, ImplicitInheritanceCoversTheShinkenList) {
    std::vector<std::string_view> implicit;
    for (const auto& f : type_info<Service>().fields) {
        if (f.has(kImplicitFromHost)) {
            implicit.push_back(f.name);
        }
    }
    std::sort(implicit.begin(), implicit.end());
    EXPECT_EQ(implicit,
              (std::vector<std::string_view>{
                  "business_impact", "check_period", "contact_groups", "contacts", "escalations",
                  "maintenance_period", "notification_interval", "notification_period",
                  "poller_tag", "priority", "reactionner_tag", "resultmodulations"}));
}

TEST(Schema, ObjectNamesForMessages) {
    StringPool pool;
    Service s = make<Service>(pool);
    ASSERT_TRUE(set_attribute(s, "host_name", "web-01", pool).ok());
    ASSERT_TRUE(set_attribute(s, "service_description", "HTTP", pool).ok());
    EXPECT_EQ(object_name(s, pool), "web-01/HTTP");
    Host tpl = make<Host>(pool);
    ASSERT_TRUE(set_attribute(tpl, "name", "generic-host", pool).ok());
    EXPECT_EQ(object_name(tpl, pool), "generic-host");
    SchedulerLink sched = make<SchedulerLink>(pool);
    ASSERT_TRUE(set_attribute(sched, "scheduler_name", "scheduler-1", pool).ok());
    EXPECT_EQ(object_name(sched, pool), "scheduler-1");
}

TEST(Schema, KnownKeysIncludeAliasesAndIgnoredNames) {
    auto keys = known_keys<Host>();
    for (std::string_view k : {"host_name", "normal_check_interval", "failure_prediction_enabled",
                               "2d_coords", "name", "use", "register"}) {
        EXPECT_TRUE(std::binary_search(keys.begin(), keys.end(), k)) << k;
    }
}

}  // namespace
}  // namespace yagura::model

namespace yagura::model {
namespace {

TEST(Schema, FieldsWithAFlag) {
    auto state = fields_with<Service>(kState);
    auto has = [&](std::string_view name) {
        return std::any_of(state.begin(), state.end(), [&](auto* f) { return f->name == name; });
    };
    EXPECT_TRUE(has("attempt"));
    EXPECT_TRUE(has("downtimes"));
    EXPECT_TRUE(has("notifications_enabled"));
    EXPECT_FALSE(has("service_description"));
    EXPECT_FALSE(has("notes"));
}

}  // namespace
}  // namespace yagura::model
