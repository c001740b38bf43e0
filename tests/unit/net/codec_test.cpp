#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/net/codec.hpp>

namespace yagura::net {
namespace {

TEST(Codec, PercentDecodingIsLenientWithBrokenEscapes) {
    EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
    EXPECT_EQ(percent_decode("a%20b+c", false), "a b+c");
    EXPECT_EQ(percent_decode("100%", true), "100%");
    EXPECT_EQ(percent_decode("%zz%4", true), "%zz%4");
    EXPECT_EQ(percent_decode(percent_encode("h/ost;1 é"), false), "h/ost;1 é");
}

TEST(Codec, ParamsKeepRepeatedKeysAndEmptyValues) {
    auto params = parse_params("a=1&&b&a=2&c=x%3Dy");
    EXPECT_EQ(params.count("a"), 2u);
    EXPECT_EQ(params.find("b")->second, "");
    EXPECT_EQ(params.find("c")->second, "x=y");
}

TEST(Codec, SplitTargetDecodesPathAndQuery) {
    std::string path;
    Params query;
    split_target("/get%5Fchecks?do_checks=1&poller_tags=None,DC1", path, query);
    EXPECT_EQ(path, "/get_checks");
    EXPECT_EQ(query.find("poller_tags")->second, "None,DC1");
}

TEST(Codec, Base64RoundTripAndRejectsGarbage) {
    for (std::string text : {"", "a", "ab", "abc", "admin:s3cr3t"}) {
        EXPECT_EQ(base64_decode(base64_encode(text)), text);
    }
    EXPECT_FALSE(base64_decode("a*b="));
    EXPECT_FALSE(base64_decode("ab=c"));
}

TEST(RequestTest, JsonThrowsInvalidInputWithParserMessage) {
    Request request;
    request.body = "{\"a\": [1,}";
    try {
        request.json();
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);
        EXPECT_NE(std::string(e.what()).find("malformed JSON"), std::string::npos);
    }
    request.body = "";
    EXPECT_THROW(request.json(), core::Error);
}

TEST(RequestTest, NumberTooBigForADoubleIsTheSendersError) {
    Request request;
    request.body = "{\"return_code\": 1e999}";
    try {
        request.json();
        FAIL();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);  // a 400, not a 500
    }
}

TEST(RequestTest, FormIsOnlyDecodedForFormBodies) {
    Request request;
    request.body = "host_name=a&return_code=2";
    EXPECT_TRUE(request.form().empty());
    request.headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";
    EXPECT_EQ(request.param("return_code"), "2");
}

TEST(RequestTest, BasicAuthIgnoresOtherSchemesAndMalformedValues) {
    Request request;
    EXPECT_FALSE(request.basic_auth());
    request.headers["authorization"] = "Bearer abc";
    EXPECT_FALSE(request.basic_auth());
    request.headers["authorization"] = "Basic !!!";
    EXPECT_FALSE(request.basic_auth());
    request.headers["authorization"] = "basic " + base64_encode("user:pa:ss");
    ASSERT_TRUE(request.basic_auth());
    EXPECT_EQ(request.basic_auth()->password, "pa:ss");
}

TEST(ResponseTest, ErrorHasTheSharedShape) {
    auto response = Response::error(409, "conflict", "older epoch");
    EXPECT_EQ(response.status, 409);
    EXPECT_EQ(nlohmann::json::parse(response.body),
              nlohmann::json({{"error", "conflict"}, {"detail", "older epoch"}}));
    EXPECT_EQ(response.headers["content-type"], "application/json");
}

TEST(ResponseTest, InvalidUtf8IsReplacedNotThrown) {
    auto response = Response::json(std::string("bad \xff output"));
    EXPECT_EQ(response.status, 200);
    EXPECT_NE(response.body.find("bad"), std::string::npos);
}

}  // namespace
}  // namespace yagura::net
