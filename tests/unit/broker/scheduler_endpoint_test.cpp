#include "broker/scheduler_endpoint.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>

#include "broker/broker_ini.hpp"

namespace yagura::broker {
namespace {

using ::testing::HasSubstr;

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const core::Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(SchedulerEndpoint, ReadsTheSchedulerListOfAPutConf) {
    auto list = scheduler_endpoints_from_json(nlohmann::json::parse(R"([
        {"part_id": 2, "flavor": "ab12", "name": "scheduler-2", "address": "10.0.0.5",
         "port": 7768, "use_ssl": false, "timeout": 3, "data_timeout": 120},
        {"name": "s3", "address": "sched3.example"}])"));
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].part_id, 2);
    EXPECT_EQ(list[0].flavor, "ab12");
    EXPECT_FALSE(list[0].use_ssl);
    EXPECT_EQ(list[0].endpoint().key(), "10.0.0.5:7768");
    EXPECT_EQ(list[1].port, 7768);
    EXPECT_TRUE(list[1].use_ssl);
    EXPECT_EQ(scheduler_endpoints_from_json(nlohmann::json::array({to_json(list[0])}))[0], list[0]);
    EXPECT_NE(list[0].connection_key(), list[1].connection_key());
}

TEST(SchedulerEndpoint, RefusesABadListNamingTheEntry) {
    EXPECT_THAT(error_of([] { scheduler_endpoints_from_json(nlohmann::json::object()); }),
                HasSubstr("must be a JSON array"));
    EXPECT_THAT(error_of([] {
                    scheduler_endpoints_from_json({{{"name", "s"}}});
                }),
                HasSubstr("no address"));
    EXPECT_THAT(error_of([] {
                    scheduler_endpoints_from_json({{{"address", "a"}, {"port", 70000}}});
                }),
                HasSubstr("port out of range"));
    EXPECT_THAT(error_of([] {
                    scheduler_endpoints_from_json({{{"address", "a"}, {"part_id", "two"}}});
                }),
                HasSubstr("'part_id' has the wrong type"));
}

TEST(BrokerIni, ReadsModulesAndSchedulersForARunWithoutArbiter) {
    auto dir = std::filesystem::temp_directory_path() /
               ("yagura-broker-ini-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto path = dir / "broker.ini";
    std::ofstream(path) << "[daemon]\nport = 7772\n\n"
                           "[module Live]\nmodule_type = livestatus\nport = 50001\n\n"
                           "[scheduler scheduler-1]\naddress = 127.0.0.1\nport = 17768\n"
                           "part_id = 4\n";
    auto ini = load_broker_ini(path.string(), true);
    ASSERT_EQ(ini.modules.size(), 1u);
    EXPECT_EQ(ini.modules[0].name, "live");
    EXPECT_EQ(ini.modules[0].type, "livestatus");
    EXPECT_EQ(ini.modules[0].parameter("port"), "50001");
    ASSERT_EQ(ini.schedulers.size(), 1u);
    EXPECT_EQ(ini.schedulers[0].name, "scheduler-1");
    EXPECT_EQ(ini.schedulers[0].port, 17768);
    EXPECT_EQ(ini.schedulers[0].part_id, 4);
    EXPECT_TRUE(ini.schedulers[0].use_ssl);

    std::ofstream(path) << "[scheduler s]\naddress = a\nport = 99999\n";
    EXPECT_THAT(error_of([&] { load_broker_ini(path.string(), true); }),
                HasSubstr("broker.ini:3: port: '99999' is not valid"));
    std::ofstream(path) << "[module x]\nport = 1\n";
    EXPECT_THAT(error_of([&] { load_broker_ini(path.string(), true); }),
                HasSubstr("[module x] has no module_type"));
    EXPECT_TRUE(load_broker_ini((dir / "absent.ini").string(), true).modules.empty());
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace yagura::broker
