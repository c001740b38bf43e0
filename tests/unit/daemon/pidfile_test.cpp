#include <fstream>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/daemon/pidfile.hpp>

#include "temp_dir.hpp"

namespace yagura::daemon {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::string text;
    std::getline(in, text);
    return text;
}

TEST(PidFile, HoldsThePidAndRefusesASecondInstance) {
    TempDir dir;
    auto path = dir / "schedulerd.pid";
    {
        PidFile first(path);
        EXPECT_EQ(read(path), std::to_string(::getpid()));
        try {
            PidFile second(path);
            FAIL() << "a second instance got the pidfile";
        } catch (const core::Error& e) {
            EXPECT_EQ(e.kind(), core::ErrorKind::conflict);
            EXPECT_THAT(e.what(), HasSubstr("pid " + std::to_string(::getpid())));
            EXPECT_THAT(e.what(), HasSubstr(path));
        }
        EXPECT_EQ(read(path), std::to_string(::getpid()));  // the refusal changed nothing
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(PidFile, TakesOverAStaleFileLeftByACrash) {
    TempDir dir;
    auto path = dir.write("pollerd.pid", "999999\n");
    PidFile pidfile(path);
    EXPECT_EQ(read(path), std::to_string(::getpid()));
}

TEST(PidFile, UnwritableLocationIsAClearError) {
    EXPECT_THROW(PidFile("/nonexistent-dir/x.pid"), core::Error);
}

}  // namespace
}  // namespace yagura::daemon
