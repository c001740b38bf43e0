// The shard path: a configuration to JSON and back through load_from_json is the same
// model, links included; broken JSON yields errors and nothing else.

#include <nlohmann/json.hpp>

#include <yagura/model/json.hpp>

#include "config_test_util.hpp"
#include "model_compare.hpp"

namespace yagura::config {

namespace testing {

void expect_json_round_trip(const model::Config& config) {
    auto json = model::config_to_json(config);
    auto back = load_from_json(json);
    ASSERT_TRUE(back.ok()) << all_errors(back);
    EXPECT_EQ(all_warnings(back), "");
    ModelCompare(config, *back.config).run();
    // And once more: the JSON of what came back is the JSON that went.
    EXPECT_EQ(model::config_to_json(*back.config), json);
}

}  // namespace testing

namespace {

using testing::all_errors;
using ::testing::HasSubstr;
using testing::load_objects;

TEST(Json, ASmallConfigurationRoundTrips) {
    auto r = load_objects(R"(
define hostgroup {
    hostgroup_name  g
}
define host {
    host_name       a
    hostgroups      g
    _SNMP           public
}
define host {
    host_name       b
    parents         a
}
define service {
    hostgroup_name      g
    service_description s
    check_command       check_ping!1!2
    check_interval      5
    contacts            admin
}
define hostdependency {
    host_name           a
    dependent_host_name b
}
)");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    testing::expect_json_round_trip(*r.config);
}

TEST(Json, ErrorsOfAShardAreListedAndNothingLoads) {
    auto r = load_from_json(nlohmann::json::parse(R"({
        "hosts": [{"host_name": "a", "check_command": "nope"},
                  {"host_name": "b", "max_check_attempts": "three"}]
    })"));
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("hosts[1]: max_check_attempts expects an integer"));
    r = load_from_json(nlohmann::json::parse(R"({
        "hosts": [{"host_name": "a", "check_command": "nope"}]
    })"));
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("host 'a': check_command: unknown command 'nope'"));
    EXPECT_FALSE(load_from_json(nlohmann::json::array()).ok());
}

}  // namespace
}  // namespace yagura::config
