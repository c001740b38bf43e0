// External commands: the table, the parser, and every command accepted once and rejected
// (unknown objects, wrong arguments) without changing anything.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include <yagura/engine/external_commands.hpp>

#include "harness.hpp"

namespace yagura::engine::test {
namespace {

TEST(CommandTable, IsSortedAndEveryCommandHasAHandler) {
    auto table = external_command_table();
    ASSERT_GT(table.size(), 150u);
    for (std::size_t i = 1; i < table.size(); ++i) {
        EXPECT_LT(table[i - 1].name, table[i].name);
    }
    for (const auto& spec : table) {
        EXPECT_EQ(find_external_command(spec.name), &spec);
    }
    EXPECT_EQ(find_external_command("NO_SUCH_COMMAND"), nullptr);
}

TEST(CommandTable, RoutingInformation) {
    const auto* svc = find_external_command("PROCESS_SERVICE_CHECK_RESULT");
    ASSERT_NE(svc, nullptr);
    EXPECT_FALSE(svc->global);
    EXPECT_EQ(svc->host_field(), 0);
    EXPECT_EQ(svc->required_fields(), 4u);
    const auto* group = find_external_command("SCHEDULE_HOSTGROUP_SVC_DOWNTIME");
    EXPECT_TRUE(group->global);
    EXPECT_EQ(group->host_field(), -1);
    const auto* del = find_external_command("DEL_DOWNTIME_BY_HOST_NAME");
    EXPECT_EQ(del->required_fields(), 1u);
    EXPECT_EQ(del->max_fields(), 4u);
}

TEST(CommandParser, SplitsAndChecksArguments) {
    auto ok = parse_external_command(
        "[1700000000] PROCESS_SERVICE_CHECK_RESULT;web1;HTTP;2;CRITICAL - down|time=1s;;;0\n");
    ASSERT_TRUE(ok.command) << ok.error;
    EXPECT_DOUBLE_EQ(ok.command->timestamp, 1700000000);
    ASSERT_EQ(ok.command->fields.size(), 4u);
    EXPECT_EQ(ok.command->fields[3], "CRITICAL - down|time=1s;;;0");  // the text keeps its ';'
    EXPECT_EQ(ok.command->host_name(), "web1");

    auto no_timestamp = parse_external_command("DISABLE_NOTIFICATIONS");
    ASSERT_TRUE(no_timestamp.command);
    EXPECT_EQ(no_timestamp.command->timestamp, 0);

    struct Bad {
        const char* line;
        const char* says;
    };
    for (const Bad& bad :
         {Bad{"[17000] FROBNICATE;web1", "unknown command 'FROBNICATE'"},
          Bad{"[abc] DISABLE_NOTIFICATIONS", "timestamp"},
          Bad{"[1700000000 DISABLE_NOTIFICATIONS", "']'"}, Bad{"[1] ", "no command name"},
          Bad{"[1] SCHEDULE_SVC_CHECK;web1;HTTP", "expects 3 arguments"},
          Bad{"[1] ENABLE_HOST_CHECK;web1;extra", "expects 1 arguments"},
          Bad{"[1] SCHEDULE_SVC_CHECK;web1;HTTP;soon", "epoch timestamp"},
          Bad{"[1] ACKNOWLEDGE_HOST_PROBLEM;web1;x;1;1;a;b", "integer"},
          Bad{"[1] ADD_HOST_COMMENT;web1;maybe;a;b", "0 or 1"},
          Bad{"[1] ENABLE_SVC_CHECK;web1;", "host and a service"}}) {
        auto r = parse_external_command(bad.line);
        EXPECT_FALSE(r.command) << bad.line;
        EXPECT_NE(r.error.find(bad.says), std::string::npos) << bad.line << " -> " << r.error;
    }
}

model::Config fixture() {
    ShardBuilder b;
    b.with_basics();
    b.contactgroup("admins", "admin");
    b.host("router", {{"check_command", "check_ok"}});
    b.host("web1",
           {{"check_command", "check_ok"}, {"parents", "router"}, {"event_handler", "handler"}});
    b.service("web1", "HTTP", {{"max_check_attempts", "1"}, {"event_handler", "handler"}});
    b.service("web1", "SSH", {{"max_check_attempts", "1"}});
    b.hostgroup("webs", "web1");
    b.servicegroup("svcs", "web1,HTTP");
    return b.build();
}

std::string now_plus(const Harness& h, double seconds) {
    return std::to_string(static_cast<long long>(h.now() + seconds));
}

// Something the command needs before it can apply: a problem, an id.
using Prep = std::function<std::string(Harness&)>;  // returns text for "{id}"

std::string problem(Harness& h) {
    h.check("web1", "HTTP", 2);
    h.set_result("web1", "", 2);
    h.command("CHANGE_MAX_HOST_CHECK_ATTEMPTS;web1;1");
    h.check("web1", "", 2);
    return {};
}

std::string comment_id(Harness& h, bool host) {
    h.command(host ? "ADD_HOST_COMMENT;web1;1;a;b" : "ADD_SVC_COMMENT;web1;HTTP;1;a;b");
    const auto& comments = host ? h.host("web1").comments : h.service("web1", "HTTP").comments;
    return std::to_string(comments.back().id);
}

std::string downtime_id(Harness& h, bool host) {
    const std::string times = ";" + now_plus(h, 0) + ";" + now_plus(h, 600) + ";1;0;0;a;b";
    h.command(host ? "SCHEDULE_HOST_DOWNTIME;web1" + times
                   : "SCHEDULE_SVC_DOWNTIME;web1;HTTP" + times);
    const auto& downtimes = host ? h.host("web1").downtimes : h.service("web1", "HTTP").downtimes;
    return std::to_string(downtimes.back().id);
}

struct Sample {
    std::string args;  // after "NAME;"; {now}, {later} and {id} are replaced
    Prep prep = nullptr;
};

// One valid use of every command of the table.
std::map<std::string, Sample> samples() {
    const std::string dt = "{now};{later};1;0;0;alice;maintenance";
    std::map<std::string, Sample> m = {
        {"ACKNOWLEDGE_HOST_PROBLEM", {"web1;2;1;1;alice;on it", problem}},
        {"ACKNOWLEDGE_HOST_PROBLEM_EXPIRE", {"web1;2;1;1;{later};alice;on it", problem}},
        {"ACKNOWLEDGE_SVC_PROBLEM", {"web1;HTTP;1;0;1;alice;on it", problem}},
        {"ACKNOWLEDGE_SVC_PROBLEM_EXPIRE", {"web1;HTTP;1;0;1;{later};alice;on it", problem}},
        {"ADD_HOST_COMMENT", {"web1;1;alice;hello"}},
        {"ADD_SVC_COMMENT", {"web1;HTTP;0;alice;hello"}},
        {"CHANGE_CONTACT_HOST_NOTIFICATION_TIMEPERIOD", {"admin;never"}},
        {"CHANGE_CONTACT_MODATTR", {"admin;0"}},
        {"CHANGE_CONTACT_MODHATTR", {"admin;0"}},
        {"CHANGE_CONTACT_MODSATTR", {"admin;0"}},
        {"CHANGE_CONTACT_SVC_NOTIFICATION_TIMEPERIOD", {"admin;never"}},
        {"CHANGE_CUSTOM_CONTACT_VAR", {"admin;_PHONE;555"}},
        {"CHANGE_CUSTOM_HOST_VAR", {"web1;RACK;B12"}},
        {"CHANGE_CUSTOM_SVC_VAR", {"web1;HTTP;PORT;8080"}},
        {"CHANGE_GLOBAL_HOST_EVENT_HANDLER", {"handler"}},
        {"CHANGE_GLOBAL_SVC_EVENT_HANDLER", {"handler"}},
        {"CHANGE_HOST_CHECK_COMMAND", {"web1;check_ok"}},
        {"CHANGE_HOST_CHECK_TIMEPERIOD", {"web1;never"}},
        {"CHANGE_HOST_EVENT_HANDLER", {"web1;handler"}},
        {"CHANGE_HOST_MODATTR", {"web1;0"}},
        {"CHANGE_HOST_NOTIFICATION_TIMEPERIOD", {"web1;never"}},
        {"CHANGE_MAX_HOST_CHECK_ATTEMPTS", {"web1;5"}},
        {"CHANGE_MAX_SVC_CHECK_ATTEMPTS", {"web1;HTTP;5"}},
        {"CHANGE_NORMAL_HOST_CHECK_INTERVAL", {"web1;10"}},
        {"CHANGE_NORMAL_SVC_CHECK_INTERVAL", {"web1;HTTP;2.5"}},
        {"CHANGE_RETRY_HOST_CHECK_INTERVAL", {"web1;2"}},
        {"CHANGE_RETRY_SVC_CHECK_INTERVAL", {"web1;HTTP;2"}},
        {"CHANGE_SVC_CHECK_COMMAND", {"web1;HTTP;check_svc!1"}},
        {"CHANGE_SVC_CHECK_TIMEPERIOD", {"web1;HTTP;never"}},
        {"CHANGE_SVC_EVENT_HANDLER", {"web1;HTTP;handler"}},
        {"CHANGE_SVC_MODATTR", {"web1;HTTP;0"}},
        {"CHANGE_SVC_NOTIFICATION_TIMEPERIOD", {"web1;HTTP;never"}},
        {"CLEAR_HOST_FLAPPING_STATE", {"web1"}},
        {"CLEAR_SVC_FLAPPING_STATE", {"web1;HTTP"}},
        {"DELAY_HOST_NOTIFICATION", {"web1;{later}", problem}},
        {"DELAY_SVC_NOTIFICATION", {"web1;HTTP;{later}", problem}},
        {"DEL_ALL_HOST_COMMENTS", {"web1"}},
        {"DEL_ALL_HOST_DOWNTIMES", {"web1"}},
        {"DEL_ALL_SVC_COMMENTS", {"web1;HTTP"}},
        {"DEL_ALL_SVC_DOWNTIMES", {"web1;HTTP"}},
        {"DEL_CONTACT_DOWNTIME",
         {"{id}",
          [](Harness& h) {
              h.command("SCHEDULE_CONTACT_DOWNTIME;admin;" + now_plus(h, 0) + ";" +
                        now_plus(h, 600) + ";a;b");
              return std::to_string(h.engine().config().contacts[0].downtimes.back().id);
          }}},
        {"DEL_DOWNTIME_BY_HOSTGROUP_NAME", {"webs"}},
        {"DEL_DOWNTIME_BY_HOST_NAME", {"web1;HTTP;{now};maintenance"}},
        {"DEL_DOWNTIME_BY_START_TIME_COMMENT", {"{now};maintenance"}},
        {"DEL_HOST_COMMENT", {"{id}", [](Harness& h) { return comment_id(h, true); }}},
        {"DEL_HOST_DOWNTIME", {"{id}", [](Harness& h) { return downtime_id(h, true); }}},
        {"DEL_SVC_COMMENT", {"{id}", [](Harness& h) { return comment_id(h, false); }}},
        {"DEL_SVC_DOWNTIME", {"{id}", [](Harness& h) { return downtime_id(h, false); }}},
        {"LAUNCH_HOST_EVENT_HANDLER", {"web1"}},
        {"LAUNCH_SVC_EVENT_HANDLER", {"web1;HTTP"}},
        {"PROCESS_HOST_CHECK_RESULT", {"web1;0;PING OK"}},
        {"PROCESS_HOST_OUTPUT", {"web1;PING OK"}},
        {"PROCESS_SERVICE_CHECK_RESULT", {"web1;HTTP;1;slow|time=3s"}},
        {"PROCESS_SERVICE_OUTPUT", {"web1;HTTP;still slow"}},
        {"READ_STATE_INFORMATION", {""}},
        {"REMOVE_HOST_ACKNOWLEDGEMENT", {"web1"}},
        {"REMOVE_SVC_ACKNOWLEDGEMENT", {"web1;HTTP"}},
        {"SAVE_STATE_INFORMATION", {""}},
        {"SCHEDULE_AND_PROPAGATE_HOST_DOWNTIME", {"router;" + dt}},
        {"SCHEDULE_AND_PROPAGATE_TRIGGERED_HOST_DOWNTIME", {"router;" + dt}},
        {"SCHEDULE_CONTACT_DOWNTIME", {"admin;{now};{later};alice;holiday"}},
        {"SCHEDULE_FORCED_HOST_CHECK", {"web1;{now}"}},
        {"SCHEDULE_FORCED_HOST_SVC_CHECKS", {"web1;{now}"}},
        {"SCHEDULE_FORCED_SVC_CHECK", {"web1;HTTP;{now}"}},
        {"SCHEDULE_HOSTGROUP_HOST_DOWNTIME", {"webs;" + dt}},
        {"SCHEDULE_HOSTGROUP_SVC_DOWNTIME", {"webs;" + dt}},
        {"SCHEDULE_HOST_CHECK", {"web1;{now}"}},
        {"SCHEDULE_HOST_DOWNTIME", {"web1;" + dt}},
        {"SCHEDULE_HOST_SVC_CHECKS", {"web1;{now}"}},
        {"SCHEDULE_HOST_SVC_DOWNTIME", {"web1;" + dt}},
        {"SCHEDULE_SERVICEGROUP_HOST_DOWNTIME", {"svcs;" + dt}},
        {"SCHEDULE_SERVICEGROUP_SVC_DOWNTIME", {"svcs;" + dt}},
        {"SCHEDULE_SVC_CHECK", {"web1;HTTP;{now}"}},
        {"SCHEDULE_SVC_DOWNTIME", {"web1;HTTP;" + dt}},
        {"SEND_CUSTOM_HOST_NOTIFICATION", {"web1;2;alice;hello"}},
        {"SEND_CUSTOM_SVC_NOTIFICATION", {"web1;HTTP;1;alice;hello"}},
        {"SET_HOST_NOTIFICATION_NUMBER", {"web1;3"}},
        {"SET_SVC_NOTIFICATION_NUMBER", {"web1;HTTP;3"}},
    };
    // Switches: the argument is what they name.
    for (const auto& spec : external_command_table()) {
        std::string name(spec.name);
        if (m.count(name) != 0) {
            continue;
        }
        std::string_view sig = spec.signature;
        if (sig.empty()) {
            m[name] = {""};
        } else if (sig == "H") {
            m[name] = {"web1"};
        } else if (sig == "S") {
            m[name] = {"web1;HTTP"};
        } else if (sig == "G") {
            m[name] = {"webs"};
        } else if (sig == "Q") {
            m[name] = {"svcs"};
        } else if (sig == "C") {
            m[name] = {"admin"};
        } else if (sig == "K") {
            m[name] = {"admins"};
        }
    }
    return m;
}

// The daemon's business, not the engine's: always refused with a reason.
const std::set<std::string> kNotForTheEngine = {"PROCESS_FILE",     "RESTART_PROGRAM",
                                                "RESTART_PROCESS",  "RELOAD_CONFIG",
                                                "SHUTDOWN_PROGRAM", "SHUTDOWN_PROCESS"};

std::string fill(std::string text, const Harness& h, const std::string& id) {
    auto replace = [&](const std::string& from, const std::string& to) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from)) {
            text.replace(at, from.size(), to);
        }
    };
    replace("{now}", now_plus(h, 0));
    replace("{later}", now_plus(h, 600));
    replace("{id}", id);
    return text;
}

std::string line_for(const std::string& name, const std::string& args) {
    return args.empty() ? name : name + ";" + args;
}

TEST(Commands, EveryCommandIsAcceptedWithGoodArguments) {
    auto all = samples();
    for (const auto& spec : external_command_table()) {
        std::string name(spec.name);
        if (kNotForTheEngine.count(name) != 0) {
            continue;
        }
        ASSERT_EQ(all.count(name), 1u) << "no sample for " << name;
        Harness h(fixture());
        h.advance(1);
        const Sample& sample = all[name];
        std::string id = sample.prep ? sample.prep(h) : "";
        std::string line = line_for(name, fill(sample.args, h, id));
        CommandOutcome outcome = h.try_command(line);
        EXPECT_TRUE(outcome.applied()) << line << ": " << outcome.message;
        auto logs = h.logs();
        EXPECT_GE(count_containing(logs, "EXTERNAL COMMAND: " + name), 1) << line;
    }
}

TEST(Commands, DaemonCommandsAreRefusedWithAReason) {
    Harness h(fixture());
    for (const std::string& name : kNotForTheEngine) {
        std::string line = name == "PROCESS_FILE" ? name + ";/tmp/cmds;0" : name;
        CommandOutcome outcome = h.try_command(line);
        EXPECT_EQ(outcome.status, CommandOutcome::Status::rejected) << name;
        EXPECT_FALSE(outcome.message.empty());
    }
}

std::string all_state(Harness& h) {
    std::vector<RetentionRecord> records;
    h.engine().all_records(records);
    std::string out;
    for (const auto& r : records) {
        out += r.host_name + "/" + r.service_description + " " + r.value + "\n";
    }
    return out;
}

TEST(Commands, UnknownObjectsAndBadArgumentsChangeNothing) {
    auto all = samples();
    for (const auto& spec : external_command_table()) {
        std::string name(spec.name);
        if (kNotForTheEngine.count(name) != 0 || spec.signature.empty()) {
            continue;
        }
        Harness h(fixture());
        h.advance(1);
        const Sample& sample = all[name];
        std::string id = sample.prep ? sample.prep(h) : "";
        std::string good = fill(sample.args, h, id);
        h.engine().tick();  // what the preparation started (notifications) is done
        const std::string before = all_state(h);
        std::vector<std::string> bad_lines;
        // Unknown object in the first argument.
        std::string unknown = good;
        const char first = spec.signature.front();
        if (first == 'H' || first == 'S' || first == 'G' || first == 'Q' || first == 'C' ||
            first == 'K') {
            unknown.replace(0, unknown.find(';'), "nosuchthing");
            bad_lines.push_back(line_for(name, unknown));
        }
        if (first == 'S') {  // unknown service on a known host
            std::string svc = good;
            auto a = svc.find(';');
            auto b = svc.find(';', a + 1);
            svc.replace(a + 1, (b == std::string::npos ? svc.size() : b) - a - 1, "NOPE");
            bad_lines.push_back(line_for(name, svc));
        }
        // One argument too few (commands with optional arguments stay valid without one).
        auto last = good.rfind(';');
        if (spec.required_fields() > 0 && spec.signature.find('|') == std::string_view::npos) {
            bad_lines.push_back(
                line_for(name, last == std::string::npos ? "" : good.substr(0, last)));
        }
        for (const std::string& line : bad_lines) {
            CommandOutcome outcome = h.try_command(line);
            EXPECT_FALSE(outcome.applied()) << line;
            EXPECT_FALSE(outcome.message.empty()) << line;
            if (spec.global && first != 'H' && first != 'S') {
                // Group, contact and id commands go to every scheduler: "not here" is fine.
                continue;
            }
            EXPECT_EQ(outcome.status, CommandOutcome::Status::rejected) << line;
        }
        h.engine().tick();
        EXPECT_TRUE(all_state(h) == before) << name << " changed the state";
    }
}

TEST(Commands, RejectionsAreLoggedTheNagiosWay) {
    Harness h(fixture());
    h.logs();
    h.try_command("FROBNICATE;web1");
    h.try_command("ENABLE_SVC_CHECK;web1;NOPE");
    auto logs = h.logs();
    EXPECT_EQ(count_containing(logs, "Warning: Unrecognized external command -> ["), 1);
    EXPECT_EQ(
        count_containing(logs, "Error: External command failed -> ENABLE_SVC_CHECK;web1;NOPE"), 1);
    EXPECT_EQ(h.engine().stats()["commands"]["rejected"], 2);
}

TEST(Commands, SwitchesSetTheirFieldAndModifiedAttribute) {
    Harness h(fixture());
    h.advance(1);
    const model::Service& http = h.service("web1", "HTTP");
    h.command("DISABLE_SVC_NOTIFICATIONS;web1;HTTP");
    EXPECT_FALSE(http.notifications_enabled);
    EXPECT_NE(http.modified_attributes & model::kModNotificationsEnabled, 0u);
    h.command("DISABLE_SVC_CHECK;web1;HTTP");
    EXPECT_FALSE(http.active_checks_enabled);
    h.command("DISABLE_PASSIVE_SVC_CHECKS;web1;HTTP");
    EXPECT_FALSE(http.passive_checks_enabled);
    h.command("ENABLE_SVC_EVENT_HANDLER;web1;HTTP");
    EXPECT_TRUE(http.event_handler_enabled);
    h.command("DISABLE_SVC_FLAP_DETECTION;web1;HTTP");
    EXPECT_FALSE(http.flap_detection_enabled);
    h.command("START_OBSESSING_OVER_SVC;web1;HTTP");
    EXPECT_TRUE(http.obsess_over_service);
    h.command("DISABLE_HOSTGROUP_SVC_CHECKS;webs");
    EXPECT_FALSE(h.service("web1", "SSH").active_checks_enabled);
    h.command("DISABLE_HOST_AND_CHILD_NOTIFICATIONS;router");
    EXPECT_FALSE(h.host("router").notifications_enabled);
    EXPECT_FALSE(h.host("web1").notifications_enabled);
    h.command("ENABLE_ALL_NOTIFICATIONS_BEYOND_HOST;router");
    EXPECT_FALSE(h.host("router").notifications_enabled);
    EXPECT_TRUE(h.host("web1").notifications_enabled);
    EXPECT_TRUE(h.service("web1", "HTTP").notifications_enabled);
    h.command("DISABLE_CONTACTGROUP_SVC_NOTIFICATIONS;admins");
    EXPECT_FALSE(h.engine().config().contacts[0].service_notifications_enabled);
    h.command("DISABLE_FLAP_DETECTION");
    EXPECT_FALSE(h.engine().config().globals.enable_flap_detection);
}

TEST(Commands, AttributeChangesTakeEffect) {
    Harness h(fixture());
    h.advance(1);
    h.command("CHANGE_SVC_CHECK_COMMAND;web1;HTTP;check_svc!3");
    h.command("SCHEDULE_FORCED_SVC_CHECK;web1;HTTP;" + now_plus(h, 0));
    h.engine().tick();
    std::vector<Action> actions;
    h.engine().take_actions(WorkerRequest{}, actions);
    bool found = false;
    for (const Action& a : actions) {
        if (a.service_description == "HTTP") {
            found = true;
            EXPECT_EQ(a.command, "/usr/lib/nagios/plugins/check_dummy 3 10.0.0.1 HTTP");
        }
    }
    EXPECT_TRUE(found);
    h.command("CHANGE_CUSTOM_SVC_VAR;web1;HTTP;_port;8080");
    EXPECT_EQ(model::custom_var(h.service("web1", "HTTP"), "PORT", h.engine().config().pool),
              "8080");
    h.command("CHANGE_MAX_SVC_CHECK_ATTEMPTS;web1;HTTP;7");
    EXPECT_EQ(h.service("web1", "HTTP").max_check_attempts, 7);
    EXPECT_EQ(h.try_command("CHANGE_MAX_SVC_CHECK_ATTEMPTS;web1;HTTP;0").status,
              CommandOutcome::Status::rejected);
    h.command("SET_SVC_NOTIFICATION_NUMBER;web1;HTTP;4");
    EXPECT_EQ(h.service("web1", "HTTP").current_notification_number, 4);
    h.command("CHANGE_SVC_MODATTR;web1;HTTP;0");
    EXPECT_EQ(h.service("web1", "HTTP").modified_attributes, 0u);
}

TEST(Commands, PassiveResultsSplitOutputAndDropStaleOnes) {
    Harness h(fixture());
    h.advance(10);
    h.command(
        "PROCESS_SERVICE_CHECK_RESULT;web1;HTTP;2;HTTP CRITICAL|time=9s\\nline two\\nline "
        "three|size=10B");
    const model::Service& s = h.service("web1", "HTTP");
    EXPECT_EQ(s.state, model::ServiceState::critical);
    EXPECT_EQ(s.output.view(), "HTTP CRITICAL");
    EXPECT_EQ(s.long_output.view(), "line two\nline three");
    EXPECT_EQ(s.perf_data.view(), "time=9s size=10B");
    EXPECT_EQ(s.check_type, model::CheckType::passive);
    // A result stamped before the last check is dropped.
    auto late =
        h.engine().run_external_command("[" + std::to_string(static_cast<long long>(h.now() - 5)) +
                                        "] PROCESS_SERVICE_CHECK_RESULT;web1;HTTP;0;old news");
    EXPECT_EQ(late.status, CommandOutcome::Status::rejected);
    EXPECT_EQ(s.state, model::ServiceState::critical);
    EXPECT_EQ(h.engine().stats()["results"]["late_passive"], 1);
}

}  // namespace
}  // namespace yagura::engine::test
