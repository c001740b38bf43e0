// The main file: settings, includes (cfg_file, cfg_dir, resource_file), resource macros.

#include <filesystem>

#include "config_test_util.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using testing::all_warnings;
using ::testing::HasSubstr;
using testing::kBase;
using ::testing::Not;
using testing::TempDir;

TEST(Sources, CfgFileCfgDirAndResourceFileAreFollowedRelativeToTheirFile) {
    TempDir dir;
    auto main = dir.write("etc/yagura.cfg",
                          "cfg_file=base.cfg\n"
                          "cfg_dir=objects\n"
                          "resource_file=private/resource.cfg\n");
    dir.write("etc/base.cfg", kBase);
    dir.write("etc/objects/hosts/a.cfg", "define host {\n host_name a\n}\n");
    dir.write("etc/objects/hosts/deeper/b.cfg", "define host {\n host_name b\n}\n");
    dir.write("etc/objects/hosts/notes.txt", "this is not read\n");
    dir.write("etc/objects/more.cfg", "cfg_file=../extra/c.cfg\n");  // relative to more.cfg
    dir.write("etc/extra/c.cfg", "define host {\n host_name c\n}\n");
    dir.write("etc/private/resource.cfg",
              "$USER1$=/usr/lib/nagios/plugins\n$SNMP_COMMUNITY$=s3cret\\;x ; comment\n");
    auto r = load(main);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    const auto& c = *r.config;
    EXPECT_EQ(c.hosts.size(), 3u);
    EXPECT_EQ(c.resource("USER1"), "/usr/lib/nagios/plugins");
    EXPECT_EQ(c.resource("SNMP_COMMUNITY"), "s3cret;x");
    EXPECT_EQ(r.stats.files, 7u);
    // Every object knows where it was defined.
    const auto& b = testing::host(c, "b");
    EXPECT_EQ(c.pool.str(b.imported_from.file), dir / "etc/objects/hosts/deeper/b.cfg");
    EXPECT_EQ(b.imported_from.line, 1u);
}

TEST(Sources, DirectoryLoopsThroughSymlinksAreReadOnce) {
    TempDir dir;
    auto main = dir.write("yagura.cfg", "cfg_dir=objects\n");
    dir.write("objects/base.cfg", kBase);
    dir.write("objects/sub/a.cfg", "define host {\n host_name a\n}\n");
    std::filesystem::create_directory_symlink(dir.path / "objects", dir.path / "objects/sub/loop");
    std::filesystem::create_symlink(dir.path / "objects/sub/a.cfg", dir.path / "objects/alias.cfg");
    auto r = load(main);
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.config->hosts.size(), 1u);
    EXPECT_THAT(all_warnings(r), HasSubstr("was already read; not read again"));
}

TEST(Sources, MissingFilesAreErrorsAtTheLineThatNamesThem) {
    TempDir dir;
    auto main = dir.write("yagura.cfg", "# objects\ncfg_dir=nowhere\ncfg_file=missing.cfg\n");
    auto r = load(main);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r),
                HasSubstr(main + ":2: cfg_dir '" + dir / "nowhere" + "' is not a directory"));
    EXPECT_THAT(all_errors(r), HasSubstr(main + ":3: cannot read '" + dir / "missing.cfg" +
                                         "': No such file or directory"));
    r = load(dir / "absent.cfg");
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("absent.cfg: cannot read the configuration file"));
}

TEST(Sources, IncludesCanBeDisabledForUntrustedText) {
    LoadOptions options;
    options.follow_includes = false;
    auto r = load_text(kBase + "cfg_dir=/\n", "fuzz.cfg", options);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("'cfg_dir' is not allowed here"));
}

TEST(Sources, GlobalsAreSetUnknownOnesAndNagiosOnesWarn) {
    auto r = load_text(kBase +
                           "interval_length=30\n"
                           "enable_notifications=0\n"
                           "interval_lenght=10\n"
                           "status_file=/var/nagios/status.dat\n"
                           "host=0.0.0.0\n"
                           "port=7770\n",
                       "main.cfg");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_EQ(r.config->globals.interval_length, 30);
    EXPECT_FALSE(r.config->globals.enable_notifications);
    auto warnings = all_warnings(r);
    EXPECT_THAT(warnings, HasSubstr("main.cfg:" + std::to_string(testing::base_lines() + 3) +
                                    ": warning: main configuration: unknown attribute "
                                    "'interval_lenght' (did you mean 'interval_length'?)"));
    EXPECT_THAT(warnings, HasSubstr("'status_file' is ignored: status is served by the broker"));
    EXPECT_THAT(warnings, Not(HasSubstr("'host'")));  // the arbiter's own process setting
    EXPECT_THAT(warnings, Not(HasSubstr("'port'")));
}

TEST(Sources, ABadGlobalValueIsAnError) {
    auto r = load_text(kBase + "interval_length=often\n", "main.cfg");
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("main.cfg:" + std::to_string(testing::base_lines() + 1) +
                                         ": interval_length expects an integer, got 'often'"));
}

}  // namespace
}  // namespace yagura::config
