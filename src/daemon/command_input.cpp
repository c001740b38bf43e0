#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/command_input.hpp>
#include <yagura/net/http.hpp>

namespace yagura::daemon {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& message) {
    core::throw_error(core::ErrorKind::invalid_input, message);
}

void check_name(std::string_view what, std::string_view value) {
    if (value.find_first_of(";\r\n") != std::string_view::npos) {
        bad(fmt::format("{} '{}' contains ';' or a newline", what, value));
    }
}

// Long output travels inside one command line: a newline is written as the two characters
// "\n", which the engine turns back into a line break as Nagios does.
std::string escape_output(std::string_view output) {
    std::string out;
    out.reserve(output.size());
    for (std::size_t i = 0; i < output.size(); ++i) {
        const char c = output[i];
        if (c == '\r') {
            continue;
        }
        if (c == '\n') {
            if (i + 1 < output.size()) {
                out += "\\n";
            }
            continue;
        }
        out += c;
    }
    return out;
}

std::string text_of(const json& value, std::string_view field, std::size_t index) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_number()) {
        return value.dump();
    }
    bad(fmt::format("result {}: '{}' must be a string", index, field));
}

PassiveResult result_from_json(const json& item, std::size_t index) {
    if (!item.is_object()) {
        bad(fmt::format("result {}: expected an object with host_name, return_code, output",
                        index));
    }
    PassiveResult r;
    auto host = item.find("host_name");
    if (host == item.end()) {
        bad(fmt::format("result {}: host_name is missing", index));
    }
    r.host_name = text_of(*host, "host_name", index);
    if (auto s = item.find("service_description"); s != item.end() && !s->is_null()) {
        r.service_description = text_of(*s, "service_description", index);
    }
    auto rc = item.find("return_code");
    if (rc == item.end()) {
        bad(fmt::format("result {}: return_code is missing", index));
    }
    if (rc->is_number_integer()) {
        r.return_code = rc->get<int>();
    } else if (auto parsed =
                   rc->is_string() ? core::parse_int(rc->get<std::string>()) : std::nullopt) {
        r.return_code = static_cast<int>(*parsed);
    } else {
        bad(fmt::format("result {}: return_code must be an integer", index));
    }
    if (auto o = item.find("output"); o != item.end() && !o->is_null()) {
        r.output = text_of(*o, "output", index);
    }
    if (auto t = item.find("time_stamp"); t != item.end() && !t->is_null()) {
        if (t->is_number()) {
            r.time_stamp = t->get<double>();
        } else if (auto parsed =
                       t->is_string() ? core::parse_double(t->get<std::string>()) : std::nullopt) {
            r.time_stamp = *parsed;
        } else {
            bad(fmt::format("result {}: time_stamp must be an epoch number", index));
        }
    }
    return r;
}

std::vector<std::string> results_from_json(const json& body, double now) {
    std::vector<std::string> lines;
    auto add = [&](const json& item, std::size_t index) {
        try {
            lines.push_back(passive_result_command(result_from_json(item, index), now));
        } catch (const core::Error& e) {
            const std::string message = e.what();
            if (core::starts_with(message, "result ")) {
                throw;
            }
            bad(fmt::format("result {}: {}", index, message));
        }
    };
    if (body.is_array()) {
        for (std::size_t i = 0; i < body.size(); ++i) {
            add(body[i], i);
        }
    } else if (body.is_object() && body.contains("results") && body["results"].is_array()) {
        return results_from_json(body["results"], now);
    } else {
        add(body, 0);
    }
    return lines;
}

std::vector<std::string> all_values(const net::Params& form, const std::string& key) {
    std::vector<std::string> values;
    auto [first, last] = form.equal_range(key);
    for (auto it = first; it != last; ++it) {
        values.push_back(it->second);
    }
    return values;
}

// ws_arbiter's form: each field once, or repeated for several results (its lists).
std::vector<std::string> results_from_form(const net::Params& form, double now) {
    const auto hosts = all_values(form, "host_name");
    if (hosts.empty()) {
        bad("host_name is missing");
    }
    const auto count = hosts.size();
    auto field = [&](const std::string& key, bool required) {
        auto values = all_values(form, key);
        if (values.empty() && !required) {
            values.assign(count, "");
        }
        if (values.size() != count) {
            bad(
                fmt::format("{} is given {} times but host_name {} times: every field must be "
                            "repeated as often as host_name",
                            key, values.size(), count));
        }
        return values;
    };
    const auto services = field("service_description", false);
    const auto codes = field("return_code", true);
    const auto outputs = field("output", false);
    const auto stamps = field("time_stamp", false);
    json items = json::array();
    for (std::size_t i = 0; i < count; ++i) {
        json item{{"host_name", hosts[i]}, {"return_code", codes[i]}, {"output", outputs[i]}};
        if (!services[i].empty()) {
            item["service_description"] = services[i];
        }
        if (!stamps[i].empty()) {
            item["time_stamp"] = stamps[i];
        }
        items.push_back(std::move(item));
    }
    return results_from_json(items, now);
}

std::string content_type(const net::Request& request) {
    return core::to_lower(request.header("content-type"));
}

bool declared_json(const net::Request& request) {
    return core::starts_with(content_type(request), "application/json");
}

// `curl -d '...'` says x-www-form-urlencoded whatever it sends, so a form body that is
// valid JSON is taken as JSON.
bool json_body(const net::Request& request) {
    if (declared_json(request)) {
        return true;
    }
    auto body = core::trim(request.body);
    return !body.empty() && (body.front() == '{' || body.front() == '[' || body.front() == '"') &&
           json::accept(body);
}

bool form_body(const net::Request& request) {
    return core::starts_with(content_type(request), "application/x-www-form-urlencoded") &&
           !json_body(request);
}

}  // namespace

std::vector<std::string> parse_check_results(const net::Request& request, double now);
std::vector<std::string> parse_command_lines(const net::Request& request);

std::string passive_result_command(const PassiveResult& r, double now) {
    if (core::trim(r.host_name).empty()) {
        bad("host_name is empty");
    }
    check_name("host_name", r.host_name);
    check_name("service_description", r.service_description);
    const bool host = r.service_description.empty();
    const int max_code = host ? 2 : 3;
    if (r.return_code < 0 || r.return_code > max_code) {
        bad(fmt::format("return_code {} is out of range 0..{} for a {} result", r.return_code,
                        max_code, host ? "host" : "service"));
    }
    double stamp = r.time_stamp > 0 ? r.time_stamp : now;
    if (!std::isfinite(stamp) || stamp > 4e9) {
        bad(fmt::format("time_stamp {} is not an epoch time", r.time_stamp));
    }
    const auto ts = static_cast<long long>(stamp);
    if (host) {
        return fmt::format("[{}] PROCESS_HOST_CHECK_RESULT;{};{};{}", ts, r.host_name,
                           r.return_code, escape_output(r.output));
    }
    return fmt::format("[{}] PROCESS_SERVICE_CHECK_RESULT;{};{};{};{}", ts, r.host_name,
                       r.service_description, r.return_code, escape_output(r.output));
}

// nlohmann reports a number too large for a double as out_of_range, which net::Request::json()
// lets through: the sender still deserves a 400 that says why.
template <class Parse>
auto as_invalid_input(Parse parse) {
    try {
        return parse();
    } catch (const json::exception& e) {
        bad(std::string("malformed JSON body: ") + e.what());
    }
}

std::vector<std::string> check_result_commands(const net::Request& request, double now) {
    return as_invalid_input([&] { return parse_check_results(request, now); });
}

std::vector<std::string> external_command_lines(const net::Request& request) {
    return as_invalid_input([&] { return parse_command_lines(request); });
}

std::vector<std::string> parse_check_results(const net::Request& request, double now) {
    if (form_body(request)) {
        return results_from_form(request.form(), now);
    }
    if (core::trim(request.body).empty()) {
        bad("empty body: expected a JSON result, a JSON array of results or form fields");
    }
    return results_from_json(request.json(), now);
}

std::vector<std::string> split_command_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        auto line = core::trim(text.substr(start, end - start));
        if (!line.empty()) {
            lines.emplace_back(line);
        }
        start = end + 1;
    }
    return lines;
}

std::vector<std::string> parse_command_lines(const net::Request& request) {
    if (form_body(request)) {
        auto values = all_values(request.form(), "command");
        if (!values.empty()) {
            return values;
        }
        // `curl -d '[ts] CMD;args'`: the lines themselves, not a form.
    }
    if (!json_body(request)) {
        return split_command_lines(request.body);
    }
    const json body = request.json();
    const json* list = &body;
    if (body.is_object()) {
        auto it = body.find("commands");
        if (it == body.end()) {
            bad("expected {\"commands\": [\"[ts] NAME;arg;...\", ...]}");
        }
        list = &*it;
    }
    std::vector<std::string> lines;
    if (list->is_string()) {
        return split_command_lines(list->get<std::string>());
    }
    if (!list->is_array()) {
        bad("\"commands\" must be an array of command lines");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& item = (*list)[i];
        if (!item.is_string()) {
            bad(fmt::format("command {} is not a string", i));
        }
        const auto& text = item.get_ref<const std::string&>();
        if (text.find('\n') != std::string::npos &&
            core::trim(text).find('\n') != std::string_view::npos) {
            bad(fmt::format("command {} contains a newline: send one command per element", i));
        }
        lines.emplace_back(core::trim(text));
    }
    return lines;
}

}  // namespace yagura::daemon
