#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/modules/graphite/graphite_module.hpp>

#include "carbon_sink.hpp"

namespace yagura::modules::graphite {
namespace {

namespace asio = boost::asio;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;
using json = nlohmann::json;

Brok brok(const std::string& type, json data, int instance_id = 0) {
    return Brok::single({{"type", type}, {"instance_id", instance_id}, {"data", std::move(data)}});
}

class GraphiteModuleTest : public ::testing::Test {
protected:
    std::unique_ptr<Module> make(std::vector<std::pair<std::string, std::string>> extra = {}) {
        ModuleConfig config{"graphite",
                            "graphite",
                            {{"host", "127.0.0.1"}, {"port", std::to_string(sink_.port())}}};
        for (auto& parameter : extra) {
            config.parameters.push_back(std::move(parameter));
        }
        auto module = make_graphite_module(config, context_);
        module->start();
        return module;
    }
    std::vector<std::string> received(std::size_t count) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (sink_.lines().size() < count && std::chrono::steady_clock::now() < deadline) {
            io_.restart();
            io_.run_for(std::chrono::milliseconds(20));
        }
        return sink_.lines();
    }
    void stop(Module& module) {
        auto done = asio::co_spawn(io_, module.stop(std::chrono::seconds(5)), asio::use_future);
        while (done.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            io_.restart();
            io_.run_for(std::chrono::milliseconds(20));
        }
    }

    asio::io_context io_;
    core::FakeClock clock_{1'700'000'500};
    ModuleContext context_{io_, clock_, "/tmp", "broker-test"};
    testing::CarbonSink sink_;
};

TEST_F(GraphiteModuleTest, ServiceMetricsAreNamedFromTheStatusCustomVariables) {
    auto module = make();
    module->handle(brok("initial_host_status", {{"host_name", "web-1.example"},
                                                {"customs", {{"_GRAPHITE_PRE", "prod"}}}}));
    module->handle(brok("initial_service_status", {{"host_name", "web-1.example"},
                                                   {"service_description", "Ping 4"},
                                                   {"customs", {{"_GRAPHITE_POST", "lan"}}}}));
    module->handle(brok("service_check_result", {{"host_name", "web-1.example"},
                                                 {"service_description", "Ping 4"},
                                                 {"perf_data", "rta=0.25ms;100;500;0; pl=0%;20;60"},
                                                 {"last_chk", 1700000100.7},
                                                 {"latency", 0.3}}));
    EXPECT_THAT(received(6), ElementsAre("prod.web-1_example.Ping_4.lan.rta 0.25 1700000100",
                                         "prod.web-1_example.Ping_4.lan.rta_warn 100 1700000100",
                                         "prod.web-1_example.Ping_4.lan.rta_crit 500 1700000100",
                                         "prod.web-1_example.Ping_4.lan.pl 0 1700000100",
                                         "prod.web-1_example.Ping_4.lan.pl_warn 20 1700000100",
                                         "prod.web-1_example.Ping_4.lan.pl_crit 60 1700000100"));
    stop(*module);
}

TEST_F(GraphiteModuleTest, HostMetricsGoUnderHostWithTheDataSource) {
    auto module = make({{"graphite_data_source", "yagura"}, {"ignore_latency_limit", "10"}});
    module->handle(
        brok("initial_host_status", {{"host_name", "db1"}, {"customs", {{"GRAPHITE_PRE", "eu"}}}}));
    module->handle(brok("host_check_result", {{"host_name", "db1"},
                                              {"perf_data", "rta=1.5ms;;; pl=0%"},
                                              {"last_chk", 1700000100},
                                              {"latency", 2}}));
    EXPECT_THAT(received(2), ElementsAre("eu.db1.yagura.__HOST__.rta 1.5 1700000098",
                                         "eu.db1.yagura.__HOST__.pl 0 1700000098"));
    stop(*module);
}

TEST_F(GraphiteModuleTest, UpdatesReplaceCustomsAndANewDumpForgetsThePart) {
    auto module = make({{"send_warning", "0"}, {"send_critical", "0"}});
    module->handle(brok("initial_host_status",
                        {{"host_name", "h"}, {"customs", {{"_GRAPHITE_PRE", "old"}}}}, 3));
    module->handle(brok("update_host_status",
                        {{"host_name", "h"}, {"customs", {{"_GRAPHITE_PRE", "new"}}}}, 3));
    module->handle(brok("host_check_result",
                        {{"host_name", "h"}, {"perf_data", "x=1"}, {"last_chk", 1700000000}}, 3));
    module->handle(brok("clean_all_my_instance_id", json::object(), 3));
    module->handle(brok("host_check_result",
                        {{"host_name", "h"}, {"perf_data", "x=2"}, {"last_chk", 1700000001}}, 3));
    EXPECT_THAT(received(2),
                ElementsAre("new.h.__HOST__.x 1 1700000000", "h.__HOST__.x 2 1700000001"));
    stop(*module);
}

TEST_F(GraphiteModuleTest, ElementsWithoutProcessPerfDataSendNothing) {
    auto module = make();
    module->handle(
        brok("initial_service_status",
             {{"host_name", "h"}, {"service_description", "s"}, {"process_perf_data", false}}));
    module->handle(brok("service_check_result", {{"host_name", "h"},
                                                 {"service_description", "s"},
                                                 {"perf_data", "x=1"},
                                                 {"last_chk", 1700000000}}));
    module->handle(brok("service_check_result", {{"host_name", "h"},
                                                 {"service_description", "other"},
                                                 {"perf_data", "y=2"}}));  // no last_chk: now
    EXPECT_THAT(received(1), ElementsAre("h.other.y 2 1700000500"));
    auto stats = module->stats();
    EXPECT_EQ(stats["skipped_no_perf_data"], 1);
    EXPECT_EQ(stats["check_results"], 2);
    EXPECT_EQ(stats["carbon"]["connected"], true);
    stop(*module);
}

TEST_F(GraphiteModuleTest, OnlyTheBroksItNeedsAreWanted) {
    auto module = make();
    EXPECT_TRUE(module->wants("service_check_result"));
    EXPECT_TRUE(module->wants("initial_host_status"));
    EXPECT_FALSE(module->wants("log"));
    EXPECT_FALSE(module->wants("initial_contact_status"));
    stop(*module);
}

TEST_F(GraphiteModuleTest, BadParametersAreRefusedByName) {
    auto error = [&](std::vector<std::pair<std::string, std::string>> parameters) {
        try {
            make_graphite_module({"g", "graphite", std::move(parameters)}, context_);
        } catch (const core::Error& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    EXPECT_THAT(error({{"port", "two thousand"}}), HasSubstr("module 'g': port"));
    EXPECT_THAT(error({{"use_pickle", "1"}}), HasSubstr("plaintext protocol"));
    EXPECT_THAT(error({{"buffer_size", "lots"}}), HasSubstr("buffer_size"));
    std::vector<std::string> unused;
    auto settings = graphite_settings({"g", "graphite", {{"tick_limit", "300"}}}, &unused);
    EXPECT_THAT(unused, ElementsAre("tick_limit"));
    EXPECT_EQ(settings.carbon.port, 2003);
    EXPECT_EQ(settings.carbon.host, "localhost");
}

}  // namespace
}  // namespace yagura::modules::graphite
