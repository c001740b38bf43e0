#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/retention/module_settings.hpp>

#include "test_support.hpp"

namespace yagura::retention {
namespace {

using namespace std::chrono_literals;

std::string error_of(const ModuleParameters& parameters) {
    try {
        parse_module_settings(parameters);
    } catch (const core::Error& error) {
        EXPECT_EQ(error.kind(), core::ErrorKind::invalid_input);
        return error.what();
    }
    return "no error";
}

TEST(ModuleSettings, ReadsARedisModule) {
    auto settings = parse_module_settings({{"module_name", "redis-retention"},
                                           {"module_type", "retention-redis"},
                                           {"server", "10.0.0.5"},
                                           {"port", "6380"},
                                           {"password", "s3cret"},
                                           {"db", "2"},
                                           {"key_prefix", "paris"},
                                           {"flush_interval", "0.5"}});
    EXPECT_EQ(settings.module_name, "redis-retention");
    EXPECT_EQ(settings.kind, StoreKind::redis);
    EXPECT_EQ(settings.redis.server, "10.0.0.5");
    EXPECT_EQ(settings.redis.port, 6380);
    EXPECT_EQ(settings.redis.password, "s3cret");
    EXPECT_EQ(settings.redis.db, 2);
    EXPECT_EQ(settings.redis.key_prefix, "paris");
    EXPECT_EQ(settings.writer.flush_interval, 500ms);
    EXPECT_TRUE(settings.warnings.empty());
    auto store = make_store(settings);
    EXPECT_EQ(store->describe(), "redis 10.0.0.5:6380 db 2 prefix 'paris'");
}

TEST(ModuleSettings, AcceptsShinkensModuleTypeAndWarnsAboutExpireTime) {
    auto settings = parse_module_settings({{"module_name", "RedisRetention"},
                                           {"module_type", "redis_retention"},
                                           {"server", "localhost"},
                                           {"expire_time", "3600"},
                                           {"colour", "blue"}});
    EXPECT_EQ(settings.kind, StoreKind::redis);
    EXPECT_EQ(settings.redis.port, 6379);
    ASSERT_EQ(settings.warnings.size(), 2u);
    EXPECT_NE(settings.warnings[0].find("expire_time"), std::string::npos);
    EXPECT_NE(settings.warnings[1].find("colour"), std::string::npos);
}

TEST(ModuleSettings, ReadsAFileModule) {
    test::TempDir dir("retention-settings");
    auto settings = parse_module_settings({{"module_name", "file-retention"},
                                           {"module_type", "retention-file"},
                                           {"path", dir.path().string()}});
    EXPECT_EQ(settings.kind, StoreKind::file);
    EXPECT_EQ(settings.file.directory, dir.path());
    EXPECT_NE(make_store(settings)->describe().find(dir.path().string()), std::string::npos);
}

TEST(ModuleSettings, BadValuesNameTheModuleAndTheParameter) {
    auto message =
        error_of({{"module_name", "r1"}, {"module_type", "retention-redis"}, {"port", "63a79"}});
    EXPECT_NE(message.find("'r1'"), std::string::npos) << message;
    EXPECT_NE(message.find("port"), std::string::npos) << message;
    EXPECT_NE(error_of({{"module_type", "retention-redis"}, {"port", "70000"}}).find("port"),
              std::string::npos);
    EXPECT_NE(error_of({{"module_type", "retention-redis"}, {"db", "-1"}}).find("db"),
              std::string::npos);
    EXPECT_NE(error_of({{"module_type", "retention-redis"}, {"flush_interval", "0"}})
                  .find("flush_interval"),
              std::string::npos);
    EXPECT_NE(error_of({{"module_type", "memcache"}}).find("module_type"), std::string::npos);
    EXPECT_NE(error_of({{"module_name", "x"}}).find("module_type is missing"), std::string::npos);
    EXPECT_NE(error_of({{"module_type", "retention-file"}}).find("path is missing"),
              std::string::npos);
}

}  // namespace
}  // namespace yagura::retention
