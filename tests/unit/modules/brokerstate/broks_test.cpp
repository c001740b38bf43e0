// The broker state fed brok by brok: dumps swap in whole, updates apply, bad broks change
// nothing, and every change tells Livestatus' waiters.
#include <gtest/gtest.h>

#include "../livestatus/sample_site.hpp"

namespace yagura::test {
namespace {

class BroksTest : public ::testing::Test {
protected:
    json hosts() { return site.rows("GET hosts\nColumns: name state plugin_output"); }
    SampleSite site;
};

TEST_F(BroksTest, TheSampleDumpIsComplete) {
    auto stats = site.state.stats();
    EXPECT_EQ(stats.hosts, 3u);
    EXPECT_EQ(stats.services, 5u);
    EXPECT_EQ(stats.instances, 1u);
    EXPECT_EQ(stats.dumps_in_progress, 0u);
    EXPECT_EQ(stats.broks_rejected, 0u);
}

TEST_F(BroksTest, ANewDumpReplacesItsInstanceOnlyWhenComplete) {
    // A second scheduler part, with its own host.
    site.state.apply(brok("clean_all_my_instance_id", json::object(), 1));
    site.state.apply(host_brok("app1", {{"state_id", 0}, {"has_been_checked", 1}}, 1));
    site.state.apply(brok("initial_broks_done", json::object(), 1));
    ASSERT_EQ(site.state.stats().hosts, 4u);

    // Instance 0 restarts and dumps again, with web2 gone and web3 new.
    site.state.apply(brok("clean_all_my_instance_id", json::object(), 0));
    site.state.apply(host_brok("web1", {{"state_id", 1}, {"output", "new dump"}}, 0));
    site.state.apply(host_brok("web3", {{"state_id", 0}}, 0));
    // Midway, queries still see the old instance 0 in full, and instance 1.
    EXPECT_EQ(site.rows("GET hosts\nColumns: name"),
              json::parse(R"([["web1"],["web2"],["db1"],["app1"]])"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: plugin_output\nFilter: name = web1"),
              json::parse(R"([["PING OK"]])"));
    EXPECT_EQ(site.state.stats().dumps_in_progress, 1u);
    site.state.apply(brok("initial_broks_done", json::object(), 0));
    EXPECT_EQ(site.rows("GET hosts\nColumns: name"),
              json::parse(R"([["web1"],["web3"],["app1"]])"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: plugin_output\nFilter: name = web1"),
              json::parse(R"([["new dump"]])"));
    EXPECT_EQ(site.rows("GET services\nStats: state >= 0"), json::parse("[[0]]"));
    EXPECT_EQ(site.rows("GET comments\nColumns: id"), json::parse("[]"));
}

TEST_F(BroksTest, ChecksAndUpdatesApply) {
    site.state.apply(service_brok("web1", "Disk",
                                  {{"state", "CRITICAL"},
                                   {"state_type", "HARD"},
                                   {"attempt", 3},
                                   {"output", "DISK CRITICAL"},
                                   {"last_chk", 1700000500}},
                                  0, "service_check_result"));
    EXPECT_EQ(site.rows("GET services\nColumns: state state_type current_attempt plugin_output "
                        "last_check\nFilter: description = Disk\nFilter: host_name = web1"),
              json::parse(R"([[2,1,3,"DISK CRITICAL",1700000500]])"));
    site.state.apply(host_brok("web2", {{"next_chk", 1700000900}}, 0, "host_next_schedule"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: next_check\nFilter: name = web2"),
              json::parse("[[1700000900]]"));
    site.state.apply(host_brok("web2",
                               {{"notifications_enabled", false}, {"hostgroups", {"web", "dmz"}}},
                               0, "update_host_status"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: notifications_enabled groups\nFilter: name = web2"),
              json::parse(R"([[0,["web","dmz"]]])"));
    EXPECT_EQ(site.rows("GET hostgroups\nColumns: name members\nFilter: name = dmz"),
              json::parse(R"([["dmz",["web2"]]])"));
}

TEST_F(BroksTest, AcknowledgementsDowntimesComments) {
    site.state.apply(brok("acknowledge_raise", {{"host_name", "web1"},
                                                {"service_description", "Disk"},
                                                {"sticky", 2},
                                                {"author", "alice"}}));
    EXPECT_EQ(site.rows("GET services\nColumns: acknowledged acknowledgement_type\n"
                        "Filter: host_name = web1\nFilter: description = Disk"),
              json::parse("[[1,2]]"));
    site.state.apply(
        brok("acknowledge_expire", {{"host_name", "web1"}, {"service_description", "Disk"}}));
    EXPECT_EQ(site.rows("GET services\nColumns: acknowledged\nFilter: host_name = web1\n"
                        "Filter: description = Disk"),
              json::parse("[[0]]"));

    site.state.apply(brok("downtime_raise", {{"id", 9},
                                             {"host_name", "web1"},
                                             {"author", "alice"},
                                             {"start_time", 1700001000},
                                             {"end_time", 1700002000}}));
    EXPECT_EQ(site.rows("GET downtimes\nColumns: id host_name\nFilter: id = 9"),
              json::parse(R"([[9,"web1"]])"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: downtimes\nFilter: name = web1"),
              json::parse("[[[9]]]"));
    site.state.apply(brok("downtime_expire", {{"id", 9}}));
    EXPECT_EQ(site.rows("GET downtimes\nColumns: id\nFilter: id = 9"), json::parse("[]"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: downtimes\nFilter: name = web1"),
              json::parse("[[[]]]"));

    site.state.apply(brok("comment", {{"action", "add"},
                                      {"id", 5},
                                      {"host_name", "db1"},
                                      {"service_description", "MySQL"},
                                      {"author", "bob"},
                                      {"comment", "socket gone"}}));
    EXPECT_EQ(site.rows("GET services\nColumns: comments\nFilter: description = MySQL"),
              json::parse("[[[5]]]"));
    site.state.apply(brok("comment", {{"action", "delete"}, {"id", 5}}));
    EXPECT_EQ(site.rows("GET comments\nColumns: id"), json::parse("[[1]]"));
    // A full status that lists the object's comments replaces them.
    site.state.apply(
        service_brok("web2", "HTTP", {{"comments", json::array()}}, 0, "update_service_status"));
    EXPECT_EQ(site.rows("GET comments\nColumns: id"), json::parse("[]"));
}

TEST_F(BroksTest, NotificationsUpdateOnlyTheCounters) {
    site.state.apply(brok("notification_raise", {{"host_name", "web2"},
                                                 {"service_description", "HTTP"},
                                                 {"current_notification_number", 3},
                                                 {"output", "not the check output"},
                                                 {"contact_name", "bob"}}));
    EXPECT_EQ(site.rows("GET services\nColumns: current_notification_number plugin_output\n"
                        "Filter: host_name = web2"),
              json::parse(R"([[3,"Connection refused"]])"));
}

TEST_F(BroksTest, BadBroksChangeNothing) {
    auto before = site.body("GET services\nColumns: host_name description state plugin_output");
    auto rejected = site.state.stats().broks_rejected;
    EXPECT_FALSE(site.state.apply(std::string_view("{not json")));
    EXPECT_FALSE(site.state.apply(json::array({1, 2})));
    EXPECT_FALSE(site.state.apply(json{{"data", json::object()}}));
    EXPECT_FALSE(site.state.apply(json{{"type", "log"}, {"data", "text"}}));
    EXPECT_FALSE(site.state.apply(json{{"type", "log"}, {"instance_id", "zero"}}));
    EXPECT_FALSE(site.state.apply(
        service_brok("nosuch", "HTTP", {{"state_id", 2}}, 0, "service_check_result")));
    EXPECT_FALSE(site.state.apply(brok("initial_host_status", {{"address", "x"}})));
    // One good field and one bad: neither is applied.
    EXPECT_FALSE(site.state.apply(service_brok("web1", "HTTP",
                                               {{"output", "half applied?"}, {"state_id", "OKAY"}},
                                               0, "service_check_result")));
    EXPECT_FALSE(site.state.apply(service_brok("web1", "HTTP",
                                               {{"output", "half applied?"}, {"latency", "fast"}},
                                               0, "service_check_result")));
    EXPECT_FALSE(site.state.apply(host_brok(
        "web1", {{"output", "half applied?"}, {"downtimes", json::array({{{"id", "x"}}})}}, 0,
        "update_host_status")));
    EXPECT_FALSE(site.state.apply(brok("downtime_raise", {{"host_name", "web1"}})));
    EXPECT_FALSE(site.state.apply(brok("comment", {{"action", "explode"}, {"id", 1}})));
    EXPECT_EQ(site.body("GET services\nColumns: host_name description state plugin_output"),
              before);
    EXPECT_EQ(site.state.stats().broks_rejected, rejected + 12);
    // Types the broker has no use for are accepted and ignored.
    EXPECT_TRUE(site.state.apply(brok("initial_poller_status", {{"poller_name", "p1"}})));
}

TEST_F(BroksTest, ObjectsAddedOutsideADumpAreLinked) {
    site.state.apply(host_brok("late", {{"state_id", 0}}));
    site.state.apply(service_brok("late", "Ping", {{"state_id", 1}, {"has_been_checked", 1}}));
    EXPECT_EQ(
        site.rows("GET services\nColumns: host_name host_state state\nFilter: host_name = late"),
        json::parse(R"([["late",0,1]])"));
    // A service whose host is unknown stays hidden.
    site.state.apply(service_brok("ghost", "Ping", {{"state_id", 0}}));
    EXPECT_EQ(site.rows("GET services\nFilter: host_name = ghost\nStats: state >= 0"),
              json::parse("[[0]]"));
}

TEST_F(BroksTest, GroupsMergeAcrossInstances) {
    site.state.apply(brok("clean_all_my_instance_id", json::object(), 1));
    site.state.apply(host_brok("web9", {{"state_id", 0}, {"hostgroups", {"web"}}}, 1));
    site.state.apply(
        brok("initial_hostgroup_status",
             {{"hostgroup_name", "web"}, {"alias", "Web servers"}, {"members", {"web9"}}}, 1));
    site.state.apply(brok("initial_broks_done", json::object(), 1));
    EXPECT_EQ(site.rows("GET hostgroups\nColumns: members\nFilter: name = web"),
              json::parse(R"([[["web1","web2","web9"]]])"));
    EXPECT_EQ(site.rows("GET status\nColumns: num_instances num_hosts"), json::parse("[[1,4]]"));
}

TEST_F(BroksTest, ChangesFireTriggers) {
    std::vector<ls::Trigger> fired;
    site.state.on_change([&](ls::Trigger t) { fired.push_back(t); });
    site.state.apply(service_brok("web1", "HTTP", {{"state_id", 0}}, 0, "service_check_result"));
    EXPECT_EQ(fired, (std::vector<ls::Trigger>{ls::Trigger::check, ls::Trigger::state}));
    fired.clear();
    site.state.apply(brok("log", {{"log", "SERVICE ALERT: web1;HTTP;OK;HARD;1;fine"}}));
    site.state.apply(brok("comment", {{"id", 3}, {"host_name", "web1"}}));
    site.state.apply(brok("downtime_raise", {{"id", 4}, {"host_name", "web1"}}));
    site.state.apply(brok("update_program_status", {{"enable_notifications", false}}));
    site.state.apply(brok("clean_all_my_instance_id", json::object(), 2));
    site.state.apply(brok("initial_broks_done", json::object(), 2));
    EXPECT_EQ(fired, (std::vector<ls::Trigger>{ls::Trigger::log, ls::Trigger::comment,
                                               ls::Trigger::downtime, ls::Trigger::program,
                                               ls::Trigger::all}));
    fired.clear();
    site.state.apply(std::string_view("garbage"));
    EXPECT_TRUE(fired.empty());
}

}  // namespace
}  // namespace yagura::test
