// Every filter operator on every column type, and the logical combinations.
#include <gtest/gtest.h>

#include "sample_site.hpp"

namespace yagura::test {
namespace {

class FilterTest : public ::testing::Test {
protected:
    // The sorted names of the rows of table matching the filter headers.
    std::vector<std::string> names(const std::string& table, const std::string& filters,
                                   const std::string& column = "") {
        std::string name = column.empty() ? (table == "services" ? "description" : "name") : column;
        std::string columns = table == "services" ? "host_name description" : name;
        auto result = site.rows("GET " + table + "\nColumns: " + columns + "\n" + filters);
        std::vector<std::string> out;
        for (const auto& row : result) {
            out.push_back(table == "services"
                              ? row[0].get<std::string>() + "/" + row[1].get<std::string>()
                              : row[0].get<std::string>());
        }
        std::sort(out.begin(), out.end());
        return out;
    }
    SampleSite site;
};

using Names = std::vector<std::string>;

TEST_F(FilterTest, StringOperators) {
    EXPECT_EQ(names("hosts", "Filter: name = web1"), Names({"web1"}));
    EXPECT_EQ(names("hosts", "Filter: name != web1"), Names({"db1", "web2"}));
    EXPECT_EQ(names("hosts", "Filter: name =~ WEB1"), Names({"web1"}));
    EXPECT_EQ(names("hosts", "Filter: name !=~ WEB1"), Names({"db1", "web2"}));
    EXPECT_EQ(names("hosts", "Filter: name ~ ^web"), Names({"web1", "web2"}));
    EXPECT_EQ(names("hosts", "Filter: name !~ ^web"), Names({"db1"}));
    EXPECT_EQ(names("hosts", "Filter: name ~~ ^WEB"), Names({"web1", "web2"}));
    EXPECT_EQ(names("hosts", "Filter: name !~~ ^WEB"), Names({"db1"}));
    EXPECT_EQ(names("hosts", "Filter: name < web1"), Names({"db1"}));
    EXPECT_EQ(names("hosts", "Filter: name <= web1"), Names({"db1", "web1"}));
    EXPECT_EQ(names("hosts", "Filter: name > web1"), Names({"web2"}));
    EXPECT_EQ(names("hosts", "Filter: name >= web1"), Names({"web1", "web2"}));
    // A value keeps its inner spaces.
    EXPECT_EQ(names("services", "Filter: plugin_output = DISK WARNING - 85% used"),
              Names({"web1/Disk"}));
}

TEST_F(FilterTest, IntOperators) {
    EXPECT_EQ(names("services", "Filter: state = 2"), Names({"web2/HTTP"}));
    EXPECT_EQ(names("services", "Filter: state != 0"),
              Names({"db1/MySQL", "web1/Disk", "web2/HTTP"}));
    EXPECT_EQ(names("services", "Filter: state < 1"), Names({"db1/Disk", "web1/HTTP"}));
    EXPECT_EQ(names("services", "Filter: state <= 1"),
              Names({"db1/Disk", "web1/Disk", "web1/HTTP"}));
    EXPECT_EQ(names("services", "Filter: state > 2"), Names({"db1/MySQL"}));
    EXPECT_EQ(names("services", "Filter: state >= 2"), Names({"db1/MySQL", "web2/HTTP"}));
    // Bit-set readings (Checkmk): ~ superset, =~ subset, ~~ intersects.
    EXPECT_EQ(names("services", "Filter: state ~ 2"), Names({"db1/MySQL", "web2/HTTP"}));
    EXPECT_EQ(names("services", "Filter: state =~ 1"),
              Names({"db1/Disk", "web1/Disk", "web1/HTTP"}));
    EXPECT_EQ(names("services", "Filter: state ~~ 1"), Names({"db1/MySQL", "web1/Disk"}));
    EXPECT_EQ(names("services", "Filter: state !~~ 1"),
              Names({"db1/Disk", "web1/HTTP", "web2/HTTP"}));
}

TEST_F(FilterTest, TimeOperatorsAndLocaltime) {
    EXPECT_EQ(names("services", "Filter: last_check >= 1700000030"),
              Names({"db1/MySQL", "web2/HTTP"}));
    EXPECT_EQ(names("services", "Filter: last_check > 1700000030"), Names({"db1/MySQL"}));
    // A client one hour ahead speaks of its local times: its 1700003630 is our 1700000030.
    EXPECT_EQ(names("services", "Localtime: 1700003800\nFilter: last_check = 1700003630"),
              Names({"web2/HTTP"}));
}

TEST_F(FilterTest, FloatOperators) {
    EXPECT_EQ(names("services", "Filter: latency = 0.5"), Names({"web1/HTTP"}));
    EXPECT_EQ(names("services", "Filter: latency > 1.9"), Names({"db1/MySQL", "web2/HTTP"}));
    EXPECT_EQ(names("services", "Filter: latency < 0.5"), Names({"db1/Disk"}));
    EXPECT_EQ(names("services", "Filter: latency >= 2.0"), Names({"db1/MySQL", "web2/HTTP"}));
    EXPECT_EQ(names("services", "Filter: latency <= 0.5"), Names({"db1/Disk", "web1/HTTP"}));
    EXPECT_EQ(names("services", "Filter: latency != 0.5").size(), 4u);
    auto bad = site.ask("GET services\nFilter: latency ~ 1");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("float column 'latency'"), std::string::npos) << bad.body;
}

TEST_F(FilterTest, ListMembershipAndEmptiness) {
    EXPECT_EQ(names("hosts", "Filter: groups >= linux"), Names({"db1", "web1"}));
    EXPECT_EQ(names("hosts", "Filter: groups < linux"), Names({"web2"}));
    EXPECT_EQ(names("hosts", "Filter: groups <= LINUX"), Names({"db1", "web1"}));
    EXPECT_EQ(names("hosts", "Filter: groups > LINUX"), Names({"web2"}));
    EXPECT_EQ(names("hosts", "Filter: groups ~ ^li"), Names({"db1", "web1"}));
    EXPECT_EQ(names("hosts", "Filter: groups !~ ^li"), Names({"web2"}));
    EXPECT_EQ(names("hosts", "Filter: groups ~~ ^LI"), Names({"db1", "web1"}));
    EXPECT_EQ(names("hosts", "Filter: groups =~ WEB"), Names({"web1", "web2"}));
    EXPECT_EQ(names("hosts", "Filter: contacts ="), Names({"db1"}));
    EXPECT_EQ(names("hosts", "Filter: contacts !="), Names({"web1", "web2"}));
    auto bad = site.ask("GET hosts\nFilter: contacts = alice");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("emptiness"), std::string::npos);
    // Tuples: servicegroup members compare as "host|service".
    auto groups = site.rows("GET servicegroups\nColumns: name\nFilter: members >= web2|HTTP");
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0][0], "frontend");
}

TEST_F(FilterTest, DictOnCustomVariables) {
    EXPECT_EQ(names("hosts", "Filter: custom_variables = OS linux"), Names({"web1"}));
    EXPECT_EQ(names("hosts", "Filter: custom_variables = _os linux"), Names({"web1"}));
    EXPECT_EQ(names("hosts", "Filter: custom_variables != OS linux"), Names({"db1", "web2"}));
    EXPECT_EQ(names("hosts", "Filter: custom_variables ~ RACK ^r"), Names({"web1"}));
    EXPECT_EQ(names("hosts", "Filter: custom_variables ~~ OS LIN"), Names({"web1"}));
    EXPECT_EQ(names("hosts", "Filter: custom_variables =~ OS LINUX"), Names({"web1"}));
    EXPECT_EQ(names("hosts", "Filter: custom_variables > OS a"), Names({"web1"}));
    EXPECT_EQ(names("services", "Filter: host_custom_variables = OS linux"),
              Names({"web1/Disk", "web1/HTTP"}));
}

TEST_F(FilterTest, AndOrNegate) {
    EXPECT_EQ(names("services", "Filter: state = 1\nFilter: state = 2\nOr: 2"),
              Names({"web1/Disk", "web2/HTTP"}));
    EXPECT_EQ(names("services", "Filter: state != 0\nFilter: acknowledged = 0\nAnd: 2"),
              Names({"db1/MySQL", "web1/Disk"}));
    EXPECT_EQ(names("services", "Filter: host_name = web1\nNegate:"),
              Names({"db1/Disk", "db1/MySQL", "web2/HTTP"}));
    // (state = 1 or state = 3) and not host web1
    EXPECT_EQ(names("services",
                    "Filter: state = 1\nFilter: state = 3\nOr: 2\nFilter: host_name = web1\n"
                    "Negate:\nAnd: 2"),
              Names({"db1/MySQL"}));
    EXPECT_EQ(names("hosts", "Or: 0"), Names({}));
    EXPECT_EQ(names("hosts", "And: 0").size(), 3u);
}

TEST_F(FilterTest, NameEqualityUsesTheIndexWithTheSameAnswer) {
    EXPECT_EQ(names("services", "Filter: host_name = web1\nFilter: state = 1"),
              Names({"web1/Disk"}));
    EXPECT_EQ(names("services", "Filter: state = 1\nFilter: host_name = web1\nAnd: 2"),
              Names({"web1/Disk"}));
    EXPECT_EQ(names("services", "Filter: host_name = nosuch"), Names({}));
    EXPECT_EQ(names("hosts", "Filter: name = db1\nFilter: state = 1"), Names({}));
    EXPECT_EQ(names("hosts", "Filter: name = db1"), Names({"db1"}));
}

TEST_F(FilterTest, BadFiltersAreClearErrors) {
    EXPECT_EQ(site.ask("GET hosts\nFilter: nosuch = 1").status, 404);
    EXPECT_EQ(site.ask("GET hosts\nFilter: name === x").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nFilter: name ~ (unclosed").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nFilter: state = abc").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nFilter:").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nAnd: 5").status, 400);
    EXPECT_EQ(site.ask("GET hosts\nNegate:").status, 400);
}

}  // namespace
}  // namespace yagura::test
