#include <gtest/gtest.h>

#include <yagura/exec/plugin_output.hpp>

namespace yagura::exec {
namespace {

TEST(PluginOutput, OneLineWithoutPerfdata) {
    auto parsed = parse_plugin_output("PING OK - Packet loss = 0%\n");
    EXPECT_EQ(parsed.output, "PING OK - Packet loss = 0%");
    EXPECT_EQ(parsed.long_output, "");
    EXPECT_EQ(parsed.perf_data, "");
}

TEST(PluginOutput, FirstLinePerfdataAfterThePipe) {
    auto parsed = parse_plugin_output("LOAD OK - load 0.1 |  load1=0.1;5;10;0 load5=0.2;4;6;0  ");
    EXPECT_EQ(parsed.output, "LOAD OK - load 0.1");
    EXPECT_EQ(parsed.perf_data, "load1=0.1;5;10;0 load5=0.2;4;6;0");
}

// The example of the Nagios plugin API documentation.
TEST(PluginOutput, LongOutputAndPerfdataOnLaterLines) {
    auto parsed = parse_plugin_output(
        "DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n"
        "/ 15272 MB (77%);\n"
        "/boot 68 MB (69%);\n"
        "/home 69357 MB (27%);\n"
        "/var/log 819 MB (84%); | /boot=68MB;88;93;0;98\n"
        "/home=69357MB;253404;253409;0;253414 \n"
        "/var/log=818MB;970;975;0;980\n");
    EXPECT_EQ(parsed.output, "DISK OK - free space: / 3326 MB (56%);");
    EXPECT_EQ(
        parsed.long_output,
        "/ 15272 MB (77%);\n/boot 68 MB (69%);\n/home 69357 MB (27%);\n/var/log 819 MB (84%);");
    EXPECT_EQ(parsed.perf_data,
              "/=2643MB;5948;5958;0;5968 /boot=68MB;88;93;0;98 "
              "/home=69357MB;253404;253409;0;253414 /var/log=818MB;970;975;0;980");
}

TEST(PluginOutput, LinesAfterThePerfdataPipeAreAllPerfdataEvenWithoutPipes) {
    auto parsed = parse_plugin_output("OK\nlong 1\n| a=1\nb=2\n\nc=3 | d=4");
    EXPECT_EQ(parsed.long_output, "long 1");
    EXPECT_EQ(parsed.perf_data, "a=1 b=2 c=3 | d=4");
}

TEST(PluginOutput, EscapedPipesStayInTheText) {
    auto parsed = parse_plugin_output(R"(OK - a \| b | x=1)"
                                      "\n"
                                      R"(detail \|| y=2)");
    EXPECT_EQ(parsed.output, "OK - a | b");
    EXPECT_EQ(parsed.long_output, "detail |");
    EXPECT_EQ(parsed.perf_data, "x=1 y=2");
}

TEST(PluginOutput, KeepsIndentationOfLongOutputButTrimsTrailingBlanks) {
    auto parsed = parse_plugin_output("OK \r\n\n  table:  \r\n    row 1\t\n\n    row 2\n\n\n");
    EXPECT_EQ(parsed.output, "OK");
    EXPECT_EQ(parsed.long_output, "  table:\n    row 1\n\n    row 2");
}

TEST(PluginOutput, EmptyAndBlankTexts) {
    EXPECT_EQ(parse_plugin_output("").output, "");
    auto blank = parse_plugin_output(" \n \n");
    EXPECT_EQ(blank.output, "");
    EXPECT_EQ(blank.long_output, "");
    EXPECT_EQ(blank.perf_data, "");
}

TEST(PluginOutput, OnlyPerfdata) {
    auto parsed = parse_plugin_output("| a=1");
    EXPECT_EQ(parsed.output, "");
    EXPECT_EQ(parsed.perf_data, "a=1");
}

TEST(Utf8CompletePrefix, DropsOnlyAnIncompleteLastCharacter) {
    std::string text = "d\xC3\xA9j\xC3\xA0 \xE2\x82\xAC";  // "déjà €"
    EXPECT_EQ(utf8_complete_prefix(text), text);
    EXPECT_EQ(utf8_complete_prefix(text.substr(0, text.size() - 1)), "d\xC3\xA9j\xC3\xA0 ");
    EXPECT_EQ(utf8_complete_prefix(text.substr(0, text.size() - 2)), "d\xC3\xA9j\xC3\xA0 ");
    EXPECT_EQ(utf8_complete_prefix(text.substr(0, 2)), "d");
    EXPECT_EQ(utf8_complete_prefix("plain ascii"), "plain ascii");
    EXPECT_EQ(utf8_complete_prefix(""), "");
}

}  // namespace
}  // namespace yagura::exec
