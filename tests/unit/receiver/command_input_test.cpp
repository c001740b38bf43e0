#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/daemon/command_input.hpp>
#include <yagura/net/http.hpp>

namespace yagura::daemon {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr double kNow = 1'700'000'000;

net::Request post(std::string body, std::string content_type) {
    net::Request r;
    r.method = "POST";
    r.body = std::move(body);
    r.headers["content-type"] = std::move(content_type);
    return r;
}

std::string error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);
        return e.what();
    }
    return "no error";
}

TEST(CheckResultCommands, JsonObjectBecomesAServiceResult) {
    auto lines = check_result_commands(
        post(R"({"host_name": "web1", "service_description": "HTTP", "return_code": 2,
                 "output": "CRITICAL - down|time=3s", "time_stamp": 1699999990})",
             "application/json"),
        kNow);
    EXPECT_THAT(lines, ElementsAre("[1699999990] PROCESS_SERVICE_CHECK_RESULT;web1;HTTP;2;"
                                   "CRITICAL - down|time=3s"));
}

TEST(CheckResultCommands, JsonArrayHostResultsAndDefaultTime) {
    auto lines =
        check_result_commands(post(R"([{"host_name": "db1", "return_code": 1, "output": "DOWN"},
                 {"host_name": "db2", "service_description": "Disk", "return_code": "0",
                  "output": "first\nsecond\n"}])",
                                   "application/json"),
                              kNow);
    EXPECT_THAT(lines, ElementsAre("[1700000000] PROCESS_HOST_CHECK_RESULT;db1;1;DOWN",
                                   "[1700000000] PROCESS_SERVICE_CHECK_RESULT;db2;Disk;0;"
                                   "first\\nsecond"));
}

TEST(CheckResultCommands, WsArbiterFormWithRepeatedFields) {
    auto lines = check_result_commands(
        post("time_stamp=1699999999&host_name=a&service_description=Load&return_code=0&output="
             "OK+load&time_stamp=1699999998&host_name=b&service_description=Load&return_code=1"
             "&output=WARN%3B+high",
             "application/x-www-form-urlencoded"),
        kNow);
    EXPECT_THAT(lines,
                ElementsAre("[1699999999] PROCESS_SERVICE_CHECK_RESULT;a;Load;0;OK load",
                            "[1699999998] PROCESS_SERVICE_CHECK_RESULT;b;Load;1;WARN; high"));
}

TEST(CheckResultCommands, BadResultsNameTheFault) {
    EXPECT_THAT(error_of([] {
                    check_result_commands(post("host_name=a&host_name=b&return_code=0",
                                               "application/x-www-form-urlencoded"),
                                          kNow);
                }),
                HasSubstr("return_code is given 1 times but host_name 2 times"));
    EXPECT_THAT(error_of([] {
                    check_result_commands(post(R"([{"host_name": "a", "return_code": 0},
                                 {"host_name": "b;x", "return_code": 0}])",
                                               "application/json"),
                                          kNow);
                }),
                HasSubstr("result 1: host_name 'b;x' contains ';'"));
    EXPECT_THAT(error_of([] {
                    check_result_commands(post(R"({"host_name": "a", "service_description": "s",
                                 "return_code": 7})",
                                               "application/json"),
                                          kNow);
                }),
                HasSubstr("return_code 7 is out of range 0..3"));
    EXPECT_THAT(
        error_of([] { check_result_commands(post(R"({"service_description": "s"})", ""), kNow); }),
        HasSubstr("host_name is missing"));
    EXPECT_THAT(error_of([] { check_result_commands(post("{oops", "application/json"), kNow); }),
                ::testing::Not(HasSubstr("no error")));
}

TEST(ExternalCommandLines, EveryBodyShape) {
    EXPECT_THAT(
        external_command_lines(post(R"({"commands": ["[1] A;b", " C;d "]})", "application/json")),
        ElementsAre("[1] A;b", "C;d"));
    EXPECT_THAT(external_command_lines(post(R"(["X;1"])", "")), ElementsAre("X;1"));
    EXPECT_THAT(external_command_lines(post("[1] A;b\r\n\n  C;d\n", "text/plain")),
                ElementsAre("[1] A;b", "C;d"));
    EXPECT_THAT(external_command_lines(
                    post("command=A%3Bb&command=C%3Bd", "application/x-www-form-urlencoded")),
                ElementsAre("A;b", "C;d"));
    EXPECT_THAT(
        error_of([] { external_command_lines(post(R"({"commands": [1]})", "application/json")); }),
        HasSubstr("command 0 is not a string"));
    EXPECT_THAT(
        error_of([] { external_command_lines(post(R"({"command": "A"})", "application/json")); }),
        HasSubstr("\"commands\""));
}

}  // namespace
}  // namespace yagura::daemon
