// Each table answers from the broker state, joins reuse the object columns under a prefix,
// and `GET columns` describes them all.
#include <gtest/gtest.h>

#include "sample_site.hpp"

namespace yagura::test {
namespace {

class TablesTest : public ::testing::Test {
protected:
    SampleSite site;
};

TEST_F(TablesTest, HostsWithServiceCounts) {
    auto rows = site.rows(
        "GET hosts\nColumns: name address num_services num_services_ok num_services_warn "
        "num_services_crit num_services_unknown num_services_pending worst_service_state "
        "services\nFilter: name ~ 1$");
    EXPECT_EQ(rows, json::parse(R"([["web1","10.0.0.1",2,1,1,0,0,0,1,["HTTP","Disk"]],
                                     ["db1","10.0.0.3",2,0,0,0,1,1,3,["MySQL","Disk"]]])"));
}

TEST_F(TablesTest, ServicesJoinTheirHost) {
    auto rows = site.rows(
        "GET services\nColumns: host_name description host_address host_state host_groups "
        "acknowledged comments\nFilter: host_name = web2");
    EXPECT_EQ(rows, json::parse(R"([["web2","HTTP","10.0.0.2",1,["web"],1,[1]]])"));
}

TEST_F(TablesTest, Groups) {
    auto hostgroups = site.rows(
        "GET hostgroups\nColumns: name alias members num_hosts num_hosts_up num_hosts_down "
        "num_services worst_service_state");
    EXPECT_EQ(hostgroups, json::parse(R"([["linux","Linux",["db1","web1"],2,2,0,4,3],
                                          ["web","Web servers",["web1","web2"],2,1,1,3,2]])"));
    auto servicegroups =
        site.rows("GET servicegroups\nColumns: name alias members num_services_crit");
    EXPECT_EQ(servicegroups,
              json::parse(R"([["frontend","Front end",[["web1","HTTP"],["web2","HTTP"]],1]])"));
}

TEST_F(TablesTest, ByGroupTables) {
    auto hosts = site.rows("GET hostsbygroup\nColumns: hostgroup_name name hostgroup_alias");
    EXPECT_EQ(hosts, json::parse(R"([["linux","db1","Linux"],["linux","web1","Linux"],
                                     ["web","web1","Web servers"],["web","web2","Web servers"]])"));
    auto services =
        site.rows("GET servicesbygroup\nColumns: servicegroup_name host_name description");
    EXPECT_EQ(services, json::parse(R"([["frontend","web1","HTTP"],["frontend","web2","HTTP"]])"));
    auto by_hostgroup = site.rows(
        "GET servicesbyhostgroup\nColumns: hostgroup_name host_name description\n"
        "Filter: hostgroup_name = web");
    EXPECT_EQ(by_hostgroup.size(), 3u);
}

TEST_F(TablesTest, ConfigurationTables) {
    EXPECT_EQ(
        site.rows("GET contacts\nColumns: name alias email groups"),
        json::parse(R"([["alice","Alice","alice@example.org",["admins"]],["bob","Bob","",[]]])"));
    EXPECT_EQ(site.rows("GET contactgroups\nColumns: name alias members"),
              json::parse(R"([["admins","Admins",["alice"]]])"));
    EXPECT_EQ(site.rows("GET timeperiods\nColumns: name alias in"),
              json::parse(R"([["24x7","Always",1]])"));
    EXPECT_EQ(site.rows("GET commands\nColumns: name line"),
              json::parse(R"([["check_ping","$USER1$/check_ping"]])"));
}

TEST_F(TablesTest, CommentsAndDowntimes) {
    EXPECT_EQ(site.rows("GET comments\nColumns: id author comment entry_type type host_name "
                        "service_description service_state"),
              json::parse(R"([[1,"bob","looking into it",4,2,"web2","HTTP",2]])"));
    EXPECT_EQ(site.rows("GET downtimes\nColumns: id author comment start_time end_time fixed type "
                        "host_name host_address"),
              json::parse(R"([[7,"carol","upgrade",1700000000,1700003600,1,1,"db1","10.0.0.3"]])"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: downtimes\nFilter: name = db1"),
              json::parse("[[[7]]]"));
}

TEST_F(TablesTest, ExpandedUrlsAndModifiedAttributes) {
    site.state.apply(host_brok("web1",
                               {{"notes_url", "https://wiki/$HOSTNAME$?ip=$HOSTADDRESS$"},
                                {"modified_attributes", 3},
                                {"first_notification_delay", 5}},
                               0, "update_host_status"));
    site.state.apply(service_brok("web1", "HTTP",
                                  {{"action_url", "/graph/$HOSTNAME$/$SERVICEDESC$"}}, 0,
                                  "update_service_status"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: notes_url_expanded modified_attributes_list "
                        "first_notification_delay is_executing\nFilter: name = web1"),
              json::parse(R"([["https://wiki/web1?ip=10.0.0.1",
                              ["notifications_enabled","active_checks_enabled"],5,0]])"));
    EXPECT_EQ(site.rows("GET services\nColumns: action_url_expanded host_notes_url_expanded\n"
                        "Filter: host_name = web1\nFilter: description = HTTP"),
              json::parse(R"([["/graph/web1/HTTP","https://wiki/web1?ip=10.0.0.1"]])"));
}

TEST_F(TablesTest, Status) {
    auto rows = site.rows(
        "GET status\nColumns: program_start nagios_pid num_hosts num_services "
        "enable_notifications interval_length num_instances");
    EXPECT_EQ(rows, json::parse("[[1699990000,4242,3,5,1,60,1]]"));
}

TEST_F(TablesTest, ColumnsTableDescribesEveryColumn) {
    auto rows =
        site.rows("GET columns\nColumns: table name type description\nFilter: table = hosts");
    bool found_state = false;
    for (const auto& row : rows) {
        EXPECT_FALSE(row[3].get<std::string>().empty()) << row;
        if (row[1] == "state") {
            EXPECT_EQ(row[2], "int");
            found_state = true;
        }
    }
    EXPECT_TRUE(found_state);
    auto types = site.rows(
        "GET columns\nColumns: name type\nFilter: table = services\nFilter: name ~ "
        "^(host_name|last_check|latency|contacts|custom_variables|plugin_output)$");
    EXPECT_EQ(types, json::parse(R"([["host_name","string"],["plugin_output","string"],
        ["last_check","time"],["latency","float"],["contacts","list"],["custom_variables","dict"]])"));
    // Joined columns are declared once and reused with a prefix.
    auto joined = site.rows(
        "GET columns\nColumns: description\nFilter: table = services\nFilter: name = host_address");
    auto own = site.rows(
        "GET columns\nColumns: description\nFilter: table = hosts\nFilter: name = address");
    EXPECT_EQ(joined, own);
    // Every table is listed.
    auto tables = site.rows("GET columns\nColumns: table\nStats: name != \"\"");
    std::vector<std::string> names;
    for (const auto& row : tables) {
        names.push_back(row[0]);
    }
    for (const char* table :
         {"hosts", "services", "hostgroups", "servicegroups", "contacts", "contactgroups",
          "commands", "timeperiods", "comments", "downtimes", "hostsbygroup", "servicesbygroup",
          "servicesbyhostgroup", "status", "log", "columns"}) {
        EXPECT_NE(std::find(names.begin(), names.end(), table), names.end()) << table;
    }
}

TEST_F(TablesTest, AuthUserSeesOnlyItsObjects) {
    auto hosts = site.rows("GET hosts\nColumns: name\nAuthUser: alice");
    // alice: web1 directly, db1 through the admins contact group.
    EXPECT_EQ(hosts, json::parse(R"([["web1"],["db1"]])"));
    auto services = site.rows("GET services\nColumns: host_name description\nAuthUser: bob");
    EXPECT_EQ(services, json::parse(R"([["web2","HTTP"]])"));
    // Loose service authorisation: a host's contact sees all its services.
    auto alice_services = site.rows(
        "GET services\nColumns: description\nAuthUser: alice\n"
        "Filter: host_name = web1");
    EXPECT_EQ(alice_services.size(), 2u);
    // Strict group authorisation: every member must be visible.
    EXPECT_EQ(site.rows("GET hostgroups\nColumns: name\nAuthUser: alice"),
              json::parse(R"([["linux"]])"));
    EXPECT_EQ(site.rows("GET comments\nColumns: id\nAuthUser: alice"), json::parse("[]"));
    EXPECT_EQ(site.rows("GET comments\nColumns: id\nAuthUser: bob"), json::parse("[[1]]"));
    EXPECT_EQ(site.rows("GET hosts\nColumns: name\nAuthUser: mallory"), json::parse("[]"));
    // Configuration tables are not restricted.
    EXPECT_EQ(site.rows("GET commands\nColumns: name\nAuthUser: mallory").size(), 1u);
    EXPECT_EQ(site.rows("GET services\nStats: state >= 0\nAuthUser: bob"), json::parse("[[1]]"));
}

}  // namespace
}  // namespace yagura::test
