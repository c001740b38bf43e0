#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>

namespace yagura::core {
namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

class LoggingTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("yagura-logging-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override {
        configure_logging(LogSettings{});
        std::filesystem::remove_all(dir_);
    }
    std::filesystem::path dir_;
};

TEST_F(LoggingTest, WritesSubsystemNameAndHonoursLevel) {
    auto path = dir_ / "a.log";
    configure_logging({.level = "warning", .file = path.string()});
    logger("net")->info("hidden message");
    logger("net")->warn("visible message");
    logger("net")->flush();
    auto text = read_file(path);
    EXPECT_NE(text.find("[net] visible message"), std::string::npos);
    EXPECT_EQ(text.find("hidden message"), std::string::npos);
}

TEST_F(LoggingTest, ReopenFollowsARotatedFile) {
    auto path = dir_ / "b.log";
    configure_logging({.level = "info", .file = path.string()});
    logger("engine")->info("before rotation");
    logger("engine")->flush();
    std::filesystem::rename(path, dir_ / "b.log.1");
    reopen_logs();
    logger("engine")->info("after rotation");
    logger("engine")->flush();
    EXPECT_NE(read_file(dir_ / "b.log.1").find("before rotation"), std::string::npos);
    EXPECT_NE(read_file(path).find("after rotation"), std::string::npos);
}

TEST_F(LoggingTest, UnknownLevelIsAClearError) {
    try {
        configure_logging({.level = "loud"});
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::invalid_input);
        EXPECT_NE(std::string(e.what()).find("loud"), std::string::npos);
    }
}

TEST_F(LoggingTest, LevelChangesAtRunTime) {
    configure_logging({.level = "info"});
    set_log_level("debug");
    EXPECT_EQ(current_log_level(), "debug");
    EXPECT_TRUE(logger("x")->should_log(spdlog::level::debug));
    EXPECT_THROW(set_log_level("bogus"), Error);
    EXPECT_EQ(current_log_level(), "debug");
}

}  // namespace
}  // namespace yagura::core
