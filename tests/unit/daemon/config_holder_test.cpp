#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/daemon/managed_config.hpp>

namespace yagura::daemon {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

json arbiter(const std::string& name, std::int64_t epoch) {
    return {{"name", name}, {"epoch", epoch}};
}

json scheduler_push(std::int64_t epoch, std::int64_t part, const std::string& flavor,
                    bool with_objects = true) {
    json p = {{"part_id", part}, {"flavor", flavor}, {"realm", "All"}};
    if (with_objects) {
        p["objects"] = {{"hosts", json::array({{{"host_name", "web"}}})}};
    }
    return {{"arbiter", arbiter("arbiter-master", epoch)},
            {"kind", "scheduler"},
            {"part", p},
            {"instance_name", "scheduler-1"}};
}

json poller_push(std::int64_t epoch, const std::string& scheduler, std::uint16_t port) {
    return {{"arbiter", arbiter("arbiter-master", epoch)},
            {"kind", "poller"},
            {"schedulers", json::array({{{"part_id", 1},
                                         {"flavor", "f1"},
                                         {"name", scheduler},
                                         {"address", "127.0.0.1"},
                                         {"port", port}}})},
            {"link", {{"poller_tags", {"None"}}}}};
}

TEST(ConfigHolder, ASchedulerKeepsItsPartAndReportsIt) {
    ConfigHolder holder("scheduler");
    EXPECT_FALSE(holder.have_conf(std::nullopt));
    auto out = holder.put_conf(scheduler_push(100, 3, "abc"), 1.0);
    EXPECT_EQ(out.response.status, 200);
    EXPECT_TRUE(out.changed);
    EXPECT_EQ(holder.what_i_managed(), json({{"3", "abc"}}));
    EXPECT_TRUE(holder.have_conf("abc"));
    EXPECT_FALSE(holder.have_conf("other"));
    EXPECT_EQ(holder.current().objects->at("hosts").size(), 1u);
    EXPECT_EQ(holder.stats()["hosts"], 1);

    // The same part again changes nothing (no reload for the role).
    EXPECT_FALSE(holder.put_conf(scheduler_push(100, 3, "abc"), 2.0).changed);
    // A new flavor replaces it.
    EXPECT_TRUE(holder.put_conf(scheduler_push(100, 3, "def"), 3.0).changed);
    EXPECT_EQ(holder.what_i_managed(), json({{"3", "def"}}));
}

TEST(ConfigHolder, APushFromAnOlderEpochIsRefusedAndChangesNothing) {
    ConfigHolder holder("scheduler");
    ASSERT_TRUE(holder.put_conf(scheduler_push(200, 1, "new"), 1.0).changed);
    auto stale = scheduler_push(150, 1, "old");
    stale["arbiter"]["name"] = "arbiter-old";
    auto out = holder.put_conf(stale, 2.0);
    EXPECT_EQ(out.response.status, 409);
    EXPECT_FALSE(out.changed);
    auto answer = json::parse(out.response.body);
    EXPECT_EQ(answer["accepted_epoch"], 200);
    EXPECT_EQ(answer["accepted_from"], "arbiter-master");
    EXPECT_THAT(answer["detail"].get<std::string>(),
                HasSubstr("arbiter 'arbiter-old' pushes with epoch 150"));
    EXPECT_EQ(holder.what_i_managed(), json({{"1", "new"}}));

    json idle_request = {{"arbiter", arbiter("arbiter-old", 150)}};
    EXPECT_EQ(holder.wait_new_conf(idle_request).response.status, 409);
    EXPECT_EQ(holder.remove_from_conf({{"arbiter", arbiter("arbiter-old", 150)}, {"part_id", 1}})
                  .response.status,
              409);
    EXPECT_TRUE(holder.have_conf(std::nullopt));

    // A newer arbiter (a spare that took over) is accepted.
    EXPECT_TRUE(holder.wait_new_conf({{"arbiter", arbiter("arbiter-spare", 300)}}).changed);
    EXPECT_EQ(holder.accepted_epoch(), 300);
    EXPECT_EQ(holder.accepted_from(), "arbiter-spare");
}

TEST(ConfigHolder, APartWithoutObjectsConfirmsWhatTheSchedulerRuns) {
    ConfigHolder holder("scheduler");
    auto out = holder.put_conf(scheduler_push(10, 1, "abc", false), 1.0);
    EXPECT_EQ(out.response.status, 412) << "nothing to confirm: the content is needed";
    ASSERT_TRUE(holder.put_conf(scheduler_push(10, 1, "abc"), 1.0).changed);
    out = holder.put_conf(scheduler_push(20, 1, "abc", false), 2.0);
    EXPECT_EQ(out.response.status, 200);
    EXPECT_FALSE(out.changed);
    EXPECT_EQ(holder.accepted_epoch(), 20);
    EXPECT_EQ(holder.put_conf(scheduler_push(20, 1, "xyz", false), 3.0).response.status, 412);
}

TEST(ConfigHolder, WaitNewConfAndRemoveFromConfIdleAScheduler) {
    ConfigHolder holder("scheduler");
    holder.put_conf(scheduler_push(10, 1, "abc"), 1.0);
    EXPECT_FALSE(holder.remove_from_conf({{"part_id", 2}}).changed);
    EXPECT_TRUE(holder.remove_from_conf({{"part_id", 1}}).changed);
    EXPECT_EQ(holder.what_i_managed(), json::object());
    holder.put_conf(scheduler_push(10, 1, "abc"), 1.0);
    EXPECT_TRUE(holder.wait_new_conf(json::object()).changed);
    EXPECT_FALSE(holder.have_conf(std::nullopt));
    EXPECT_FALSE(holder.wait_new_conf(json::object()).changed);
}

TEST(ConfigHolder, ASatelliteKeepsItsSchedulerListAndLink) {
    ConfigHolder holder("poller");
    auto out = holder.put_conf(poller_push(5, "scheduler-1", 7768), 1.0);
    ASSERT_TRUE(out.changed);
    EXPECT_EQ(holder.what_i_managed(), json({{"1", "f1"}}));
    ASSERT_EQ(holder.current().schedulers.size(), 1u);
    EXPECT_EQ(holder.current().schedulers[0].name, "scheduler-1");
    EXPECT_EQ(holder.current().link->at("poller_tags"), json({"None"}));
    EXPECT_EQ(holder.stats()["schedulers"][0]["port"], 7768);

    EXPECT_FALSE(holder.put_conf(poller_push(5, "scheduler-1", 7768), 2.0).changed);
    // The part moved to a spare: same part and flavor, another scheduler.
    EXPECT_TRUE(holder.put_conf(poller_push(5, "scheduler-spare", 17768), 3.0).changed);
    EXPECT_EQ(holder.current().schedulers[0].name, "scheduler-spare");
    EXPECT_TRUE(holder.remove_from_conf({{"part_id", 1}}).changed);
    EXPECT_TRUE(holder.current().schedulers.empty());
}

TEST(ConfigHolder, AReceiverTakesItsHostMapBothWays) {
    ConfigHolder holder("receiver");
    json push = {{"arbiter", arbiter("a", 1)},
                 {"kind", "receiver"},
                 {"schedulers", json::array()},
                 {"host_map", {{"web", 1}, {"db", 2}}}};
    ASSERT_TRUE(holder.put_conf(push, 1.0).changed);
    EXPECT_EQ(holder.current().host_map.at("db"), 2);
    ASSERT_TRUE(holder.push_host_names({{"part_id", 2}, {"hosts", {"mail", "dns"}}}).changed);
    EXPECT_EQ(holder.current().host_map.count("db"), 0u);
    EXPECT_EQ(holder.current().host_map.at("dns"), 2);
    EXPECT_EQ(holder.current().host_map.at("web"), 1);
    EXPECT_EQ(holder.stats()["hosts"], 3);
}

TEST(ConfigHolder, BadBodiesAreRefusedWithAClearErrorAndChangeNothing) {
    ConfigHolder holder("scheduler");
    holder.put_conf(scheduler_push(10, 1, "abc"), 1.0);
    auto expect_bad = [&](const json& body, const std::string& text) {
        try {
            holder.put_conf(body, 2.0);
            ADD_FAILURE() << "accepted " << body.dump();
        } catch (const core::Error& e) {
            EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);
            EXPECT_THAT(e.what(), HasSubstr(text));
        }
    };
    expect_bad(json::object(), "must name the pushing arbiter");
    auto wrong_kind = poller_push(10, "s", 1);
    expect_bad(wrong_kind, "put_conf for a poller sent to a scheduler");
    auto no_part = scheduler_push(10, 2, "x");
    no_part.erase("part");
    expect_bad(no_part, "missing \"part\"");
    auto bad_id = scheduler_push(10, 2, "x");
    bad_id["part"]["part_id"] = "two";
    expect_bad(bad_id, "\"part_id\" must be an integer");
    auto bad_epoch = scheduler_push(10, 2, "x");
    bad_epoch["arbiter"]["epoch"] = "soon";
    expect_bad(bad_epoch, "\"epoch\" must be an integer");
    EXPECT_EQ(holder.what_i_managed(), json({{"1", "abc"}}));
}

}  // namespace
}  // namespace yagura::daemon
