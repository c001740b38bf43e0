#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/net/codec.hpp>
#include <yagura/satellite/wire.hpp>

namespace yagura::satellite {

using nlohmann::json;

namespace {

// Plugins print whatever bytes they like (latin-1 is common): never let a byte that is not
// UTF-8 turn a result into an exception.
std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<exec::ActionKind> kind_of(const std::string& name, bool has_service) {
    if (name == "check") {
        return has_service ? exec::ActionKind::service_check : exec::ActionKind::host_check;
    }
    if (name == "notification") {
        return exec::ActionKind::notification;
    }
    if (name == "eventhandler" || name == "event_handler") {
        return exec::ActionKind::event_handler;
    }
    return std::nullopt;
}

std::string optional_text(const json& item, const char* key) {
    auto it = item.find(key);
    return it != item.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

double optional_number(const json& item, const char* key) {
    auto it = item.find(key);
    return it != item.end() && it->is_number() ? it->get<double>() : 0.0;
}

// Fills `order` from one entry of "actions"; returns why it cannot run, or "".
std::string read_order(const json& item, ActionOrder& order) {
    order.command = optional_text(item, "command");
    if (order.command.empty() || core::trim(order.command).empty()) {
        return "the scheduler sent no command line";
    }
    order.host_name = optional_text(item, "host_name");
    order.service_description = optional_text(item, "service_description");
    auto kind_name = item.contains("kind") ? optional_text(item, "kind") : std::string("check");
    auto kind = kind_of(kind_name, !order.service_description.empty());
    if (!kind) {
        return "unknown action kind \"" + kind_name + "\"";
    }
    order.kind = *kind;
    order.timeout = optional_number(item, "timeout");
    order.t_to_go = optional_number(item, "t_to_go");
    if (auto env = item.find("env"); env != item.end() && !env->is_null()) {
        if (!env->is_object()) {
            return "\"env\" is not an object";
        }
        for (const auto& [name, value] : env->items()) {
            if (name.empty() || name.find('=') != std::string::npos) {
                return "bad environment variable name \"" + name + "\"";
            }
            order.env.push_back(name + "=" +
                                (value.is_string() ? value.get<std::string>() : dump(value)));
        }
    }
    return {};
}

}  // namespace

std::string checks_target(const ChecksQuery& query) {
    bool poller = query.role == Role::poller;
    auto tags = net::percent_encode(core::join(query.tags, ","));
    return fmt::format(
        "/get_checks?do_checks={}&do_actions={}&{}={}&worker_name={}&module_types=fork"
        "&max_actions={}&wait={}",
        poller ? 1 : 0, poller ? 0 : 1, tags_key(query.role), tags,
        net::percent_encode(query.worker_name), query.max_actions, query.wait);
}

ChecksAnswer parse_checks_answer(const json& answer) {
    auto bad = [](const std::string& message) {
        return core::Error(core::ErrorKind::invalid_input, "get_checks answer: " + message);
    };
    if (!answer.is_object()) {
        throw bad("expects an object, got " + dump(answer).substr(0, 200));
    }
    ChecksAnswer out;
    auto running_id = answer.find("running_id");
    if (running_id == answer.end() || running_id->is_null()) {
        throw bad("no running_id");
    }
    out.running_id = running_id->is_string() ? running_id->get<std::string>() : dump(*running_id);
    if (auto part = answer.find("part_id"); part != answer.end() && part->is_number_integer()) {
        out.part_id = part->get<int>();
    }
    auto actions = answer.find("actions");
    if (actions == answer.end() || actions->is_null()) {
        return out;
    }
    if (!actions->is_array()) {
        throw bad("\"actions\" is not an array");
    }
    out.actions.reserve(actions->size());
    for (const auto& item : *actions) {
        if (!item.is_object()) {
            out.rejected.push_back({{}, "an action that is not an object: " + dump(item)});
            continue;
        }
        auto id = item.find("id");
        if (id == item.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
            out.rejected.push_back({{}, "an action without a string id: " + dump(item)});
            continue;
        }
        ActionOrder order;
        order.id = id->get<std::string>();
        if (auto reason = read_order(item, order); !reason.empty()) {
            out.rejected.push_back({order.id, reason});
            continue;
        }
        out.actions.push_back(std::move(order));
    }
    return out;
}

exec::Command command_for(const ActionOrder& order, const RunDefaults& defaults) {
    exec::Command command;
    command.command_line = order.command;
    command.timeout = order.timeout > 0 ? order.timeout : defaults.timeout;
    command.env = order.env;
    command.kind = order.kind;
    command.max_output = defaults.max_output;
    command.timeout_exit_status = defaults.timeout_exit_status;
    return command;
}

std::string result_entry(const std::string& id, const exec::Result& result) {
    json entry = {{"id", id},
                  {"exit_status", result.exit_status},
                  {"output", result.output},
                  {"long_output", result.long_output},
                  {"perf_data", result.perf_data},
                  {"start_time", result.start_time},
                  {"end_time", result.end_time},
                  {"execution_time", result.execution_time},
                  {"timed_out", result.timed_out}};
    return dump(entry);
}

std::string rejected_entry(const RejectedAction& rejected, double now) {
    json entry = {{"id", rejected.id},
                  {"exit_status", 3},
                  {"output", "(yagura could not run this action: " + rejected.reason + ")"},
                  {"long_output", ""},
                  {"perf_data", ""},
                  {"start_time", now},
                  {"end_time", now},
                  {"execution_time", 0.0},
                  {"timed_out", false}};
    return dump(entry);
}

std::string put_results_body(const std::vector<const std::string*>& entries) {
    std::size_t size = 16;
    for (const auto* entry : entries) {
        size += entry->size() + 1;
    }
    std::string body;
    body.reserve(size);
    body += "{\"results\":[";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) {
            body += ',';
        }
        body += *entries[i];
    }
    body += "]}";
    return body;
}

PutResultsAnswer parse_put_results_answer(const json& answer) {
    if (!answer.is_object()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "put_results answer: expects an object, got " + dump(answer));
    }
    auto count = [&](const char* key) -> std::size_t {
        auto it = answer.find(key);
        if (it == answer.end() || !it->is_number_integer() || it->get<long long>() < 0) {
            return 0;
        }
        return it->get<std::size_t>();
    };
    return {count("accepted"), count("unknown")};
}

}  // namespace yagura::satellite
