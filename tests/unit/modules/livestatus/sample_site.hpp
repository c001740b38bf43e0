#pragma once

// A small site described by broks, as a scheduler sends them: three hosts, five services,
// groups, contacts, a comment and a downtime. Tests feed it to a real BrokerState and query it
// through the real Livestatus engine.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/modules/brokerstate/broker_state.hpp>
#include <yagura/modules/livestatus/livestatus.hpp>

namespace yagura::test {

namespace ls = modules::livestatus;
namespace bs = modules::brokerstate;
using nlohmann::json;

inline json brok(const std::string& type, json data, int instance = 0) {
    return {{"type", type}, {"instance_id", instance}, {"data", std::move(data)}};
}

inline json host_brok(const std::string& name, json fields, int instance = 0,
                      const std::string& type = "initial_host_status") {
    fields["host_name"] = name;
    return brok(type, std::move(fields), instance);
}

inline json service_brok(const std::string& host, const std::string& description, json fields,
                         int instance = 0, const std::string& type = "initial_service_status") {
    fields["host_name"] = host;
    fields["service_description"] = description;
    return brok(type, std::move(fields), instance);
}

// The initial dump of instance 0 (clean_all_my_instance_id ... initial_broks_done).
inline std::vector<json> sample_dump(int instance = 0) {
    std::vector<json> broks;
    broks.push_back(brok("clean_all_my_instance_id", json::object(), instance));
    broks.push_back(brok("program_status",
                         {{"program_start", 1699990000},
                          {"pid", 4242},
                          {"enable_notifications", true},
                          {"interval_length", 60}},
                         instance));
    broks.push_back(brok("initial_command_status",
                         {{"command_name", "check_ping"}, {"command_line", "$USER1$/check_ping"}},
                         instance));
    broks.push_back(brok("initial_timeperiod_status",
                         {{"timeperiod_name", "24x7"}, {"alias", "Always"}, {"is_active", true}},
                         instance));
    broks.push_back(brok(
        "initial_contact_status",
        {{"contact_name", "alice"}, {"alias", "Alice"}, {"email", "alice@example.org"}}, instance));
    broks.push_back(
        brok("initial_contact_status", {{"contact_name", "bob"}, {"alias", "Bob"}}, instance));
    broks.push_back(brok(
        "initial_contactgroup_status",
        {{"contactgroup_name", "admins"}, {"alias", "Admins"}, {"members", {"alice"}}}, instance));
    broks.push_back(host_brok("web1",
                              {{"address", "10.0.0.1"},
                               {"alias", "Web one"},
                               {"state", "UP"},
                               {"state_id", 0},
                               {"state_type", "HARD"},
                               {"has_been_checked", 1},
                               {"output", "PING OK"},
                               {"last_chk", 1700000000},
                               {"contacts", {"alice"}},
                               {"hostgroups", {"web", "linux"}},
                               {"customs", {{"_OS", "linux"}, {"_rack", "r1"}}},
                               {"check_command", "check_ping!100!200"}},
                              instance));
    broks.push_back(host_brok("web2",
                              {{"address", "10.0.0.2"},
                               {"state", "DOWN"},
                               {"state_id", 1},
                               {"state_type", "HARD"},
                               {"has_been_checked", 1},
                               {"output", "PING CRITICAL"},
                               {"last_chk", 1700000100},
                               {"contacts", {"bob"}},
                               {"hostgroups", {"web"}}},
                              instance));
    broks.push_back(host_brok("db1",
                              {{"address", "10.0.0.3"},
                               {"state_id", 0},
                               {"has_been_checked", 1},
                               {"contact_groups", {"admins"}},
                               {"hostgroups", {"linux"}},
                               {"downtimes", json::array({{{"id", 7},
                                                           {"author", "carol"},
                                                           {"comment", "upgrade"},
                                                           {"start_time", 1700000000},
                                                           {"end_time", 1700003600},
                                                           {"fixed", true}}})}},
                              instance));
    broks.push_back(service_brok("web1", "HTTP",
                                 {{"state", "OK"},
                                  {"state_id", 0},
                                  {"state_type_id", 1},
                                  {"has_been_checked", true},
                                  {"output", "HTTP OK"},
                                  {"latency", 0.5},
                                  {"execution_time", 1.0},
                                  {"last_chk", 1700000010},
                                  {"servicegroups", {"frontend"}},
                                  {"contacts", {"alice"}}},
                                 instance));
    broks.push_back(service_brok("web1", "Disk",
                                 {{"state_id", 1},
                                  {"state_type_id", 0},
                                  {"attempt", 2},
                                  {"has_been_checked", true},
                                  {"output", "DISK WARNING - 85% used"},
                                  {"perf_data", "/=85%;80;90"},
                                  {"latency", 1.5},
                                  {"execution_time", 2.0},
                                  {"last_chk", 1700000020}},
                                 instance));
    broks.push_back(service_brok("web2", "HTTP",
                                 {{"state_id", 2},
                                  {"state_type_id", 1},
                                  {"has_been_checked", true},
                                  {"output", "Connection refused"},
                                  {"problem_has_been_acknowledged", true},
                                  {"acknowledgement_type", 1},
                                  {"latency", 2.5},
                                  {"execution_time", 0.5},
                                  {"last_chk", 1700000030},
                                  {"servicegroups", {"frontend"}},
                                  {"contacts", {"bob"}},
                                  {"comments", json::array({{{"id", 1},
                                                             {"author", "bob"},
                                                             {"comment", "looking into it"},
                                                             {"entry_time", 1700000040},
                                                             {"entry_type", 4}}})}},
                                 instance));
    broks.push_back(service_brok("db1", "MySQL",
                                 {{"state_id", 3},
                                  {"state_type_id", 1},
                                  {"has_been_checked", true},
                                  {"output", "UNKNOWN - no socket"},
                                  {"latency", 2.0},
                                  {"execution_time", 3.5},
                                  {"last_chk", 1700000050},
                                  {"customs", {{"_DB", "mysql"}}}},
                                 instance));
    broks.push_back(service_brok(
        "db1", "Disk",
        {{"state_id", 0}, {"has_been_checked", false}, {"latency", 0.0}, {"execution_time", 0.0}},
        instance));
    broks.push_back(
        brok("initial_hostgroup_status",
             {{"hostgroup_name", "web"}, {"alias", "Web servers"}, {"members", {"web1", "web2"}}},
             instance));
    broks.push_back(brok("initial_hostgroup_status",
                         {{"hostgroup_name", "linux"}, {"alias", "Linux"}}, instance));
    broks.push_back(brok(
        "initial_servicegroup_status",
        {{"servicegroup_name", "frontend"},
         {"alias", "Front end"},
         {"members", json::array({json::array({"web1", "HTTP"}), json::array({"web2", "HTTP"})})}},
        instance));
    broks.push_back(brok("initial_broks_done", json::object(), instance));
    return broks;
}

// A sink that keeps what COMMAND sent.
struct RecordingSink : ls::CommandSink {
    std::vector<ls::ExternalCommand> received;
    void submit(const ls::ExternalCommand& command) override { received.push_back(command); }
};

// The whole stack on the sample site: BrokerState fed with broks, Livestatus over it.
struct SampleSite {
    core::FakeClock clock{1700000200};
    bs::BrokerState state{clock};
    RecordingSink sink;
    ls::Livestatus livestatus{state, &sink, clock};

    SampleSite() {
        for (const auto& b : sample_dump()) {
            state.apply(b);
        }
    }
    ls::Response ask(const std::string& request) { return livestatus.answer(request); }
    // The body of a successful answer (fails the test otherwise).
    std::string body(const std::string& request);
    // A JSON answer parsed.
    json rows(std::string request);
};

}  // namespace yagura::test
