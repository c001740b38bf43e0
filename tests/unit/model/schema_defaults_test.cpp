// Checks the declarations themselves: every default as declared is what a new object holds,
// names are unique, Shinken's defaults (and yagura's link timers) are the ones documented.

#include <set>

#include <gtest/gtest.h>

#include <yagura/model/schema.hpp>

namespace yagura::model {
namespace {

template <class T>
void expect_declared_defaults_hold() {
    StringPool pool;
    const T made = make<T>(pool);
    for (const FieldDef<T>& f : type_info<T>().fields) {
        SCOPED_TRACE(std::string(type_info<T>().name) + "." + std::string(f.name));
        EXPECT_FALSE(f.doc.empty());
        if (f.ops->kind == ValueKind::record || f.ops->kind == ValueKind::custom_vars) {
            continue;
        }
        const bool numeric = f.ops->kind == ValueKind::boolean ||
                             f.ops->kind == ValueKind::integer || f.ops->kind == ValueKind::real;
        EXPECT_TRUE(!numeric || !f.default_text.empty()) << "numbers show their default";
        if (f.default_text.empty()) {
            std::string value = format_attribute(made, f, pool);
            EXPECT_TRUE(value.empty() || value == "0") << value;
            continue;
        }
        T parsed = made;
        ASSERT_EQ(f.ops->parse(parsed, f.default_text, pool, f), "");
        EXPECT_TRUE(f.ops->equal(parsed, pool, made, pool))
            << "declared " << f.default_text << ", object holds "
            << format_attribute(made, f, pool);
    }
}

template <class T>
void expect_unique_names() {
    std::set<std::string_view> names;
    for (const FieldDef<T>& f : type_info<T>().fields) {
        EXPECT_TRUE(names.insert(f.name).second) << type_info<T>().name << "." << f.name;
    }
    for (const FieldDef<T>& f : type_info<T>().fields) {
        std::string_view aliases = f.aliases;
        while (!aliases.empty()) {
            auto comma = aliases.find(',');
            EXPECT_TRUE(names.insert(aliases.substr(0, comma)).second)
                << type_info<T>().name << " alias " << aliases.substr(0, comma);
            aliases = comma == std::string_view::npos ? "" : aliases.substr(comma + 1);
        }
    }
    for (const IgnoredAttribute& a : type_info<T>().ignored) {
        EXPECT_TRUE(names.insert(a.name).second) << type_info<T>().name << " ignored " << a.name;
    }
    EXPECT_LE(type_info<T>().fields.size(), kMaxFields);
}

TEST(SchemaDefaults, DeclaredDefaultsAreWhatNewObjectsHold) {
    for_each_object_type(
        [](auto type) { expect_declared_defaults_hold<typename decltype(type)::type>(); });
    expect_declared_defaults_hold<Globals>();
}

TEST(SchemaDefaults, NamesAliasesAndIgnoredNamesAreUnique) {
    for_each_object_type([](auto type) { expect_unique_names<typename decltype(type)::type>(); });
    expect_unique_names<Globals>();
}

template <class T>
std::string default_of(std::string_view field) {
    StringPool pool;
    const FieldDef<T>* f = find_field<T>(field);
    if (f == nullptr) {
        return "<no field " + std::string(field) + ">";
    }
    return format_attribute(make<T>(pool), *f, pool);
}

TEST(SchemaDefaults, ShinkenDefaults) {
    EXPECT_EQ(default_of<Host>("check_command"), "_internal_host_up");
    EXPECT_EQ(default_of<Host>("max_check_attempts"), "1");
    EXPECT_EQ(default_of<Host>("notification_interval"), "60");
    EXPECT_EQ(default_of<Host>("notification_options"), "d,f,r,u");
    EXPECT_EQ(default_of<Host>("low_flap_threshold"), "25");
    EXPECT_EQ(default_of<Host>("high_flap_threshold"), "50");
    EXPECT_EQ(default_of<Host>("time_to_orphanage"), "300");
    EXPECT_EQ(default_of<Host>("business_impact"), "2");
    EXPECT_EQ(default_of<Host>("poller_tag"), "None");
    EXPECT_EQ(default_of<Host>("state"), "PENDING");
    EXPECT_EQ(default_of<Host>("state_type"), "HARD");
    EXPECT_EQ(default_of<Service>("notification_options"), "c,f,r,s,u,w");
    EXPECT_EQ(default_of<Service>("low_flap_threshold"), "-1");
    EXPECT_EQ(default_of<Service>("host_dependency_enabled"), "1");
    EXPECT_EQ(default_of<Service>("flap_detection_options"), "c,o,u,w");
    EXPECT_EQ(default_of<Command>("timeout"), "-1");
    EXPECT_EQ(default_of<Command>("module_type"), "fork");
    EXPECT_EQ(default_of<Contact>("email"), "none");
    EXPECT_EQ(default_of<HostDependency>("notification_failure_criteria"), "n");
    EXPECT_EQ(default_of<HostEscalation>("notification_interval"), "30");
    EXPECT_EQ(default_of<Escalation>("notification_interval"), "-1");
    EXPECT_EQ(default_of<PollerLink>("max_workers"), "0");
    EXPECT_EQ(default_of<PollerLink>("poller_tags"), "None");
    EXPECT_EQ(default_of<ReactionnerLink>("min_workers"), "1");
    EXPECT_EQ(default_of<Globals>("interval_length"), "60");
    EXPECT_EQ(default_of<Globals>("max_service_check_spread"), "30");
    EXPECT_EQ(default_of<Globals>("service_check_timeout"), "60");
    EXPECT_EQ(default_of<Globals>("host_check_timeout"), "30");
    EXPECT_EQ(default_of<Globals>("timeout_exit_status"), "2");
    EXPECT_EQ(default_of<Globals>("flap_history"), "20");
    EXPECT_EQ(default_of<Globals>("low_service_flap_threshold"), "20");
    EXPECT_EQ(default_of<Globals>("high_service_flap_threshold"), "30");
    EXPECT_EQ(default_of<Globals>("retention_update_interval"), "60");
    EXPECT_EQ(default_of<Globals>("max_plugins_output_length"), "8192");
    EXPECT_EQ(default_of<Globals>("additional_freshness_latency"), "15");
    EXPECT_EQ(default_of<Globals>("cleaning_queues_interval"), "900");
    EXPECT_EQ(default_of<Globals>("date_format"), "us");
}

template <class T>
void expect_link_defaults(std::string_view name_key, std::string port) {
    SCOPED_TRACE(type_info<T>().name);
    EXPECT_EQ(default_of<T>("check_interval"), "1");
    EXPECT_EQ(default_of<T>("timeout"), "3");
    EXPECT_EQ(default_of<T>("data_timeout"), "120");
    EXPECT_EQ(default_of<T>("max_check_attempts"), "3");
    EXPECT_EQ(default_of<T>("failback"), "0");
    EXPECT_EQ(default_of<T>("spare"), "0");
    EXPECT_EQ(default_of<T>("address"), "localhost");
    EXPECT_EQ(default_of<T>("port"), port);
    const FieldDef<T>* name = find_field<T>(name_key);
    ASSERT_NE(name, nullptr);
    EXPECT_TRUE(name->has(kKey));
}

TEST(SchemaDefaults, DaemonLinksPingEverySecond) {
    expect_link_defaults<ArbiterLink>("arbiter_name", "7770");
    expect_link_defaults<SchedulerLink>("scheduler_name", "7768");
    expect_link_defaults<PollerLink>("poller_name", "7771");
    expect_link_defaults<ReactionnerLink>("reactionner_name", "7769");
    expect_link_defaults<BrokerLink>("broker_name", "7772");
    expect_link_defaults<ReceiverLink>("receiver_name", "7773");
}

TEST(SchemaDefaults, StateFieldsOfChecksAreDeclared) {
    for (std::string_view name : {"state",
                                  "state_type",
                                  "attempt",
                                  "has_been_checked",
                                  "last_chk",
                                  "next_chk",
                                  "last_state_change",
                                  "last_hard_state_change",
                                  "last_state",
                                  "last_hard_state",
                                  "last_state_update",
                                  "last_time_up",
                                  "last_time_down",
                                  "last_time_unreachable",
                                  "output",
                                  "long_output",
                                  "perf_data",
                                  "latency",
                                  "execution_time",
                                  "percent_state_change",
                                  "is_flapping",
                                  "flapping_changes",
                                  "problem_has_been_acknowledged",
                                  "acknowledgement",
                                  "scheduled_downtime_depth",
                                  "downtimes",
                                  "comments",
                                  "current_notification_number",
                                  "last_notification",
                                  "notified_contacts",
                                  "modified_attributes",
                                  "current_event_id",
                                  "last_event_id",
                                  "active_checks_enabled",
                                  "notifications_enabled"}) {
        const FieldDef<Host>* f = find_field<Host>(name);
        ASSERT_NE(f, nullptr) << name;
        EXPECT_TRUE(f->has(kState)) << name;
    }
    for (std::string_view name :
         {"last_time_ok", "last_time_warning", "last_time_critical", "last_time_unknown"}) {
        ASSERT_NE(find_field<Service>(name), nullptr) << name;
        EXPECT_TRUE(find_field<Service>(name)->has(kState)) << name;
    }
}

TEST(SchemaDefaults, TogglesCarryTheirModifiedAttributeBit) {
    EXPECT_EQ(find_field<Service>("notifications_enabled")->modattr, kModNotificationsEnabled);
    EXPECT_EQ(find_field<Service>("active_checks_enabled")->modattr, kModActiveChecksEnabled);
    EXPECT_EQ(find_field<Host>("check_interval")->modattr, kModNormalCheckInterval);
    EXPECT_EQ(find_field<Host>("customs")->modattr, kModCustomVariable);
}

}  // namespace
}  // namespace yagura::model
