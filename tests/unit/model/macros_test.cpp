#include <map>

#include <gtest/gtest.h>

#include <yagura/model/macros.hpp>

namespace yagura::model {
namespace {

// Resolves macros from a table of raw names; anything else is unknown.
class TableResolver final : public MacroResolver {
public:
    explicit TableResolver(std::map<std::string, std::string> values)
        : values_(std::move(values)) {}
    bool resolve(const MacroRef& macro, std::string& out) const override {
        ++calls;
        auto it = values_.find(macro.raw);
        if (it == values_.end()) {
            return false;
        }
        out += it->second;
        return true;
    }
    mutable int calls = 0;

private:
    std::map<std::string, std::string> values_;
};

TEST(Macros, ExpandsKnownMacrosAndKeepsUnknownOnesVerbatim) {
    TableResolver r({{"HOSTADDRESS", "10.0.0.1"}, {"ARG1", "80"}});
    EXPECT_EQ(expand_macros("check_http -H $HOSTADDRESS$ -p $ARG1$", r),
              "check_http -H 10.0.0.1 -p 80");
    EXPECT_EQ(expand_macros("echo $NOSUCHMACRO$ done", r), "echo $NOSUCHMACRO$ done");
    EXPECT_EQ(expand_macros("price: $$5 and $$$HOSTADDRESS$", r), "price: $5 and $10.0.0.1");
    EXPECT_EQ(expand_macros("a stray $ stays", r), "a stray $ stays");
    EXPECT_EQ(expand_macros("trailing $HOSTADDRESS", r), "trailing $HOSTADDRESS");
    EXPECT_EQ(expand_macros("$FOO$BAR$HOSTADDRESS$", r), "$FOO$BAR10.0.0.1");
    EXPECT_EQ(expand_macros("", r), "");
}

TEST(Macros, CompilesOnceIntoPieces) {
    CompiledText t = CompiledText::compile("$USER1$/check_ping -H $HOSTADDRESS$ -w $ARG1$");
    ASSERT_EQ(t.macros().size(), 3u);
    EXPECT_EQ(t.pieces().size(), 5u);
    EXPECT_EQ(t.macros()[0].kind, MacroKind::user);
    EXPECT_EQ(t.macros()[0].number, 1);
    EXPECT_EQ(t.macros()[1].kind, MacroKind::standard);
    EXPECT_EQ(t.macros()[1].code, MacroCode::HOSTADDRESS);
    EXPECT_EQ(t.macros()[2].kind, MacroKind::argument);
    EXPECT_FALSE(t.is_volatile());
    TableResolver r(
        {{"USER1", "/usr/lib/nagios/plugins"}, {"HOSTADDRESS", "h"}, {"ARG1", "100,20%"}});
    std::string out;
    expand(t, r, out);
    EXPECT_EQ(out, "/usr/lib/nagios/plugins/check_ping -H h -w 100,20%");
    EXPECT_EQ(r.calls, 3);
    EXPECT_TRUE(CompiledText::compile("$SERVICEOUTPUT$").is_volatile());
    EXPECT_FALSE(CompiledText::compile("no macros").has_macros());
}

TEST(Macros, ClassifiesEveryKind) {
    EXPECT_EQ(classify_macro("ARG32").kind, MacroKind::argument);
    EXPECT_EQ(classify_macro("ARG33").kind, MacroKind::other);  // beyond Nagios' 32
    EXPECT_EQ(classify_macro("ARG0").kind, MacroKind::other);
    EXPECT_EQ(classify_macro("USER256").kind, MacroKind::user);
    EXPECT_EQ(classify_macro("USER257").kind, MacroKind::other);
    MacroRef c = classify_macro("_HOSTSNMP_COMMUNITY");
    EXPECT_EQ(c.kind, MacroKind::custom_host);
    EXPECT_EQ(c.name, "SNMP_COMMUNITY");
    EXPECT_EQ(classify_macro("_SERVICEPORT").kind, MacroKind::custom_service);
    EXPECT_EQ(classify_macro("_CONTACTPHONE").name, "PHONE");
    MacroRef d = classify_macro("SERVICESTATE:web-01:HTTP");
    EXPECT_TRUE(d.on_demand);
    EXPECT_EQ(d.code, MacroCode::SERVICESTATE);
    EXPECT_EQ(d.arg1, "web-01");
    EXPECT_EQ(d.arg2, "HTTP");
    EXPECT_EQ(classify_macro("PLUGINSDIR").kind, MacroKind::other);
    EXPECT_TRUE(classify_macro("HOSTNAME:web-01").is_volatile);  // another object's value
    EXPECT_FALSE(classify_macro("HOSTNAME").is_volatile);
}

TEST(Macros, EveryStandardMacroIsKnownByName) {
    for (const MacroInfo& m : standard_macros()) {
        const MacroInfo* found = find_standard_macro(m.name);
        ASSERT_NE(found, nullptr) << m.name;
        EXPECT_EQ(found->code, m.code);
        EXPECT_EQ(macro_info(m.code).name, m.name);
    }
    EXPECT_GE(standard_macros().size(), 140u);
}

TEST(Macros, PartialExpansionKeepsVolatileMacros) {
    TableResolver r({{"HOSTADDRESS", "10.0.0.$1"}, {"SERVICEOUTPUT", "never used"}});
    CompiledText t = CompiledText::compile("notify $HOSTADDRESS$ $SERVICEOUTPUT$ $UNKNOWN$");
    CompiledText partial = partially_expand(t, r);
    ASSERT_EQ(partial.macros().size(), 2u);
    EXPECT_EQ(partial.macros()[0].raw, "SERVICEOUTPUT");
    TableResolver later(std::map<std::string, std::string>{{"SERVICEOUTPUT", "CRITICAL"}});
    std::string out;
    expand(partial, later, out);
    EXPECT_EQ(out, "notify 10.0.0.$1 CRITICAL $UNKNOWN$");
}

TEST(Macros, SplitsCommandCallsWithEscapedBangs) {
    auto call = split_command_call("check_http!80!/index.html");
    EXPECT_EQ(call.name, "check_http");
    EXPECT_EQ(call.args, (std::vector<std::string>{"80", "/index.html"}));
    call = split_command_call(R"(check_snmp!public!a\!b!c\d)");
    EXPECT_EQ(call.args, (std::vector<std::string>{"public", "a!b", R"(c\d)"}));
    call = split_command_call("check_ping!!20%");
    EXPECT_EQ(call.args, (std::vector<std::string>{"", "20%"}));
    call = split_command_call("check_local_load");
    EXPECT_EQ(call.name, "check_local_load");
    EXPECT_TRUE(call.args.empty());
}

}  // namespace
}  // namespace yagura::model
