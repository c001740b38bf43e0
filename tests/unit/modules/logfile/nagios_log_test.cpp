#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/modules/logfile/nagios_log.hpp>

#include "time_zone.hpp"

namespace yagura::modules::logfile {
namespace {

using testing::local_time;
using testing::TimeZone;

TEST(NagiosLog, CurrentStateLinesHaveNagiosFields) {
    EXPECT_EQ(current_state_message({"web1", "", 0, true, 1, "PING OK - rta 0.1 ms"}),
              "CURRENT HOST STATE: web1;UP;HARD;1;PING OK - rta 0.1 ms");
    EXPECT_EQ(current_state_message({"web1", "HTTP", 2, false, 2, "Connection refused"}),
              "CURRENT SERVICE STATE: web1;HTTP;CRITICAL;SOFT;2;Connection refused");
    EXPECT_EQ(current_state_message({"db", "", 2, true, 3, ""}),
              "CURRENT HOST STATE: db;UNREACHABLE;HARD;3;");
}

TEST(NagiosLog, StateNamesFollowNagiosWithPendingAsOkOrUp) {
    EXPECT_EQ(state_name(true, 1), "DOWN");
    EXPECT_EQ(state_name(true, 4), "UP");
    EXPECT_EQ(state_name(false, 1), "WARNING");
    EXPECT_EQ(state_name(false, 3), "UNKNOWN");
    EXPECT_EQ(state_name(false, 4), "OK");
}

TEST(NagiosLog, OneEventIsOneLine) {
    EXPECT_EQ(log_line(1700000000, "SERVICE ALERT: h;s;CRITICAL;HARD;3;down\n"),
              "[1700000000] SERVICE ALERT: h;s;CRITICAL;HARD;3;down\n");
    EXPECT_EQ(log_line(1700000000, "EXTERNAL COMMAND: X;a\nb\r\n"),
              "[1700000000] EXTERNAL COMMAND: X;a\\nb\n");
}

TEST(NagiosLog, ArchivesAreNamedAfterTheRotationLikeNagios) {
    TimeZone zone("Europe/Paris");
    EXPECT_EQ(archive_name("yagura", local_time(2023, 11, 22, 0)), "yagura-11-22-2023-00.log");
    EXPECT_EQ(archive_name("nagios", local_time(2024, 1, 5, 13, 30)), "nagios-01-05-2024-13.log");
}

TEST(NagiosLog, MidnightsAreLocalAndRespectDaylightSavingDays) {
    TimeZone zone("Europe/Paris");
    auto noon = local_time(2023, 3, 26, 12);  // clocks went forward at 02:00: a 23-hour day
    EXPECT_EQ(last_midnight(noon), local_time(2023, 3, 26, 0));
    EXPECT_EQ(next_midnight(noon), local_time(2023, 3, 27, 0));
    EXPECT_EQ(next_midnight(local_time(2023, 3, 26, 0)) - local_time(2023, 3, 26, 0), 23 * 3600);
    EXPECT_EQ(next_midnight(local_time(2023, 12, 31, 23, 59, 59)), local_time(2024, 1, 1, 0));
    EXPECT_EQ(last_midnight(local_time(2024, 1, 1, 0)), local_time(2024, 1, 1, 0));
    TimeZone tokyo("Asia/Tokyo");
    auto t = local_time(2023, 6, 1, 8);
    EXPECT_EQ(next_midnight(t) - t, 16 * 3600);
}

}  // namespace
}  // namespace yagura::modules::logfile
