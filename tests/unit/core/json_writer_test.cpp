#include <limits>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/json_writer.hpp>

namespace yagura::core {
namespace {

using nlohmann::json;

std::string escaped(std::string_view text) {
    std::string out;
    append_json_escaped(out, text);
    return out;
}

TEST(JsonWriterTest, EscapesWhatJsonRequires) {
    EXPECT_EQ(escaped("plain text 42"), "plain text 42");
    EXPECT_EQ(escaped("say \"hi\""), "say \\\"hi\\\"");
    EXPECT_EQ(escaped("C:\\temp"), "C:\\\\temp");
    EXPECT_EQ(escaped("a\nb\rc\td"), "a\\nb\\rc\\td");
    EXPECT_EQ(escaped(std::string_view("\x01\x1f\0", 3)), "\\u0001\\u001f\\u0000");
    EXPECT_EQ(escaped("\x7f/"), "\x7f/");  // DEL and slash need no escape
}

TEST(JsonWriterTest, KeepsValidUtf8) {
    const std::string text = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80";  // é € 😀
    EXPECT_EQ(escaped(text), text);
}

TEST(JsonWriterTest, ReplacesInvalidUtf8ByteByByte) {
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(escaped("a\x80z"), "a" + fffd + "z");                     // lone continuation
    EXPECT_EQ(escaped("a\xC3"), "a" + fffd);                            // cut at the end
    EXPECT_EQ(escaped("\xC3(x"), fffd + "(x");                          // bad continuation
    EXPECT_EQ(escaped("\xC0\x80"), fffd + fffd);                        // overlong NUL
    EXPECT_EQ(escaped("\xE0\x80\xAF"), fffd + fffd + fffd);             // overlong '/'
    EXPECT_EQ(escaped("\xED\xA0\x80"), fffd + fffd + fffd);             // surrogate D800
    EXPECT_EQ(escaped("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // past U+10FFFF
    EXPECT_EQ(escaped("\xFF\xFE"), fffd + fffd);
}

TEST(JsonWriterTest, EveryByteWrittenParsesBack) {
    std::string all_bytes;
    for (int c = 0; c < 256; ++c) {
        all_bytes += static_cast<char>(c);
    }
    std::string out;
    JsonWriter(out).string(all_bytes);
    // ASCII as it was; 0x80..0xFF in that order is no UTF-8 sequence: one U+FFFD per byte.
    std::string expected = all_bytes.substr(0, 128);
    for (int i = 0; i < 128; ++i) {
        expected += "\xEF\xBF\xBD";
    }
    EXPECT_EQ(json::parse(out).get<std::string>(), expected);

    const std::string text = "\"quoted\" \\ back\nslash\t caf\xC3\xA9";
    out.clear();
    JsonWriter(out).string(text);
    EXPECT_EQ(json::parse(out).get<std::string>(), text);
}

TEST(JsonWriterTest, NumbersReadBackExactly) {
    for (double value : {0.0, -0.0, 1.0, 0.1, 1.0 / 3, 1763812345.123456, 1e-300, 1e300,
                         std::numeric_limits<double>::max(), std::numeric_limits<double>::min()}) {
        std::string out;
        JsonWriter(out).number(value);
        EXPECT_EQ(json::parse(out).get<double>(), value) << out;
    }
    std::string out;
    JsonWriter(out).number(10.0);
    EXPECT_EQ(out, "10");
}

TEST(JsonWriterTest, FloatingKeepsAFractionSoReadersSeeADouble) {
    auto floating = [](double value) {
        std::string out;
        JsonWriter(out).floating(value);
        return out;
    };
    EXPECT_EQ(floating(10), "10.0");
    EXPECT_EQ(floating(-3), "-3.0");
    EXPECT_EQ(floating(2.5), "2.5");
    EXPECT_EQ(floating(1e20), "1e+20");
    EXPECT_TRUE(json::parse(floating(10)).is_number_float());
    EXPECT_TRUE(json::parse(floating(1e20)).is_number_float());
    EXPECT_EQ(json::parse(floating(1763812345.5)).get<double>(), 1763812345.5);
}

TEST(JsonWriterTest, NonFiniteNumbersAreWrittenAsZero) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    std::string out;
    JsonWriter w(out);
    w.begin_array();
    w.number(nan);
    w.number(inf);
    w.floating(-inf);
    w.end_array();
    EXPECT_EQ(out, "[0,0,0.0]");
}

TEST(JsonWriterTest, IntegersCoverTheirRange) {
    std::string out;
    JsonWriter w(out);
    w.begin_array();
    w.integer(std::numeric_limits<std::int64_t>::min());
    w.integer(std::numeric_limits<std::int64_t>::max());
    w.integer(0);
    w.end_array();
    EXPECT_EQ(out, "[-9223372036854775808,9223372036854775807,0]");
}

TEST(JsonWriterTest, SeparatesNestedObjectsAndArrays) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.field("name", "web1");
    w.field("state", 2);
    w.field("flapping", false);
    w.key("nothing");
    w.null();
    w.key("list");
    w.begin_array();
    w.begin_object();
    w.end_object();
    w.begin_array();
    w.end_array();
    w.raw("{\"spliced\":true}");
    w.string("x");
    w.end_array();
    w.key("empty");
    w.begin_object();
    w.end_object();
    w.field("last", 1.5);
    w.end_object();
    EXPECT_EQ(out,
              "{\"name\":\"web1\",\"state\":2,\"flapping\":false,\"nothing\":null,"
              "\"list\":[{},[],{\"spliced\":true},\"x\"],\"empty\":{},\"last\":1.5}");
    EXPECT_TRUE(json::accept(out));
}

TEST(JsonWriterTest, AppendsToWhatTheStringHolds) {
    std::string out = "prefix:";
    JsonWriter(out).string("v");
    EXPECT_EQ(out, "prefix:\"v\"");
}

}  // namespace
}  // namespace yagura::core
