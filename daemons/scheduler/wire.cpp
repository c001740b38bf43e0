#include "scheduler/wire.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/net/http.hpp>

namespace yagura::scheduler {

using nlohmann::json;

namespace {

[[noreturn]] void bad(const std::string& message) {
    throw core::Error(core::ErrorKind::invalid_input, message);
}

// Plugins print whatever bytes they like: never let a byte that is not UTF-8 turn an answer
// into an exception.
std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool flag(const net::Request& request, const char* name, bool fallback) {
    auto value = request.param(name);
    if (!value) {
        return fallback;
    }
    auto text = core::trim(*value);
    if (text == "1" || text == "true" || text == "True") {
        return true;
    }
    if (text == "0" || text == "false" || text == "False" || text.empty()) {
        return false;
    }
    bad(std::string(name) + " expects 0 or 1, got \"" + *value + "\"");
}

std::vector<std::string> list(const net::Request& request, const char* name,
                              std::vector<std::string> fallback) {
    auto value = request.param(name);
    if (!value) {
        return fallback;
    }
    auto items = core::split(*value, ',');
    return items.empty() ? fallback : items;
}

void append_part(json& out, const std::string& running_id, std::optional<std::int64_t> part_id) {
    out["running_id"] = running_id;
    out["part_id"] = part_id ? json(*part_id) : json(nullptr);
}

const json* member(const json& object, const char* key) {
    auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string_view text_field(const json& entry, const char* key, const std::string& where) {
    const json* value = member(entry, key);
    if (value == nullptr) {
        return {};
    }
    if (!value->is_string()) {
        bad(where + "." + key + " expects a string");
    }
    return value->get_ref<const std::string&>();
}

double number_field(const json& entry, const char* key, const std::string& where) {
    const json* value = member(entry, key);
    if (value == nullptr) {
        return 0;
    }
    if (!value->is_number() || !std::isfinite(value->get<double>())) {
        bad(where + "." + key + " expects a number");
    }
    return value->get<double>();
}

engine::ActionResult read_result(const json& entry, const std::string& where) {
    if (!entry.is_object()) {
        bad(where + " expects an object, got " + dump(entry).substr(0, 200));
    }
    engine::ActionResult result;
    result.id = text_field(entry, "id", where);
    if (result.id.empty()) {
        bad(where + ".id is missing: every result names the action it answers");
    }
    const json* status = member(entry, "exit_status");
    if (status == nullptr) {
        status = member(entry, "return_code");  // Shinken's name
    }
    if (status == nullptr || !status->is_number_integer() || status->get<long long>() < 0 ||
        status->get<long long>() > 255) {
        bad(where + ".exit_status expects an integer 0..255");
    }
    result.exit_status = status->get<int>();
    result.output = text_field(entry, "output", where);
    result.long_output = text_field(entry, "long_output", where);
    result.perf_data = text_field(entry, "perf_data", where);
    result.start_time = number_field(entry, "start_time", where);
    result.end_time = number_field(entry, "end_time", where);
    result.execution_time = number_field(entry, "execution_time", where);
    if (const json* timed_out = member(entry, "timed_out")) {
        if (!timed_out->is_boolean()) {
            bad(where + ".timed_out expects true or false");
        }
        result.timed_out = timed_out->get<bool>();
    }
    return result;
}

json parse_body(const std::string& body, const char* what) {
    json document = json::parse(body, nullptr, false);
    if (document.is_discarded()) {
        bad(std::string(what) + ": the body is not JSON");
    }
    if (!document.is_object()) {
        bad(std::string(what) + ": the body expects an object");
    }
    return document;
}

}  // namespace

double parse_wait(const net::Request& request) {
    auto value = request.param("wait");
    if (!value || core::trim(*value).empty()) {
        return 0;
    }
    auto seconds = core::parse_double(*value);
    if (!seconds || !std::isfinite(*seconds) || *seconds < 0) {
        bad("wait expects a number of seconds >= 0, got \"" + *value + "\"");
    }
    return std::min(*seconds, kMaxWaitSeconds);
}

ChecksRequest parse_checks_request(const net::Request& request) {
    ChecksRequest out;
    engine::WorkerRequest& worker = out.worker;
    worker.do_checks = flag(request, "do_checks", true);
    worker.do_actions = flag(request, "do_actions", false);
    worker.poller_tags = list(request, "poller_tags", {"None"});
    worker.reactionner_tags = list(request, "reactionner_tags", {"None"});
    worker.module_types = list(request, "module_types", {"fork"});
    worker.worker_name = request.param("worker_name").value_or("none");
    if (auto max = request.param("max_actions"); max && !core::trim(*max).empty()) {
        auto n = core::parse_int(*max);
        if (!n || *n < 0) {
            bad("max_actions expects an integer >= 0, got \"" + *max + "\"");
        }
        worker.max_actions = static_cast<std::size_t>(*n);
    }
    out.wait = parse_wait(request);
    return out;
}

std::string checks_answer(const std::string& running_id, std::optional<std::int64_t> part_id,
                          const std::vector<engine::Action>& actions) {
    json out = json::object();
    append_part(out, running_id, part_id);
    json list = json::array();
    for (const engine::Action& a : actions) {
        json item = {{"id", a.id},
                     {"kind", engine::to_string(a.kind)},
                     {"command", a.command},
                     {"timeout", a.timeout},
                     {"host_name", a.host_name},
                     {"t_to_go", a.t_to_go},
                     {"priority", a.priority},
                     {"module_type", a.module_type}};
        if (!a.service_description.empty()) {
            item["service_description"] = a.service_description;
        }
        if (!a.contact_name.empty()) {
            item["contact_name"] = a.contact_name;
        }
        if (!a.notification_type.empty()) {
            item["notification_type"] = a.notification_type;
        }
        list.push_back(std::move(item));
    }
    out["actions"] = std::move(list);
    return dump(out);
}

ResultsBatch parse_results(const std::string& body) {
    ResultsBatch batch;
    batch.document = std::make_unique<json>(parse_body(body, "put_results"));
    const json* results = member(*batch.document, "results");
    if (results == nullptr || !results->is_array()) {
        bad("put_results: \"results\" expects an array of results");
    }
    batch.results.reserve(results->size());
    for (std::size_t i = 0; i < results->size(); ++i) {
        batch.results.push_back(read_result((*results)[i], "results[" + std::to_string(i) + "]"));
    }
    return batch;
}

std::string broks_answer(const std::string& running_id, std::optional<std::int64_t> part_id,
                         const std::vector<std::string>& broks) {
    json head = json::object();
    append_part(head, running_id, part_id);
    std::string out = dump(head);
    std::size_t size = out.size() + 16;
    for (const auto& b : broks) {
        size += b.size() + 1;
    }
    out.reserve(size);
    out.pop_back();  // the closing brace: the broks are spliced in without a parse
    out += ",\"broks\":[";
    for (std::size_t i = 0; i < broks.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += broks[i];
    }
    out += "]}";
    return out;
}

std::vector<CommandEntry> parse_commands(const std::string& body) {
    json document = parse_body(body, "run_external_commands");
    const json* commands = member(document, "commands");
    if (commands == nullptr || !commands->is_array()) {
        bad("run_external_commands: \"commands\" expects an array of command lines");
    }
    std::vector<CommandEntry> out;
    out.reserve(commands->size());
    for (const json& c : *commands) {
        if (!c.is_string()) {
            out.push_back({dump(c).substr(0, 200), "a command line is a string"});
            continue;
        }
        out.push_back({c.get<std::string>(), {}});
    }
    return out;
}

}  // namespace yagura::scheduler
