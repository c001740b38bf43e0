// The file syntax: comments, continuation lines, braces, settings; errors with their lines.

#include "lexer.hpp"

#include "config_test_util.hpp"

namespace yagura::config {
namespace {

using testing::all_errors;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::load_objects;

// Records what the lexer says, one string per event.
class Recorder final : public detail::LexSink {
public:
    void setting(std::uint32_t line, std::string_view key, std::string_view value) override {
        events.push_back(std::to_string(line) + " set " + std::string(key) + "=" +
                         std::string(value));
    }
    void begin(std::uint32_t line, std::string_view type) override {
        events.push_back(std::to_string(line) + " define " + std::string(type));
    }
    void attribute(std::uint32_t line, std::string_view key, std::string_view value) override {
        events.push_back(std::to_string(line) + " " + std::string(key) + "=[" + std::string(value) +
                         "]");
    }
    void end(std::uint32_t line) override { events.push_back(std::to_string(line) + " end"); }
    void problem(std::uint32_t line, std::string message) override {
        events.push_back(std::to_string(line) + " problem: " + message);
    }
    std::vector<std::string> events;
};

std::vector<std::string> lex(std::string_view text) {
    Recorder r;
    detail::lex(text, r);
    return r.events;
}

TEST(Lexer, CommentsAreHashLinesAndUnescapedSemicolons) {
    EXPECT_THAT(lex("# a comment\n"
                    "define host {\n"
                    "  ; a comment too\n"
                    "  host_name web1 ; the rest is a comment\n"
                    "  notes_url http://x/#anchor\n"
                    "  notes a\\;b ; c\n"
                    "}\n"),
                ElementsAre("2 define host", "4 host_name=[web1]", "5 notes_url=[http://x/#anchor]",
                            "6 notes=[a;b]", "7 end"));
}

TEST(Lexer, TrailingBackslashJoinsLines) {
    EXPECT_THAT(lex("define command {\n"
                    "  command_line /bin/check \\\n"
                    "       -H $HOSTADDRESS$ \\\n"
                    "       -p 80\n"
                    "}\n"),
                ElementsAre("1 define command",
                            "2 command_line=[/bin/check -H $HOSTADDRESS$ -p 80]", "5 end"));
}

TEST(Lexer, BracesOnTheNextLineOrAtTheEndOfALine) {
    EXPECT_THAT(lex("define host\n{\n  host_name a }\ndefine service{\n  host_name a\n}\r\n"),
                ElementsAre("1 define host", "3 host_name=[a]", "3 end", "4 define service",
                            "5 host_name=[a]", "6 end"));
}

TEST(Lexer, SettingsOutsideBlocks) {
    EXPECT_THAT(lex("cfg_dir = objects\n$USER1$=/usr/lib/nagios/plugins\n"),
                ElementsAre("1 set cfg_dir=objects", "2 set $USER1$=/usr/lib/nagios/plugins"));
}

TEST(Lexer, BrokenStructureIsReportedWithItsLine) {
    EXPECT_THAT(lex("define host {\n host_name a\n"),
                ElementsAre("1 define host", "2 host_name=[a]",
                            "1 problem: 'define host' is never closed with '}'", "1 end"));
    EXPECT_THAT(lex("define host {\n host_name a\ndefine service {\n}\n"),
                ElementsAre("1 define host", "2 host_name=[a]",
                            "1 problem: 'define host' is not closed with '}' before line 3",
                            "1 end", "3 define service", "4 end"));
    EXPECT_THAT(lex("}\nhello world\n"),
                ElementsAre("1 problem: '}' without a 'define' block to close",
                            "2 problem: expected 'key=value' or 'define <type> {', got 'hello "
                            "world'"));
    EXPECT_THAT(
        lex("define host\nhost_name a\n}\n"),
        ElementsAre("1 define host", "2 problem: expected '{' after 'define host' on line 1",
                    "2 host_name=[a]", "3 end"));
}

TEST(Lexer, ErrorsOfTheFileComeOutAsFileLine) {
    auto r = load_objects("define host {\n  host_name a\n", false);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(all_errors(r), HasSubstr("test.cfg:1: 'define host' is never closed with '}'"));
    r = load_objects("define hots {\n}\n", false);
    EXPECT_THAT(all_errors(r),
                HasSubstr("test.cfg:1: unknown object type 'hots' (did you mean 'host'?)"));
}

TEST(Lexer, ShinkenOnlyBlocksAreSkippedWithAWarning) {
    auto r = load_objects("define resultmodulation {\n  resultmodulation_name x\n}\n");
    ASSERT_TRUE(r.ok()) << all_errors(r);
    EXPECT_THAT(testing::all_warnings(r), HasSubstr("'define resultmodulation' is a Shinken"));
}

}  // namespace
}  // namespace yagura::config
