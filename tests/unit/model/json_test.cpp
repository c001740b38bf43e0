#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/model/json.hpp>

namespace yagura::model {
namespace {

using nlohmann::json;

// A value different from the default, for every kind of field.
template <class T>
void set_non_default(T& obj, const FieldDef<T>& f, StringPool& pool) {
    const std::string name(f.name);
    auto parse = [&](const std::string& text) {
        ASSERT_EQ(f.ops->parse(obj, text, pool, f), "") << name;
    };
    auto load = [&](const json& j) { ASSERT_EQ(f.ops->from_json(obj, j, pool, f), "") << name; };
    const T before = obj;
    switch (f.ops->kind) {
        case ValueKind::string:
            parse("v-" + name);
            break;
        case ValueKind::text:
            parse("text of " + name + "\nsecond line");
            break;
        case ValueKind::integer:
            parse("7");
            if (f.ops->equal(obj, pool, before, pool)) {
                parse("8");
            }
            break;
        case ValueKind::real:
        case ValueKind::time:
            parse("1700000123.5");
            break;
        case ValueKind::boolean:
            parse(format_attribute(obj, f, pool) == "1" ? "0" : "1");
            break;
        case ValueKind::enumeration:
            for (const Choice& c : f.choices->items) {
                parse(std::string(c.word));
                if (!f.ops->equal(obj, pool, before, pool)) {
                    break;
                }
            }
            break;
        case ValueKind::letters:
            parse(std::string(f.choices->items[0].word));
            if (f.ops->equal(obj, pool, before, pool)) {
                parse(std::string(f.choices->items.back().word));
            }
            break;
        case ValueKind::name_list:
            if constexpr (std::is_same_v<T, TimePeriod>) {
                if (name == "dateranges") {
                    load(json{"monday 09:00-17:00", "day -1 00:00-24:00"});
                    break;
                }
            }
            if (f.has(kRepeatable)) {
                parse("first " + name);
                parse("second, with comma");
            } else {
                parse("a-" + name + ", b-" + name);
            }
            break;
        case ValueKind::custom_vars:
            load(json{{"_SNMP_COMMUNITY", "public"}, {"_DISKS", "C,D"}});
            break;
        case ValueKind::key_values:
            parse("poller-1=10.0.0.1:7771, poller-2=10.0.0.2:7771");
            break;
        case ValueKind::source:
            parse("/etc/yagura/hosts/web.cfg:42");
            break;
        case ValueKind::record:
            if (name == "acknowledgement") {
                load(json{{"author", "alice"},
                          {"comment", "on it"},
                          {"entry_time", 1700000000},
                          {"expire_time", 1700003600},
                          {"sticky", true},
                          {"notify", true},
                          {"persistent", true},
                          {"comment_id", 12}});
            } else if (name == "downtimes") {
                load(json::array({{{"id", 3},
                                   {"entry_time", 1.5e9},
                                   {"start_time", 1.6e9},
                                   {"end_time", 1.7e9},
                                   {"fixed", false},
                                   {"duration", 3600},
                                   {"trigger_id", 2},
                                   {"author", "bob"},
                                   {"comment", "patch"},
                                   {"comment_id", 4},
                                   {"is_in_effect", true},
                                   {"has_been_triggered", true},
                                   {"real_end_time", 1.65e9}}}));
            } else if (name == "comments") {
                load(json::array({{{"id", 5},
                                   {"entry_time", 1.5e9},
                                   {"author", "carol"},
                                   {"comment", "flaky disk"},
                                   {"entry_type", 4},
                                   {"source", 0},
                                   {"persistent", false},
                                   {"expires", true},
                                   {"expire_time", 1.8e9}}}));
            } else if (name == "flapping_changes") {
                load(json{1, 0, 0, 1, 1});
            } else if (name == "notified_contacts") {
                load(json{"alice", "bob"});
            } else {
                FAIL() << "no sample for record field " << name;
            }
            break;
    }
    EXPECT_FALSE(f.ops->equal(obj, pool, before, pool)) << name << " still has its default";
}

template <class T>
T all_non_default(StringPool& pool) {
    T obj = make<T>(pool);
    for (const FieldDef<T>& f : type_info<T>().fields) {
        set_non_default(obj, f, pool);
    }
    return obj;
}

template <class T>
void expect_round_trip(JsonView view) {
    SCOPED_TRACE(type_info<T>().name);
    StringPool pool;
    T original = all_non_default<T>(pool);
    json j = to_json(original, pool, view);

    std::size_t expected = 0;
    for (const FieldDef<T>& f : type_info<T>().fields) {
        bool in = view == JsonView::all || (view == JsonView::config && f.has(kConfig)) ||
                  (view == JsonView::state && (f.has(kState) || f.has(kKey)));
        expected += in ? 1 : 0;
        EXPECT_EQ(j.contains(std::string(f.name)), in) << f.name;
    }
    EXPECT_EQ(j.size(), expected);

    // Through text, into another pool, as a daemon receiving it would. A state is restored
    // onto the configured object, which has its keys already.
    StringPool other;
    T copy = make<T>(other);
    if (view == JsonView::state) {
        for (const FieldDef<T>& f : type_info<T>().fields) {
            if (f.has(kKey)) {
                ASSERT_EQ(f.ops->parse(copy, format_attribute(original, f, pool), other, f), "");
            }
        }
    }
    auto errors = from_json(copy, json::parse(j.dump()), other, view);
    ASSERT_TRUE(errors.empty()) << errors.front();
    for (const FieldDef<T>& f : type_info<T>().fields) {
        if (j.contains(std::string(f.name))) {
            EXPECT_TRUE(f.ops->equal(original, pool, copy, other))
                << f.name << ": " << format_attribute(original, f, pool) << " vs "
                << format_attribute(copy, f, other);
        }
    }
    if (view == JsonView::all) {
        std::string difference;
        EXPECT_TRUE(equal_objects(original, pool, copy, other, &difference)) << difference;
    }
    EXPECT_EQ(to_json(copy, other, view), j);
}

TEST(Json, EveryTypeRoundTripsWithEveryFieldSet) {
    for_each_object_type(
        [](auto type) { expect_round_trip<typename decltype(type)::type>(JsonView::all); });
    expect_round_trip<Globals>(JsonView::all);
}

TEST(Json, ConfigAndStateViewsRoundTrip) {
    for_each_object_type([](auto type) {
        expect_round_trip<typename decltype(type)::type>(JsonView::config);
        expect_round_trip<typename decltype(type)::type>(JsonView::state);
    });
}

TEST(Json, ConfigViewLeavesDefaultsOut) {
    StringPool pool;
    Service s = make<Service>(pool);
    ASSERT_TRUE(set_attribute(s, "host_name", "web-01", pool).ok());
    ASSERT_TRUE(set_attribute(s, "service_description", "HTTP", pool).ok());
    ASSERT_TRUE(set_attribute(s, "check_command", "check_http!80", pool).ok());
    ASSERT_TRUE(set_attribute(s, "max_check_attempts", "3", pool).ok());
    ASSERT_TRUE(set_attribute(s, "name", "tpl", pool).ok());  // not shipped in shards
    json j = to_json(s, pool, JsonView::config);
    EXPECT_EQ(j, json({{"host_name", "web-01"},
                       {"service_description", "HTTP"},
                       {"check_command", "check_http!80"},
                       {"max_check_attempts", 3}}));
}

TEST(Json, StateViewNamesTheObjectAndHasEveryStateField) {
    StringPool pool;
    Service s = make<Service>(pool);
    ASSERT_TRUE(set_attribute(s, "host_name", "web-01", pool).ok());
    ASSERT_TRUE(set_attribute(s, "service_description", "HTTP", pool).ok());
    s.state = ServiceState::critical;
    s.state_type = StateType::soft;
    s.attempt = 2;
    s.output = "CRITICAL - timeout";
    json j = to_json(s, pool, JsonView::state);
    EXPECT_EQ(j["host_name"], "web-01");
    EXPECT_EQ(j["state"], "CRITICAL");
    EXPECT_EQ(j["state_type"], "SOFT");
    EXPECT_EQ(j["attempt"], 2);
    EXPECT_EQ(j["output"], "CRITICAL - timeout");
    EXPECT_EQ(j["downtimes"], json::array());
    EXPECT_FALSE(j.contains("notes"));
    // Attributes external commands can change are state too; retention applies them only
    // when their modified_attributes bit is set.
    EXPECT_EQ(j["check_command"], "");

    // Restoring onto the configured object changes the state only.
    Service restored = make<Service>(pool);
    ASSERT_TRUE(set_attribute(restored, "notes", "runbook 12", pool).ok());
    ASSERT_TRUE(from_json(restored, j, pool, JsonView::state).empty());
    EXPECT_EQ(restored.state, ServiceState::critical);
    EXPECT_EQ(restored.attempt, 2);
    EXPECT_EQ(pool.str(restored.notes), "runbook 12");
    EXPECT_TRUE(restored.host_name.empty());  // keys name the object, they are not restored
}

TEST(Json, BadInputIsReportedAndChangesNothing) {
    StringPool pool;
    Host h = make<Host>(pool);
    h.attempt = 1;
    auto errors = from_json(h,
                            json{{"attempt", 3},
                                 {"state", "SIDEWAYS"},
                                 {"max_check_attempts", "x"},
                                 {"nonsense", 1},
                                 {"notes", "n"}},
                            pool, JsonView::state);
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_EQ(errors[0], "max_check_attempts expects an integer");
    EXPECT_EQ(errors[1], "unknown field 'nonsense'");
    EXPECT_EQ(errors[2], "field 'notes' is not part of this view");
    EXPECT_EQ(errors[3], "state expects one of UP, DOWN, UNREACHABLE, PENDING, got 'SIDEWAYS'");
    EXPECT_EQ(h.attempt, 1);
    EXPECT_FALSE(from_json(h, json::array(), pool, JsonView::all).empty());
}

Config sample_config() {
    Config cfg;
    auto& pool = cfg.pool;
    EXPECT_TRUE(set_attribute(cfg.globals, "interval_length", "10", pool).ok());
    cfg.set_resource("USER1", "/usr/lib/nagios/plugins");
    TimePeriod tp = cfg.make<TimePeriod>();
    (void)set_attribute(tp, "timeperiod_name", "workhours", pool);
    (void)set_attribute(tp, "monday", "09:00-17:00", pool);
    cfg.timeperiods.insert(std::move(tp));
    Command c = cfg.make<Command>();
    (void)set_attribute(c, "command_name", "check_http", pool);
    (void)set_attribute(c, "command_line", "$USER1$/check_http -H $HOSTADDRESS$ -p $ARG1$", pool);
    cfg.commands.insert(std::move(c));
    for (const char* name : {"web-01", "web-02"}) {
        Host h = cfg.make<Host>();
        (void)set_attribute(h, "host_name", name, pool);
        (void)set_attribute(h, "check_period", "workhours", pool);
        cfg.hosts.insert(std::move(h));
        Service s = cfg.make<Service>();
        (void)set_attribute(s, "host_name", name, pool);
        (void)set_attribute(s, "service_description", "HTTP", pool);
        (void)set_attribute(s, "check_command", "check_http!80", pool);
        cfg.services.insert(std::move(s));
    }
    return cfg;
}

TEST(Json, WholeConfigurationRoundTrips) {
    Config cfg = sample_config();
    json j = config_to_json(cfg);
    EXPECT_EQ(j["hosts"].size(), 2u);
    EXPECT_EQ(j["resources"]["USER1"], "/usr/lib/nagios/plugins");
    auto loaded = config_from_json(json::parse(j.dump()));
    ASSERT_TRUE(loaded.errors.empty()) << loaded.errors.front();
    Config& copy = *loaded.config;
    EXPECT_EQ(config_to_json(copy), j);
    ASSERT_EQ(copy.services.size(), 2u);
    Index web2 = copy.services.find(*copy.pool.find("web-02"), *copy.pool.find("HTTP"));
    ASSERT_NE(web2, kNoIndex);
    EXPECT_EQ(copy.globals.interval_length, 10);
    EXPECT_EQ(copy.resource("USER1"), "/usr/lib/nagios/plugins");
    // Derived parts are rebuilt: compiled rules and command lines.
    EXPECT_EQ(copy.timeperiods[0].rules.weekdays[1].size(), 1u);
    EXPECT_TRUE(copy.commands[0].compiled_line.has_macros());
}

TEST(Json, ConfigurationErrorsNameTheObjectAndYieldNothing) {
    Config cfg = sample_config();
    json j = config_to_json(cfg);
    j["hosts"][1]["max_check_attempts"] = "many";
    j["services"].push_back(j["services"][0]);
    auto loaded = config_from_json(j);
    EXPECT_FALSE(loaded.config);
    ASSERT_EQ(loaded.errors.size(), 2u);
    EXPECT_EQ(loaded.errors[0], "hosts[1]: max_check_attempts expects an integer");
    EXPECT_EQ(loaded.errors[1], "services[2]: duplicate service 'web-01/HTTP'");
}

}  // namespace
}  // namespace yagura::model

namespace yagura::model {
namespace {

TEST(Json, RestoredStateKeepsConfigurationUnlessACommandChangedIt) {
    StringPool pool;
    Service saved = make<Service>(pool);
    saved.notifications_enabled = false;  // DISABLE_SVC_NOTIFICATIONS
    saved.active_checks_enabled = false;  // changed by an older configuration, no command
    saved.check_interval = 1;
    saved.modified_attributes = kModNotificationsEnabled;
    saved.attempt = 2;
    nlohmann::json state = to_json(saved, pool, JsonView::state);

    Service configured = make<Service>(pool);
    configured.check_interval = 10;  // the configuration now says 10
    ASSERT_TRUE(restore_state(configured, state, pool).empty());
    EXPECT_FALSE(configured.notifications_enabled);  // the command's change survives
    EXPECT_TRUE(configured.active_checks_enabled);   // the configuration's value stands
    EXPECT_DOUBLE_EQ(configured.check_interval, 10);
    EXPECT_EQ(configured.attempt, 2);
    EXPECT_EQ(configured.modified_attributes, kModNotificationsEnabled);
}

}  // namespace
}  // namespace yagura::model
