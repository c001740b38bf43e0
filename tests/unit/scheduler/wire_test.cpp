// The scheduler's wire texts without a DOM: checks_answer read back by a JSON parser, and
// parse_results against bodies good and bad (the messages are the API's contract).
#include "scheduler/wire.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>

namespace yagura::scheduler {
namespace {

using nlohmann::json;

const std::string kReplacement = "\xEF\xBF\xBD";  // U+FFFD

std::vector<engine::Action> sample_actions() {
    std::vector<engine::Action> actions(3);
    engine::Action& host = actions[0];
    host.id = "17-1";
    host.command = "/usr/lib/nagios/plugins/check_ping -H 10.0.0.1 -w 100,20% -c 500,60%";
    host.timeout = 10;
    host.host_name = "web1";
    host.t_to_go = 1763812345.25;
    host.priority = 100;
    host.module_type = "fork";

    engine::Action& service = actions[1];
    service.id = "17-2";
    service.command =
        "echo \"say \\\"hi\\\"\" C:\\temp\nline2\tcaf\xC3\xA9 \xF0\x9F\x98\x80 bad\xFF";
    service.timeout = 0.5;
    service.host_name = "h\xC3\xB4te-\xC3";  // ends cut in a UTF-8 sequence
    service.service_description = "Disk \"/\"";
    service.t_to_go = 1763812346;
    service.priority = -3;
    service.module_type = "nrpe";

    engine::Action& notification = actions[2];
    notification.id = "17-3";
    notification.kind = engine::ActionKind::notification;
    notification.command = "notify-by-email";
    notification.timeout = 30;
    notification.host_name = "web1";
    notification.service_description = "HTTP";
    notification.contact_name = "admin";
    notification.notification_type = "PROBLEM";
    notification.module_type = "fork";
    return actions;
}

// What a reader gets for a text that held the given bytes.
std::string as_read(std::string_view text) {
    json value =
        json::parse(json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace));
    return value.get<std::string>();
}

TEST(ChecksAnswerTest, ReadsBackFieldByField) {
    const auto actions = sample_actions();
    json answer = json::parse(checks_answer("run-42", 7, actions));
    EXPECT_EQ(answer["running_id"], "run-42");
    EXPECT_EQ(answer["part_id"], 7);
    ASSERT_EQ(answer["actions"].size(), actions.size());
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const engine::Action& a = actions[i];
        const json& item = answer["actions"][i];
        SCOPED_TRACE(item.dump());
        EXPECT_EQ(item["id"], a.id);
        EXPECT_EQ(item["kind"], std::string(engine::to_string(a.kind)));
        EXPECT_EQ(item["command"], as_read(a.command));
        EXPECT_TRUE(item["timeout"].is_number_float());
        EXPECT_EQ(item["timeout"].get<double>(), a.timeout);
        EXPECT_EQ(item["host_name"], as_read(a.host_name));
        EXPECT_TRUE(item["t_to_go"].is_number_float());
        EXPECT_EQ(item["t_to_go"].get<double>(), a.t_to_go);
        EXPECT_EQ(item["priority"], a.priority);
        EXPECT_EQ(item["module_type"], a.module_type);
        // Optional keys are there exactly when they have a value.
        EXPECT_EQ(item.contains("service_description"), !a.service_description.empty());
        EXPECT_EQ(item.contains("contact_name"), !a.contact_name.empty());
        EXPECT_EQ(item.contains("notification_type"), !a.notification_type.empty());
        if (!a.service_description.empty()) {
            EXPECT_EQ(item["service_description"], as_read(a.service_description));
        }
        if (!a.contact_name.empty()) {
            EXPECT_EQ(item["contact_name"], a.contact_name);
            EXPECT_EQ(item["notification_type"], a.notification_type);
        }
        EXPECT_EQ(item.size(), 8 + item.count("service_description") + item.count("contact_name") +
                                   item.count("notification_type"));
    }
    // The odd bytes themselves: escapes undone, UTF-8 kept, invalid bytes replaced.
    EXPECT_EQ(
        answer["actions"][1]["command"],
        "echo \"say \\\"hi\\\"\" C:\\temp\nline2\tcaf\xC3\xA9 \xF0\x9F\x98\x80 bad" + kReplacement);
    EXPECT_EQ(answer["actions"][1]["host_name"], "h\xC3\xB4te-" + kReplacement);
}

TEST(ChecksAnswerTest, NoPartAndNoActions) {
    json answer = json::parse(checks_answer("r", std::nullopt, {}));
    EXPECT_TRUE(answer["part_id"].is_null());
    EXPECT_TRUE(answer["actions"].is_array());
    EXPECT_TRUE(answer["actions"].empty());
}

TEST(BroksAnswerTest, SplicesBrokTexts) {
    json answer = json::parse(broks_answer("r", 3, {"{\"type\":\"a\"}", "{\"type\":\"b\"}"}));
    EXPECT_EQ(answer, json::parse(R"({"running_id":"r","part_id":3,
                                      "broks":[{"type":"a"},{"type":"b"}]})"));
    EXPECT_TRUE(json::parse(broks_answer("r", std::nullopt, {}))["broks"].empty());
}

TEST(ParseResultsTest, ReadsEveryField) {
    ResultsBatch batch = parse_results(R"({"results": [
        {"id": "17-1", "exit_status": 2, "output": "CRITICAL - \"x\" \\ \u00e9 \ud83d\ude00",
         "long_output": "line1\nline2", "perf_data": "t=1;2;3", "start_time": 1763812345.5,
         "end_time": 1763812346, "execution_time": 0.25, "timed_out": true},
        {"id": "17-2", "return_code": 1},
        {"id": "17-3", "exit_status": 0, "output": null, "timed_out": null, "start_time": null,
         "worker": {"name": ["nested", {"deep": [1, 2]}]}, "extra": "ignored"}]})");
    ASSERT_EQ(batch.results.size(), 3U);
    const engine::ActionResult& full = batch.results[0];
    EXPECT_EQ(full.id, "17-1");
    EXPECT_EQ(full.exit_status, 2);
    EXPECT_EQ(full.output, "CRITICAL - \"x\" \\ \xC3\xA9 \xF0\x9F\x98\x80");
    EXPECT_EQ(full.long_output, "line1\nline2");
    EXPECT_EQ(full.perf_data, "t=1;2;3");
    EXPECT_EQ(full.start_time, 1763812345.5);
    EXPECT_EQ(full.end_time, 1763812346);
    EXPECT_EQ(full.execution_time, 0.25);
    EXPECT_TRUE(full.timed_out);

    EXPECT_EQ(batch.results[1].id, "17-2");
    EXPECT_EQ(batch.results[1].exit_status, 1);  // Shinken's return_code
    EXPECT_TRUE(batch.results[1].output.empty());

    const engine::ActionResult& sparse = batch.results[2];
    EXPECT_EQ(sparse.exit_status, 0);
    EXPECT_TRUE(sparse.output.empty());
    EXPECT_FALSE(sparse.timed_out);
    EXPECT_EQ(sparse.start_time, 0);
}

TEST(ParseResultsTest, ViewsPointIntoTheBatchAndSurviveItsMove) {
    ResultsBatch batch = parse_results(R"({"results": [{"id": "a", "exit_status": 0,
                                                        "output": "OK"}]})");
    ResultsBatch moved = std::move(batch);
    ASSERT_EQ(moved.results.size(), 1U);
    const char* begin = moved.text.data();
    const char* end = begin + moved.text.size();
    for (std::string_view view : {moved.results[0].id, moved.results[0].output}) {
        EXPECT_GE(view.data(), begin);
        EXPECT_LE(view.data() + view.size(), end);
    }
    EXPECT_EQ(moved.results[0].id, "a");
    EXPECT_EQ(moved.results[0].output, "OK");
}

TEST(ParseResultsTest, ARepeatedKeyCountsByItsLastValue) {
    ResultsBatch batch = parse_results(
        R"({"results": [{"exit_status": 9}], "results": [{"id": "x", "exit_status": 3,
            "exit_status": 1, "output": "first", "output": "second"}]})");
    ASSERT_EQ(batch.results.size(), 1U);
    EXPECT_EQ(batch.results[0].exit_status, 1);
    EXPECT_EQ(batch.results[0].output, "second");
    EXPECT_TRUE(parse_results(R"({"results": [], "other": {"results": 3}})").results.empty());
}

std::string refusal(const std::string& body) {
    try {
        (void)parse_results(body);
    } catch (const core::Error& e) {
        EXPECT_EQ(e.kind(), core::ErrorKind::invalid_input);
        return e.what();
    }
    return "accepted";
}

TEST(ParseResultsTest, RefusesTheBatchNamingTheFieldAtFault) {
    const std::string ok = R"({"id": "a", "exit_status": 0})";
    auto batch = [&](const std::string& bad) {
        return R"({"results": [)" + ok + "," + ok + "," + ok + "," + bad + "," + ok + "]}";
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"exit_status": 0})",
         "results[3].id is missing: every result names the action it "
         "answers"},
        {R"({"id": "", "exit_status": 0})",
         "results[3].id is missing: every result names the "
         "action it answers"},
        {R"({"id": 5, "exit_status": 0})", "results[3].id expects a string"},
        {R"({"id": "x"})", "results[3].exit_status expects an integer 0..255"},
        {R"({"id": "x", "exit_status": "zero"})",
         "results[3].exit_status expects an integer 0..255"},
        {R"({"id": "x", "exit_status": 256})", "results[3].exit_status expects an integer 0..255"},
        {R"({"id": "x", "exit_status": -1})", "results[3].exit_status expects an integer 0..255"},
        {R"({"id": "x", "exit_status": 1.0})", "results[3].exit_status expects an integer 0..255"},
        {R"({"id": "x", "exit_status": 18446744073709551615})",
         "results[3].exit_status expects an integer 0..255"},
        {R"({"id": "x", "exit_status": null, "return_code": true})",
         "results[3].exit_status expects an integer 0..255"},
        {R"({"id": "x", "exit_status": 0, "output": 12})", "results[3].output expects a string"},
        {R"({"id": "x", "exit_status": 0, "long_output": ["a"]})",
         "results[3].long_output expects a string"},
        {R"({"id": "x", "exit_status": 0, "perf_data": {}})",
         "results[3].perf_data expects a string"},
        {R"({"id": "x", "exit_status": 0, "start_time": "now"})",
         "results[3].start_time expects a number"},
        {R"({"id": "x", "exit_status": 0, "end_time": false})",
         "results[3].end_time expects a number"},
        {R"({"id": "x", "exit_status": 0, "execution_time": [1]})",
         "results[3].execution_time expects a number"},
        {R"({"id": "x", "exit_status": 0, "timed_out": "no"})",
         "results[3].timed_out expects true or false"},
        {R"({"id": "x", "exit_status": 0, "timed_out": 0})",
         "results[3].timed_out expects true or false"},
        // Several faults: the first in the checking order is named, not the first written.
        {R"({"timed_out": 1, "output": 2, "exit_status": "x"})",
         "results[3].id is missing: every result names the action it answers"},
        {R"({"timed_out": 1, "output": 2, "id": "x", "exit_status": 3})",
         "results[3].output expects a string"},
        {R"("not an object")", "results[3] expects an object, got \"not an object\""},
        {R"([1, {"a": null}])", "results[3] expects an object, got [1,{\"a\":null}]"},
        {R"(null)", "results[3] expects an object, got null"},
    };
    for (const auto& [bad, message] : cases) {
        EXPECT_EQ(refusal(batch(bad)), message) << bad;
    }
}

TEST(ParseResultsTest, RefusesBodiesThatAreNoBatch) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "put_results: the body is not JSON"},
        {"{", "put_results: the body is not JSON"},
        {R"({"results": []} trailing)", "put_results: the body is not JSON"},
        {R"({"results": [1e999]})", "put_results: the body is not JSON"},
        {"{\"results\": [{\"id\": \"bad\xFF\", \"exit_status\": 0}]}",
         "put_results: the body is not JSON"},
        // A syntax error anywhere wins over a fault before it, as with a whole parse.
        {R"({"results": [{"id": 1}, {"id": "x", "exit_status": 0},])",
         "put_results: the body is not JSON"},
        {"[]", "put_results: the body expects an object"},
        {"\"results\"", "put_results: the body expects an object"},
        {"{}", "put_results: \"results\" expects an array of results"},
        {R"({"results": null})", "put_results: \"results\" expects an array of results"},
        {R"({"results": 3})", "put_results: \"results\" expects an array of results"},
        {R"({"results": {"id": "x"}})", "put_results: \"results\" expects an array of results"},
        {R"({"results": [], "results": "again"})",
         "put_results: \"results\" expects an array of results"},
    };
    for (const auto& [body, message] : cases) {
        EXPECT_EQ(refusal(body), message) << body;
    }
}

TEST(ParseResultsTest, LongEntriesAreQuotedInPart) {
    std::string long_text(500, 'x');
    std::string message = refusal(R"({"results": [")" + long_text + R"("]})");
    EXPECT_EQ(message, "results[0] expects an object, got \"" + long_text.substr(0, 199));
}

}  // namespace
}  // namespace yagura::scheduler
