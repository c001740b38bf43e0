#include <gtest/gtest.h>

#include <yagura/model/config.hpp>

namespace yagura::model {
namespace {

Host host(Config& cfg, std::string_view name) {
    Host h = cfg.make<Host>();
    EXPECT_TRUE(set_attribute(h, "host_name", name, cfg.pool).ok());
    return h;
}

TEST(Config, TablesFindObjectsByName) {
    Config cfg;
    auto a = cfg.hosts.insert(host(cfg, "web-01"));
    auto b = cfg.hosts.insert(host(cfg, "web-02"));
    EXPECT_TRUE(a.inserted);
    EXPECT_EQ(a.index, 0u);
    EXPECT_EQ(b.index, 1u);
    EXPECT_EQ(cfg.hosts.find("web-02", cfg.pool), 1u);
    EXPECT_EQ(cfg.hosts.find(cfg.hosts[0].host_name), 0u);
    EXPECT_EQ(cfg.hosts.find("web-03", cfg.pool), kNoIndex);
    EXPECT_EQ(cfg.table<Host>().size(), 2u);
}

TEST(Config, DuplicateNamesAreRefused) {
    Config cfg;
    cfg.hosts.insert(host(cfg, "web-01"));
    Host again = host(cfg, "web-01");
    again.max_check_attempts = 9;
    auto r = cfg.hosts.insert(std::move(again));
    EXPECT_FALSE(r.inserted);
    EXPECT_EQ(r.index, 0u);
    EXPECT_EQ(cfg.hosts.size(), 1u);
    EXPECT_EQ(cfg.hosts[0].max_check_attempts, 1);
}

TEST(Config, ServicesAreFoundByHostAndDescription) {
    Config cfg;
    for (const char* h : {"web-01", "web-02"}) {
        for (const char* d : {"HTTP", "Disk /"}) {
            Service s = cfg.make<Service>();
            ASSERT_TRUE(set_attribute(s, "host_name", h, cfg.pool).ok());
            ASSERT_TRUE(set_attribute(s, "service_description", d, cfg.pool).ok());
            ASSERT_TRUE(cfg.services.insert(std::move(s)).inserted);
        }
    }
    Symbol web2 = *cfg.pool.find("web-02");
    Symbol disk = *cfg.pool.find("Disk /");
    Index i = cfg.services.find(web2, disk);
    ASSERT_NE(i, kNoIndex);
    EXPECT_EQ(i, 3u);
    EXPECT_EQ(cfg.services.find(disk, web2), kNoIndex);
}

TEST(Config, TemplatesAndUnnamedObjectsAreStoredNotIndexed) {
    Config cfg;
    Host tpl = cfg.make<Host>();
    ASSERT_TRUE(set_attribute(tpl, "name", "generic-host", cfg.pool).ok());
    EXPECT_TRUE(cfg.hosts.insert(std::move(tpl)).inserted);
    EXPECT_TRUE(cfg.hostdependencies.insert(cfg.make<HostDependency>()).inserted);
    EXPECT_TRUE(cfg.hostdependencies.insert(cfg.make<HostDependency>()).inserted);
    EXPECT_EQ(cfg.hostdependencies.size(), 2u);
    EXPECT_EQ(cfg.hosts.find("generic-host", cfg.pool), kNoIndex);
}

TEST(Config, ResourceMacros) {
    Config cfg;
    cfg.set_resource("USER1", "/usr/lib/nagios/plugins");
    cfg.set_resource("PLUGINSDIR", "/opt/plugins");
    cfg.set_resource("USER1", "/usr/local/plugins");
    EXPECT_EQ(cfg.resource("USER1"), "/usr/local/plugins");
    EXPECT_EQ(cfg.resource("PLUGINSDIR"), "/opt/plugins");
    EXPECT_FALSE(cfg.resource("USER2"));
    EXPECT_EQ(cfg.resources.size(), 2u);
}

TEST(Config, CommandReferencesResolveToIndexAndArguments) {
    Config cfg;
    Command c = cfg.make<Command>();
    ASSERT_TRUE(set_attribute(c, "command_name", "check_http", cfg.pool).ok());
    cfg.commands.insert(std::move(c));
    CommandCall call = link_command_call("check_http!80!/a\\!b", cfg.commands, cfg.pool);
    EXPECT_EQ(call.command, 0u);
    auto args = cfg.pool.symbols(call.args.list);
    ASSERT_EQ(args.size(), 2u);
    EXPECT_EQ(cfg.pool.str(args[0]), "80");
    EXPECT_EQ(cfg.pool.str(args[1]), "/a!b");
    EXPECT_EQ(link_command_call("check_nothing", cfg.commands, cfg.pool).command, kNoIndex);
}

TEST(Config, MemoryAccountingGrowsWithObjects) {
    Config cfg;
    std::size_t empty = cfg.memory_bytes();
    for (int i = 0; i < 100; ++i) {
        cfg.hosts.insert(host(cfg, "host-" + std::to_string(i)));
    }
    EXPECT_GE(cfg.memory_bytes(), empty + 100 * sizeof(Host));
}

}  // namespace
}  // namespace yagura::model
