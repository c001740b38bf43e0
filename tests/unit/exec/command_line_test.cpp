#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/exec/command_line.hpp>

namespace yagura::exec {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> direct_words(std::string_view line) {
    auto parsed = parse_command_line(line);
    EXPECT_EQ(parsed.mode, LineMode::direct) << line << ": " << parsed.reason;
    return parsed.argv;
}

LineMode mode_of(std::string_view line) {
    return parse_command_line(line).mode;
}

TEST(CommandLine, SplitsASimpleCommandOnBlanks) {
    EXPECT_THAT(
        direct_words("/usr/lib/nagios/plugins/check_disk  -w 10%\t-c 5% -p /"),
        ElementsAre("/usr/lib/nagios/plugins/check_disk", "-w", "10%", "-c", "5%", "-p", "/"));
}

TEST(CommandLine, QuotesGroupWordsAndVanish) {
    EXPECT_THAT(direct_words(R"(check_http -H 'my host' --string="a b" x'y'"z")"),
                ElementsAre("check_http", "-H", "my host", "--string=a b", "xyz"));
}

TEST(CommandLine, EmptyQuotesAreAnEmptyArgument) {
    EXPECT_THAT(direct_words("check_dummy 0 ''"), ElementsAre("check_dummy", "0", ""));
}

TEST(CommandLine, SingleQuotesKeepEverythingLiteral) {
    EXPECT_THAT(direct_words(R"(echo 'a|b;c $HOME `x` \n *')"),
                ElementsAre("echo", R"(a|b;c $HOME `x` \n *)"));
}

TEST(CommandLine, BackslashEscapesOutsideQuotes) {
    EXPECT_THAT(direct_words(R"(echo a\ b \| \$x \\)"),
                ElementsAre("echo", "a b", "|", "$x", "\\"));
}

TEST(CommandLine, BackslashInDoubleQuotesEscapesOnlyShellSpecials) {
    EXPECT_THAT(direct_words(R"(echo "q\"q" "back\\slash" "keep\n")"),
                ElementsAre("echo", "q\"q", "back\\slash", "keep\\n"));
}

TEST(CommandLine, BackslashNewlineContinuesTheLine) {
    EXPECT_THAT(direct_words("check_x -a\\\n -b"), ElementsAre("check_x", "-a", "-b"));
}

TEST(CommandLine, CharactersSpecialOnlyAtAWordStartAreLiteralInside) {
    EXPECT_THAT(direct_words("check_http -u /~user/a#b x!y a=b"),
                ElementsAre("check_http", "-u", "/~user/a#b", "x!y", "a=b"));
}

TEST(CommandLine, ShellOperatorsNeedAShell) {
    for (const char* line :
         {"a | b", "a && b", "a; b", "a > /tmp/x", "a < /tmp/x", "(a)", "a &", "a 2>&1"}) {
        EXPECT_EQ(mode_of(line), LineMode::shell) << line;
    }
}

TEST(CommandLine, ExpansionsNeedAShell) {
    for (const char* line :
         {"echo $HOME", "echo ${X}", "echo \"$HOME\"", "echo `date`", "echo \"`date`\"",
          "echo $(date)", "ls *.cfg", "ls file?", "ls [ab]", "echo {a,b}", "echo ~", "cat ~/x"}) {
        EXPECT_EQ(mode_of(line), LineMode::shell) << line;
    }
}

TEST(CommandLine, CommentsNewlinesAssignmentsAndKeywordsNeedAShell) {
    for (const char* line :
         {"check_x # a comment", "a\nb", "LANG=C check_x", "exit 2", "ulimit -t 5", "if true",
          "! check_x", ". /etc/profile", "exec check_x", "cd /tmp"}) {
        EXPECT_EQ(mode_of(line), LineMode::shell) << line;
    }
}

TEST(CommandLine, SpecialsInsideQuotesDoNotNeedAShell) {
    EXPECT_THAT(direct_words(R"(check_x -s 'a|b' "c;d" 'e$f' "g*h" '#i' "~j")"),
                ElementsAre("check_x", "-s", "a|b", "c;d", "e$f", "g*h", "#i", "~j"));
}

TEST(CommandLine, ShellModeSaysWhy) {
    auto parsed = parse_command_line("check_x | grep OK");
    EXPECT_EQ(parsed.mode, LineMode::shell);
    EXPECT_EQ(parsed.reason, "unquoted '|'");
    EXPECT_TRUE(parsed.argv.empty());
}

TEST(CommandLine, UnterminatedQuotesAreInvalid) {
    auto single = parse_command_line("check_x 'abc");
    EXPECT_EQ(single.mode, LineMode::invalid);
    EXPECT_EQ(single.reason, "unterminated single quote");
    EXPECT_EQ(parse_command_line("check_x \"abc").reason, "unterminated double quote");
}

TEST(CommandLine, EmptyLinesAndNulBytesAreInvalid) {
    EXPECT_EQ(parse_command_line("").mode, LineMode::invalid);
    EXPECT_EQ(parse_command_line(" \t ").reason, "empty command line");
    EXPECT_EQ(parse_command_line(std::string_view("a\0b", 3)).mode, LineMode::invalid);
}

TEST(CommandLine, ReusesTheCallersBuffer) {
    std::string words = "left over from before";
    auto split = split_command_line("a bb", words);
    EXPECT_EQ(split.mode, LineMode::direct);
    EXPECT_EQ(split.word_count, 2U);
    EXPECT_EQ(words, std::string("a\0bb\0", 5));
}

}  // namespace
}  // namespace yagura::exec
