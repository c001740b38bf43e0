#include <cstdlib>
#include <ctime>

#include <gtest/gtest.h>

#include <yagura/model/config.hpp>
#include <yagura/model/macro_resolver.hpp>

namespace yagura::model {
namespace {

void set(auto& obj, Config& cfg, std::string_view key, std::string_view value) {
    auto r = set_attribute(obj, key, value, cfg.pool);
    ASSERT_TRUE(r.ok()) << key << ": " << r.message;
}

class MacroResolverTest : public ::testing::Test {
protected:
    void SetUp() override {
        setenv("TZ", "Europe/Paris", 1);
        tzset();
        cfg.set_resource("USER1", "/usr/lib/nagios/plugins");
        cfg.set_resource("PLUGINSDIR", "/opt/plugins");
        set(cfg.globals, cfg, "admin_email", "root@example.org");

        Command c = cfg.make<Command>();
        set(c, cfg, "command_name", "check_http");
        set(c, cfg, "command_line", "$USER1$/check_http -H $HOSTADDRESS$ -p $ARG1$ -u '$ARG2$'");
        cfg.commands.insert(std::move(c));
        cfg.compile_command_lines();

        HostGroup g = cfg.make<HostGroup>();
        set(g, cfg, "hostgroup_name", "linux");
        set(g, cfg, "alias", "Linux servers");
        set(g, cfg, "members", "web-01");
        cfg.hostgroups.insert(std::move(g));

        Host h = cfg.make<Host>();
        set(h, cfg, "host_name", "web-01");
        set(h, cfg, "alias", "Web server");
        set(h, cfg, "address", "10.0.0.1");
        set(h, cfg, "hostgroups", "linux,www");
        set(h, cfg, "_SNMP_COMMUNITY", "public");
        h.state = HostState::down;
        h.state_type = StateType::hard;
        h.attempt = 3;
        h.output = "PING CRITICAL - Packet loss = 100%";
        h.last_state_change = now - (2 * 86400 + 3 * 3600 + 4 * 60 + 5);
        h.latency = 0.1234;
        h.current_notification_number = 4;
        h.problem_has_been_acknowledged = true;
        h.acknowledgement = Acknowledgement{.author = "alice", .comment = "on it"};
        cfg.hosts.insert(std::move(h));

        Service s = cfg.make<Service>();
        set(s, cfg, "host_name", "web-01");
        set(s, cfg, "service_description", "HTTP");
        set(s, cfg, "check_command", "check_http!80!/$HOSTNAME$/index.html");
        set(s, cfg, "_PORT", "8080");
        s.state = ServiceState::warning;
        s.state_type = StateType::soft;
        s.attempt = 2;
        s.output = "HTTP WARNING: slow `answer`";
        s.long_output = "line 2";
        s.perf_data = "time=2.5s;1;5";
        s.service_links.host = 0;
        s.links.check_command.command = 0;
        s.links.check_command.args.list = cfg.pool.intern_symbols(
            std::vector<Symbol>{cfg.pool.intern("80"), cfg.pool.intern("/$HOSTNAME$/index.html")});
        cfg.services.insert(std::move(s));

        Contact c2 = cfg.make<Contact>();
        set(c2, cfg, "contact_name", "alice");
        set(c2, cfg, "alias", "Alice Admin");
        set(c2, cfg, "email", "alice@example.org");
        set(c2, cfg, "_PHONE", "+33 1 23");
        cfg.contacts.insert(std::move(c2));
    }
    void TearDown() override {
        unsetenv("TZ");
        tzset();
    }

    std::string expand_for(std::string_view text, bool with_service = true) {
        MacroContext ctx;
        ctx.config = &cfg;
        ctx.service = with_service ? &cfg.services[0] : nullptr;
        ctx.host = with_service ? nullptr : &cfg.hosts[0];
        ctx.contact = &cfg.contacts[0];
        ctx.notification = notification;
        ctx.now = now;
        ctx.args = args;
        return expand_macros(text, StandardMacros(ctx));
    }

    Config cfg;
    // 2024-07-14 12:34:56 in Paris (CEST)
    core::EpochSeconds now = 1720953296;
    const NotificationInfo* notification = nullptr;
    std::vector<std::string> args;
};

TEST_F(MacroResolverTest, HostMacros) {
    EXPECT_EQ(expand_for("$HOSTNAME$ $HOSTALIAS$ $HOSTADDRESS$", false),
              "web-01 Web server 10.0.0.1");
    EXPECT_EQ(expand_for("$HOSTSTATE$ $HOSTSTATEID$ $HOSTSTATETYPE$ $HOSTATTEMPT$", false),
              "DOWN 1 HARD 3");
    EXPECT_EQ(expand_for("$HOSTOUTPUT$", false), "PING CRITICAL - Packet loss = 100%");
    EXPECT_EQ(expand_for("$HOSTDURATION$ $HOSTDURATIONSEC$", false), "2d 3h 4m 5s 183845");
    EXPECT_EQ(expand_for("$HOSTLATENCY$", false), "0.123");
    EXPECT_EQ(expand_for("$LASTHOSTSTATECHANGE$", false), "1720769451");
    EXPECT_EQ(expand_for("$HOSTGROUPNAME$|$HOSTGROUPNAMES$|$HOSTGROUPALIAS$", false),
              "linux|linux,www|Linux servers");
    EXPECT_EQ(expand_for("$HOSTNOTIFICATIONNUMBER$ $HOSTACKAUTHOR$ $HOSTACKCOMMENT$", false),
              "4 alice on it");
    EXPECT_EQ(expand_for("$HOSTACKAUTHORALIAS$", false), "Alice Admin");
    EXPECT_EQ(expand_for("$_HOSTSNMP_COMMUNITY$", false), "public");
}

TEST_F(MacroResolverTest, ServiceMacrosReachTheirHost) {
    EXPECT_EQ(expand_for("$HOSTNAME$/$SERVICEDESC$"), "web-01/HTTP");
    EXPECT_EQ(expand_for("$SERVICESTATE$ $SERVICESTATEID$ $SERVICESTATETYPE$ $SERVICEATTEMPT$"),
              "WARNING 1 SOFT 2");
    EXPECT_EQ(expand_for("$LONGSERVICEOUTPUT$|$SERVICEPERFDATA$"), "line 2|time=2.5s;1;5");
    EXPECT_EQ(expand_for("$_SERVICEPORT$ $_HOSTSNMP_COMMUNITY$"), "8080 public");
    EXPECT_EQ(expand_for("$SERVICECHECKCOMMAND$"), "check_http!80!/$HOSTNAME$/index.html");
}

TEST_F(MacroResolverTest, MissingObjectsAndUnknownMacrosStayVerbatim) {
    EXPECT_EQ(expand_for("$SERVICEDESC$ on $HOSTNAME$", false), "$SERVICEDESC$ on web-01");
    EXPECT_EQ(expand_for("$NOTIFICATIONTYPE$"), "$NOTIFICATIONTYPE$");
    EXPECT_EQ(expand_for("$WHATEVER$ $$"), "$WHATEVER$ $");
    EXPECT_EQ(expand_for("$_HOSTNOPE$"), "");  // a custom variable not set is empty
}

TEST_F(MacroResolverTest, ArgumentsUserAndResourceMacros) {
    args = {"80", "/"};
    EXPECT_EQ(expand_for("$ARG1$ $ARG2$ [$ARG3$]"), "80 / []");
    EXPECT_EQ(expand_for("$USER1$ [$USER2$] $PLUGINSDIR$"),
              "/usr/lib/nagios/plugins [] /opt/plugins");
    EXPECT_EQ(expand_for("$ADMINEMAIL$"), "root@example.org");
}

TEST_F(MacroResolverTest, CommandCallsExpandTheirArgumentsFirst) {
    MacroContext ctx;
    ctx.config = &cfg;
    ctx.service = &cfg.services[0];
    ctx.now = now;
    EXPECT_EQ(expand_command_call(cfg.services[0].links.check_command, ctx),
              "/usr/lib/nagios/plugins/check_http -H 10.0.0.1 -p 80 -u '/web-01/index.html'");
}

TEST_F(MacroResolverTest, ContactAndNotificationMacros) {
    NotificationInfo n;
    n.type = "PROBLEM";
    n.recipients = "alice,bob";
    n.author = "bob";
    n.comment = "please look";
    notification = &n;
    EXPECT_EQ(expand_for("$CONTACTNAME$ <$CONTACTEMAIL$> $CONTACTALIAS$ $_CONTACTPHONE$"),
              "alice <alice@example.org> Alice Admin +33 1 23");
    EXPECT_EQ(expand_for("$CONTACTPAGER$"), "none");
    EXPECT_EQ(expand_for("$NOTIFICATIONTYPE$ #$NOTIFICATIONNUMBER$ to $NOTIFICATIONRECIPIENTS$"),
              "PROBLEM #0 to alice,bob");
    EXPECT_EQ(expand_for("$NOTIFICATIONAUTHOR$: $NOTIFICATIONCOMMENT$"), "bob: please look");
    n.number = 3;
    EXPECT_EQ(expand_for("$NOTIFICATIONNUMBER$ $HOSTNOTIFICATIONNUMBER$"), "3 4");
}

TEST_F(MacroResolverTest, DateAndTimeMacrosUseTheGivenTime) {
    EXPECT_EQ(expand_for("$TIMET$"), "1720953296");
    EXPECT_EQ(expand_for("$DATE$ $TIME$"), "07-14-2024 12:34:56");
    EXPECT_EQ(expand_for("$SHORTDATETIME$"), "07-14-2024 12:34:56");
    EXPECT_EQ(expand_for("$LONGDATETIME$"), "Sun Jul 14 12:34:56 CEST 2024");
    set(cfg.globals, cfg, "date_format", "iso8601");
    EXPECT_EQ(expand_for("$SHORTDATETIME$"), "2024-07-14 12:34:56");
    set(cfg.globals, cfg, "date_format", "strict-iso8601");
    EXPECT_EQ(expand_for("$SHORTDATETIME$"), "2024-07-14T12:34:56");
    set(cfg.globals, cfg, "date_format", "euro");
    EXPECT_EQ(expand_for("$DATE$"), "14-07-2024");
}

TEST_F(MacroResolverTest, OnDemandMacrosNameOtherObjects) {
    EXPECT_EQ(expand_for("$HOSTSTATE:web-01$ $SERVICESTATE:web-01:HTTP$", false), "DOWN WARNING");
    EXPECT_EQ(expand_for("$SERVICEOUTPUT::HTTP$", false), "HTTP WARNING: slow `answer`");
    EXPECT_EQ(expand_for("$CONTACTEMAIL:alice$ $HOSTGROUPALIAS:linux$"),
              "alice@example.org Linux servers");
    EXPECT_EQ(expand_for("$_HOSTSNMP_COMMUNITY:web-01$"), "public");
    EXPECT_EQ(expand_for("$HOSTSTATE:nowhere$"), "$HOSTSTATE:nowhere$");
}

TEST_F(MacroResolverTest, IllegalOutputCharactersAreStripped) {
    set(cfg.globals, cfg, "illegal_macro_output_chars", "`~$&|'\"<>");
    EXPECT_EQ(expand_for("$SERVICEOUTPUT$"), "HTTP WARNING: slow answer");
    EXPECT_EQ(expand_for("$SERVICEDESC$"), "HTTP");  // names are not output
    MacroContext ctx;
    ctx.config = &cfg;
    ctx.service = &cfg.services[0];
    ctx.strip_illegal_chars = false;
    EXPECT_EQ(expand_macros("$SERVICEOUTPUT$", StandardMacros(ctx)), "HTTP WARNING: slow `answer`");
}

}  // namespace
}  // namespace yagura::model
