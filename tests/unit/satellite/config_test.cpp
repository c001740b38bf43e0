#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/satellite/config.hpp>

namespace yagura::satellite {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

json scheduler(int port, std::string name = "scheduler-1") {
    return {{"part_id", 3},          {"flavor", "ab12"},   {"name", std::move(name)},
            {"address", "10.0.0.5"}, {"port", port},       {"use_ssl", true},
            {"timeout", 3},          {"data_timeout", 120}};
}

std::string error_of(const json& body, Role role = Role::poller) {
    try {
        parse_satellite_config(body, role);
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);
        return e.what();
    }
    return "no error";
}

TEST(SatelliteConfig, ReadsSchedulersAndLink) {
    json body = {{"schedulers", {scheduler(7768), scheduler(17768, "scheduler-2")}},
                 {"link",
                  {{"poller_name", "poller-east"},
                   {"poller_tags", {"None", "DMZ"}},
                   {"max_workers", 4},
                   {"processes_by_worker", "8"},  // the text of the configuration works too
                   {"results_batch", 50},
                   {"spare", 0}}}};  // other link attributes are not the satellite's business
    auto config = parse_satellite_config(body, Role::poller);
    ASSERT_EQ(config.schedulers.size(), 2U);
    const auto& first = config.schedulers[0];
    EXPECT_EQ(first.part_id, 3);
    EXPECT_EQ(first.flavor, "ab12");
    EXPECT_EQ(first.name, "scheduler-1");
    EXPECT_EQ(first.address, "10.0.0.5");
    EXPECT_EQ(first.port, 7768);
    EXPECT_TRUE(first.use_ssl);
    EXPECT_EQ(config.schedulers[1].port, 17768);
    EXPECT_EQ(config.link.name, "poller-east");
    EXPECT_THAT(config.link.tags, ElementsAre("None", "DMZ"));
    EXPECT_EQ(config.link.max_workers, 4);
    EXPECT_EQ(config.link.processes_by_worker, 8);
    EXPECT_EQ(config.link.results_batch, 50);
}

TEST(SatelliteConfig, DefaultsAreTheModelsAndTagsMayBeText) {
    auto config = parse_satellite_config(
        {{"schedulers", json::array()}, {"link", {{"reactionner_tags", "None, mail"}}}},
        Role::reactionner);
    EXPECT_TRUE(config.schedulers.empty());
    EXPECT_THAT(config.link.tags, ElementsAre("None", "mail"));
    EXPECT_EQ(config.link.max_workers, 0);
    EXPECT_EQ(config.link.processes_by_worker, 256);
    EXPECT_EQ(config.link.results_batch, 0);
    // A poller does not read reactionner_tags: untagged checks only.
    auto poller = parse_satellite_config({{"link", {{"reactionner_tags", "mail"}}}}, Role::poller);
    EXPECT_THAT(poller.link.tags, ElementsAre("None"));
}

TEST(SatelliteConfig, BadInputNamesTheField) {
    EXPECT_THAT(error_of(json::array()), HasSubstr("configuration: expects an object"));
    EXPECT_THAT(error_of({{"schedulers", {scheduler(70000)}}}),
                HasSubstr("schedulers[0].port: 70000 is out of range"));
    EXPECT_THAT(error_of({{"schedulers", {{{"name", "s"}, {"port", 7768}}}}}),
                HasSubstr("schedulers[0].address: is required"));
    EXPECT_THAT(error_of({{"schedulers", {scheduler(7768), scheduler(7768)}}}),
                HasSubstr("schedulers[1]: scheduler scheduler-1 is listed twice"));
    EXPECT_THAT(error_of({{"link", {{"max_workers", "many"}}}}),
                HasSubstr("link.max_workers: expects a number, got \"many\""));
    EXPECT_THAT(error_of({{"link", {{"processes_by_worker", 0}}}}),
                HasSubstr("link.processes_by_worker: 0 is out of range"));
    EXPECT_THAT(error_of({{"link", {{"poller_tags", "DMZ&x=1"}}}}),
                HasSubstr("link.poller_tags: tag \"DMZ&x=1\""));
    EXPECT_THAT(error_of({{"schedulers", {{{"address", "a"}, {"use_ssl", "maybe"}}}}}),
                HasSubstr("schedulers[0].use_ssl"));
}

TEST(SatelliteConfig, RoundTripsThroughJson) {
    json body = {{"schedulers", {scheduler(7768)}},
                 {"link", {{"poller_tags", {"DMZ"}}, {"max_q_size", 10}}}};
    auto config = parse_satellite_config(body, Role::poller);
    auto again = parse_satellite_config(to_json(config, Role::poller), Role::poller);
    EXPECT_EQ(to_json(again, Role::poller), to_json(config, Role::poller));
    EXPECT_THAT(again.link.tags, ElementsAre("DMZ"));
    EXPECT_EQ(again.link.max_q_size, 10);
}

TEST(SatelliteConfig, SamePeerDespiteNewPart) {
    SchedulerEntry a{.part_id = 1, .flavor = "x", .name = "s1", .address = "h", .port = 1};
    SchedulerEntry b = a;
    b.part_id = 2;
    b.flavor = "y";
    EXPECT_EQ(a.peer_key(), b.peer_key());
    b.port = 2;
    EXPECT_NE(a.peer_key(), b.peer_key());
    b = a;
    b.use_ssl = true;
    EXPECT_NE(a.peer_key(), b.peer_key());
}

TEST(Capacity, ProductOfWorkersAndProcesses) {
    WorkerSettings link;  // the defaults: one worker per CPU, 256 each
    auto capacity = capacity_of(link, 2);
    EXPECT_EQ(capacity.workers, 2U);
    EXPECT_EQ(capacity.running, 2U * 256U);
    EXPECT_EQ(capacity.queued, 0U);  // ask only for what can start now

    link.max_workers = 30;  // Shinken's default, for those who set it
    EXPECT_EQ(capacity_of(link, 2).running, 30U * 256U);

    link.max_workers = 2;
    link.processes_by_worker = 3;
    EXPECT_EQ(capacity_of(link, 8).running, 6U);

    link.min_workers = 5;  // min_workers wins over a smaller max_workers, as in Shinken
    EXPECT_EQ(capacity_of(link, 8).workers, 5U);

    link = {};
    link.max_workers = 0;  // no maximum: min_workers, and 0 there is one per CPU
    link.processes_by_worker = 10;
    EXPECT_EQ(capacity_of(link, 8).workers, 8U);
    link.min_workers = 3;
    EXPECT_EQ(capacity_of(link, 8).workers, 3U);
}

TEST(Capacity, QueueFromMaxQSizeElseQFactor) {
    WorkerSettings link;
    link.max_workers = 2;
    link.processes_by_worker = 4;
    link.q_factor = 3;
    EXPECT_EQ(capacity_of(link, 1).queued, 24U);
    link.max_q_size = 5;  // wins over q_factor
    EXPECT_EQ(capacity_of(link, 1).queued, 5U);
    EXPECT_EQ(capacity_of(link, 1).total(), 13U);
}

}  // namespace
}  // namespace yagura::satellite
