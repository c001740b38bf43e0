#include <filesystem>
#include <fstream>
#include <random>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/modules/logfile/logfile_module.hpp>

#include "time_zone.hpp"

namespace yagura::modules::logfile {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using json = nlohmann::json;
using testing::local_time;
using testing::TimeZone;

Brok brok(const std::string& type, json data, int instance_id = 0) {
    return Brok::single({{"type", type}, {"instance_id", instance_id}, {"data", std::move(data)}});
}

std::vector<std::string> read_lines(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

class LogFileModuleTest : public ::testing::Test {
protected:
    LogFileModuleTest() {
        std::random_device random;
        dir_ = fs::temp_directory_path() / ("yagura-logfile-" + std::to_string(random()));
        fs::create_directories(dir_);
    }
    ~LogFileModuleTest() override { fs::remove_all(dir_); }

    std::unique_ptr<LogFileModule> make(
        std::vector<std::pair<std::string, std::string>> extra = {}) {
        ModuleConfig config{"log", "logfile", std::move(extra)};
        auto module = make_logfile_module(config, {io_, clock_, dir_.string(), "broker"});
        return std::unique_ptr<LogFileModule>(dynamic_cast<LogFileModule*>(module.release()));
    }
    fs::path log() const { return dir_ / "monitoring.log"; }
    fs::path archive(const std::string& name) const { return dir_ / "archives" / name; }
    void stop(Module& module) {
        auto done = asio::co_spawn(io_, module.stop(std::chrono::seconds(1)), asio::use_future);
        io_.restart();
        io_.run();
        done.get();
    }
    // A host and a service of part 0, as a dump describes them.
    void dump(Module& module) {
        module.handle(brok("clean_all_my_instance_id", {}));
        module.handle(brok("initial_host_status", {{"host_name", "web1"},
                                                   {"state", "UP"},
                                                   {"state_type", "HARD"},
                                                   {"attempt", 1},
                                                   {"output", "PING OK"}}));
        module.handle(brok("initial_service_status", {{"host_name", "web1"},
                                                      {"service_description", "HTTP"},
                                                      {"state_id", 2},
                                                      {"state_type_id", 0},
                                                      {"attempt", 2},
                                                      {"output", "refused\nmore lines"}}));
        module.handle(brok("initial_broks_done", {}));
    }

    TimeZone zone_{"Europe/Paris"};
    fs::path dir_;
    asio::io_context io_;
    core::FakeClock clock_{static_cast<double>(local_time(2023, 11, 21, 23, 59, 0))};
};

TEST_F(LogFileModuleTest, LogBroksBecomeNagiosLines) {
    auto module = make();
    module->start();
    module->handle(brok("log", {{"log", "SERVICE ALERT: web1;HTTP;CRITICAL;HARD;3;refused\n"},
                                {"time", 1700000000.6}}));
    module->handle(brok("log", {{"log", "[1700000001] HOST ALERT: web1;DOWN;SOFT;1;timeout"}}));
    clock_.set(1700000002);
    module->handle(brok("log", {{"log", "EXTERNAL COMMAND: DISABLE_NOTIFICATIONS"}}));
    module->handle(brok("log", {{"time", 1}}));  // nothing to log
    stop(*module);
    auto start = std::to_string(local_time(2023, 11, 21, 23, 59, 0));
    EXPECT_THAT(read_lines(log()),
                ElementsAre("[" + start + "] LOG VERSION: 2.0",
                            "[1700000000] SERVICE ALERT: web1;HTTP;CRITICAL;HARD;3;refused",
                            "[1700000001] HOST ALERT: web1;DOWN;SOFT;1;timeout",
                            "[1700000002] EXTERNAL COMMAND: DISABLE_NOTIFICATIONS"));
}

TEST_F(LogFileModuleTest, APartsDumpWritesTheCurrentStatesOfItsElements) {
    auto module = make();
    module->start();
    dump(*module);
    module->handle(brok("initial_host_status", {{"host_name", "other"}, {"state_id", 1}}, 1));
    module->handle(brok("initial_broks_done", {}, 1));
    stop(*module);
    auto now = std::to_string(clock_.now_seconds());
    EXPECT_THAT(
        read_lines(log()),
        ElementsAre(HasSubstr("LOG VERSION: 2.0"),
                    "[" + now + "] CURRENT HOST STATE: web1;UP;HARD;1;PING OK",
                    "[" + now + "] CURRENT SERVICE STATE: web1;HTTP;CRITICAL;SOFT;2;refused",
                    "[" + now + "] CURRENT HOST STATE: other;DOWN;HARD;1;"));
}

TEST_F(LogFileModuleTest, RotatesAtLocalMidnightIntoANagiosNamedArchive) {
    auto module = make();
    module->start();
    dump(*module);
    module->handle(brok("service_check_result", {{"host_name", "web1"},
                                                 {"service_description", "HTTP"},
                                                 {"state", "OK"},
                                                 {"state_type", "HARD"},
                                                 {"attempt", 1},
                                                 {"output", "HTTP OK"}}));
    module->handle(brok(
        "log", {{"log", "SERVICE ALERT: web1;HTTP;OK;HARD;1;HTTP OK"}, {"time", clock_.now()}}));
    auto midnight = local_time(2023, 11, 22, 0);
    EXPECT_EQ(module->next_rotation(), midnight);

    clock_.set(static_cast<double>(midnight) + 2);
    module->tick(clock_.now());
    auto stamp = "[" + std::to_string(midnight) + "] ";
    auto archived = read_lines(archive("yagura-11-22-2023-00.log"));
    ASSERT_EQ(archived.size(), 4u);
    EXPECT_THAT(archived[3], HasSubstr("SERVICE ALERT: web1;HTTP;OK;HARD;1;HTTP OK"));
    EXPECT_THAT(read_lines(log()),
                ElementsAre(stamp + "LOG ROTATION: DAILY", stamp + "LOG VERSION: 2.0",
                            stamp + "CURRENT HOST STATE: web1;UP;HARD;1;PING OK",
                            stamp + "CURRENT SERVICE STATE: web1;HTTP;OK;HARD;1;HTTP OK"));
    EXPECT_EQ(module->next_rotation(), local_time(2023, 11, 23, 0));
    EXPECT_EQ(module->stats()["rotations"], 1);

    // The next brok after the following midnight rotates too, without a tick.
    clock_.set(static_cast<double>(local_time(2023, 11, 23, 0, 0, 30)));
    module->handle(brok("log", {{"log", "HOST ALERT: web1;DOWN;HARD;3;gone"}}));
    stop(*module);
    EXPECT_TRUE(fs::exists(archive("yagura-11-23-2023-00.log")));
    EXPECT_THAT(read_lines(log()).back(), HasSubstr("HOST ALERT: web1;DOWN;HARD;3;gone"));
}

TEST_F(LogFileModuleTest, ALogFromAnEarlierDayIsArchivedAtStart) {
    {
        std::ofstream old(log());
        old << "[1700000000] SERVICE ALERT: a;b;OK;HARD;1;old day\n";
    }
    // Last written two days before the (fake) now.
    auto written = std::chrono::system_clock::from_time_t(local_time(2023, 11, 19, 15));
    fs::last_write_time(log(), std::chrono::file_clock::from_sys(written));
    auto module = make();
    module->start();
    stop(*module);
    EXPECT_THAT(read_lines(archive("yagura-11-20-2023-00.log")), ElementsAre(HasSubstr("old day")));
    EXPECT_THAT(read_lines(log()), ElementsAre(HasSubstr("LOG VERSION: 2.0")));
}

TEST_F(LogFileModuleTest, AnExistingArchiveIsAppendedToNotReplaced) {
    fs::create_directories(dir_ / "archives");
    {
        std::ofstream existing(archive("yagura-11-22-2023-00.log"));
        existing << "[1] first part\n";
    }
    auto module = make();
    module->start();
    module->handle(brok("log", {{"log", "second part"}, {"time", 2}}));
    clock_.set(static_cast<double>(local_time(2023, 11, 22, 0, 0, 1)));
    module->tick(clock_.now());
    stop(*module);
    EXPECT_THAT(read_lines(archive("yagura-11-22-2023-00.log")),
                ElementsAre("[1] first part", HasSubstr("LOG VERSION"), "[2] second part"));
}

TEST_F(LogFileModuleTest, SettingsAndTheirErrors) {
    auto s = logfile_settings({"log",
                               "logfile",
                               {{"log_file", "var/nagios.log"},
                                {"log_archive_path", "/srv/archives"},
                                {"archive_prefix", "nagios"}}},
                              "/work");
    EXPECT_EQ(s.path, "/work/var/nagios.log");
    EXPECT_EQ(s.archive_path, "/srv/archives");
    EXPECT_EQ(s.archive_prefix, "nagios");
    EXPECT_EQ(logfile_settings({"log", "logfile", {}}, "/w").archive_path, "/w/archives");
    EXPECT_FALSE(logfile_settings({"log", "logfile", {{"log_rotation_method", "n"}}}, "/w").rotate);
    try {
        logfile_settings({"log", "logfile", {{"log_rotation_method", "h"}}}, "/w");
        FAIL() << "hourly rotation accepted";
    } catch (const core::Error& e) {
        EXPECT_THAT(e.what(), HasSubstr("log_rotation_method: 'h'"));
    }
}

TEST_F(LogFileModuleTest, AnUnwritablePlaceStopsTheStartWithThePath) {
    std::ofstream(dir_ / "file") << "x";
    auto module = make({{"path", (dir_ / "file" / "monitoring.log").string()}});
    try {
        module->start();
        FAIL() << "started";
    } catch (const core::Error& e) {
        EXPECT_THAT(e.what(), HasSubstr((dir_ / "file").string()));
    }
}

}  // namespace
}  // namespace yagura::modules::logfile
