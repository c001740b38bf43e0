// The log table: log broks written to history files, read back by time range, parsed into
// columns; rotation and pruning of the files.
#include <filesystem>
#include <unistd.h>

#include <gtest/gtest.h>

#include <yagura/modules/brokerstate/log_store.hpp>

#include "../livestatus/sample_site.hpp"

namespace yagura::test {
namespace {

namespace fs = std::filesystem;

class LogTest : public ::testing::Test {
protected:
    LogTest() {
        dir_ = fs::temp_directory_path() /
               ("yagura-log-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
    }
    ~LogTest() override { fs::remove_all(dir_); }

    std::vector<ls::LogEntry> read(bs::LogStore& store, double since, double until) {
        std::vector<ls::LogEntry> out;
        store.for_each(since, until, [&](const ls::LogEntry& e) {
            out.push_back(e);
            return true;
        });
        return out;
    }

    fs::path dir_;
};

TEST(LogParse, ClassifiesNagiosLines) {
    auto alert = bs::parse_log_message(
        "SERVICE ALERT: web1;HTTP;CRITICAL;SOFT;2;Connection refused; retrying", 5);
    EXPECT_EQ(alert.log_class, ls::LogClass::alert);
    EXPECT_EQ(alert.type, "SERVICE ALERT");
    EXPECT_EQ(alert.host_name, "web1");
    EXPECT_EQ(alert.service_description, "HTTP");
    EXPECT_EQ(alert.state, 2);
    EXPECT_EQ(alert.state_type, "SOFT");
    EXPECT_EQ(alert.attempt, 2);
    EXPECT_EQ(alert.plugin_output, "Connection refused; retrying");
    EXPECT_EQ(alert.time, 5);

    auto host = bs::parse_log_message("HOST ALERT: db1;DOWN;HARD;3;PING CRITICAL", 0);
    EXPECT_EQ(host.state, 1);
    EXPECT_EQ(host.service_description, "");

    auto note = bs::parse_log_message(
        "SERVICE NOTIFICATION: alice;web1;HTTP;ACKNOWLEDGEMENT (CRITICAL);notify-by-email;down", 0);
    EXPECT_EQ(note.log_class, ls::LogClass::notification);
    EXPECT_EQ(note.contact_name, "alice");
    EXPECT_EQ(note.command_name, "notify-by-email");
    EXPECT_EQ(note.state, 2);
    EXPECT_EQ(note.state_type, "ACKNOWLEDGEMENT (CRITICAL)");

    auto passive = bs::parse_log_message("PASSIVE SERVICE CHECK: web1;Backup;1;late", 0);
    EXPECT_EQ(passive.log_class, ls::LogClass::passive_check);
    EXPECT_EQ(passive.state, 1);

    auto command = bs::parse_log_message(
        "EXTERNAL COMMAND: ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;2;1;0;alice;on it", 0);
    EXPECT_EQ(command.log_class, ls::LogClass::command);
    EXPECT_EQ(command.host_name, "web1");
    EXPECT_EQ(command.service_description, "HTTP");

    auto state = bs::parse_log_message("CURRENT HOST STATE: web1;UP;HARD;1;PING OK", 0);
    EXPECT_EQ(state.log_class, ls::LogClass::state);
    EXPECT_EQ(bs::parse_log_message("Shinken starting... (yagura)", 0).log_class,
              ls::LogClass::program);
    EXPECT_EQ(bs::parse_log_message("Warning: something odd", 0).log_class, ls::LogClass::info);
    // Short and broken lines never crash and keep their text.
    EXPECT_EQ(bs::parse_log_message("SERVICE ALERT: x", 0).host_name, "x");
    EXPECT_EQ(bs::parse_log_message("", 0).message, "");
}

TEST_F(LogTest, LogBroksAreQueriedByTimeRange) {
    core::FakeClock clock(1700000000);
    bs::BrokerState state(clock, bs::BrokerStateSettings{{dir_}});
    for (const auto& b : sample_dump()) {
        state.apply(b);
    }
    ls::Livestatus livestatus(state, nullptr, clock);
    state.apply(brok("log", {{"log", "SERVICE ALERT: web1;HTTP;CRITICAL;HARD;3;refused"},
                             {"time", 1700000100}}));
    state.apply(brok("log", {{"log", "[1700000200] HOST ALERT: web2;DOWN;HARD;1;no ping\n"}}));
    state.apply(
        brok("log", {{"log", "EXTERNAL COMMAND: DISABLE_NOTIFICATIONS"}, {"time", 1700000300}}));
    auto answer = livestatus.answer(
        "GET log\nColumns: time class type host_name service_description state plugin_output "
        "current_host_address\nFilter: time >= 1700000050\nFilter: time <= 1700000250\n"
        "OutputFormat: json");
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(json::parse(answer.body), json::parse(R"([
        [1700000100,1,"SERVICE ALERT","web1","HTTP",2,"refused","10.0.0.1"],
        [1700000200,1,"HOST ALERT","web2","",1,"no ping","10.0.0.2"]])"));
    auto commands =
        livestatus.answer("GET log\nColumns: message\nFilter: class = 5\nOutputFormat: json");
    EXPECT_EQ(json::parse(commands.body),
              json::parse(R"([["EXTERNAL COMMAND: DISABLE_NOTIFICATIONS"]])"));
    // AuthUser: bob sees web2's alert and program-wide lines, not web1's.
    auto bob = livestatus.answer("GET log\nColumns: type\nAuthUser: bob\nOutputFormat: json");
    EXPECT_EQ(json::parse(bob.body), json::parse(R"([["HOST ALERT"],["EXTERNAL COMMAND"]])"));
}

TEST_F(LogTest, HistorySurvivesARestart) {
    {
        bs::LogStore store({dir_});
        store.append(100, "HOST ALERT: a;DOWN;HARD;1;x", 100);
        store.append(200, "HOST ALERT: b;DOWN;HARD;1;y", 200);
    }
    bs::LogStore reopened({dir_});
    auto entries = read(reopened, 0, 1000);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].host_name, "b");
    EXPECT_EQ(entries[1].lineno, 2);
    reopened.append(300, "HOST ALERT: c;UP;HARD;1;z", 300);
    EXPECT_EQ(read(reopened, 250, 1000).size(), 1u);
}

TEST_F(LogTest, RotatesBySizeAndReadsAcrossFiles) {
    bs::LogStore store({dir_, 200, 1u << 20, 1e9});
    for (int i = 0; i < 40; ++i) {
        store.append(1000 + i, "SERVICE ALERT: h;s;OK;HARD;1;line " + std::to_string(i), 1000 + i);
    }
    EXPECT_GT(store.file_count(), 3u);
    auto middle = read(store, 1010, 1019);
    ASSERT_EQ(middle.size(), 10u);
    EXPECT_EQ(middle.front().plugin_output, "line 10");
    EXPECT_EQ(middle.back().plugin_output, "line 19");
    EXPECT_EQ(read(store, 0, 1e10).size(), 40u);
}

TEST_F(LogTest, PrunesOldestFilesPastTotalSizeOrAge) {
    bs::LogStore by_size({dir_, 200, 1000, 1e9});
    for (int i = 0; i < 100; ++i) {
        by_size.append(1000 + i, "SERVICE ALERT: h;s;OK;HARD;1;line " + std::to_string(i),
                       1000 + i);
    }
    EXPECT_LE(by_size.total_bytes(), 1000u + 200u);
    auto kept = read(by_size, 0, 1e10);
    ASSERT_FALSE(kept.empty());
    EXPECT_EQ(kept.back().plugin_output, "line 99");  // the newest are kept
    EXPECT_GT(kept.front().time, 1000);               // the oldest are gone

    fs::remove_all(dir_);
    bs::LogStore by_age({dir_, 60, 1u << 30, 3600});  // two lines a file
    by_age.append(1000, "HOST ALERT: old;DOWN;HARD;1;x", 1000);
    by_age.append(1001, "HOST ALERT: old;DOWN;HARD;1;x", 1001);
    by_age.append(90000, "HOST ALERT: new;UP;HARD;1;y", 90000);
    by_age.append(90001, "HOST ALERT: new;UP;HARD;1;y", 90001);
    auto left = read(by_age, 0, 1e10);
    ASSERT_FALSE(left.empty());
    EXPECT_EQ(left.front().host_name, "new");
}

}  // namespace
}  // namespace yagura::test
