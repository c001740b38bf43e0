#include "scheduler/wire.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/json_writer.hpp>
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

void write_part(core::JsonWriter& w, const std::string& running_id,
                std::optional<std::int64_t> part_id) {
    w.field("running_id", running_id);
    w.key("part_id");
    if (part_id) {
        w.integer(*part_id);
    } else {
        w.null();
    }
}

// A usual check (command line, names, numbers) takes about this many bytes of JSON: one
// reservation serves most answers.
constexpr std::size_t kActionSizeGuess = 320;

// The timeout and t_to_go are doubles and are written as such ("10.0"), as before.
void write_action(core::JsonWriter& w, const engine::Action& a) {
    w.begin_object();
    w.field("id", a.id);
    w.field("kind", engine::to_string(a.kind));
    w.field("command", a.command);
    w.key("timeout");
    w.floating(a.timeout);
    w.field("host_name", a.host_name);
    if (!a.service_description.empty()) {
        w.field("service_description", a.service_description);
    }
    w.key("t_to_go");
    w.floating(a.t_to_go);
    w.field("priority", a.priority);
    w.field("module_type", a.module_type);
    if (!a.contact_name.empty()) {
        w.field("contact_name", a.contact_name);
    }
    if (!a.notification_type.empty()) {
        w.field("notification_type", a.notification_type);
    }
    w.end_object();
}

const json* member(const json& object, const char* key) {
    auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
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
    std::string out;
    out.reserve(64 + running_id.size() + actions.size() * kActionSizeGuess);
    core::JsonWriter w(out);
    w.begin_object();
    write_part(w, running_id, part_id);
    w.key("actions");
    w.begin_array();
    for (const engine::Action& a : actions) {
        write_action(w, a);
    }
    w.end_array();
    w.end_object();
    return out;
}

std::string broks_answer(const std::string& running_id, std::optional<std::int64_t> part_id,
                         const std::vector<std::string>& broks) {
    std::size_t size = 64 + running_id.size();
    for (const auto& b : broks) {
        size += b.size() + 1;
    }
    std::string out;
    out.reserve(size);
    core::JsonWriter w(out);
    w.begin_object();
    write_part(w, running_id, part_id);
    w.key("broks");
    w.begin_array();
    for (const auto& b : broks) {
        w.raw(b);  // brok texts are JSON already: spliced in without a parse
    }
    w.end_array();
    w.end_object();
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
