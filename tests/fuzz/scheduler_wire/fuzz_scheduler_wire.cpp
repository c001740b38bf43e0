// Fuzzes what the scheduler reads from pollers and reactionners: the body of POST
// /put_results and of POST /run_external_commands. parse_results reads without a DOM (SAX);
// here it is held to a plain DOM reading of the same body, the contract it replaced: the same
// bodies accepted with the same fields, the same bodies refused with the same message. Any
// other exception, a crash or a difference aborts.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>

#include "scheduler/wire.hpp"

namespace {

using nlohmann::json;
using namespace yagura;

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

// The reference: the body read into a DOM, then checked field by field.
struct Refused {
    std::string message;
};

const json* member(const json& object, const char* key) {
    auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string text_of(const json& entry, const char* key, const std::string& where) {
    const json* value = member(entry, key);
    if (value == nullptr) {
        return {};
    }
    if (!value->is_string()) {
        throw Refused{where + "." + key + " expects a string"};
    }
    return value->get<std::string>();
}

double number_of(const json& entry, const char* key, const std::string& where) {
    const json* value = member(entry, key);
    if (value == nullptr) {
        return 0;
    }
    if (!value->is_number() || !std::isfinite(value->get<double>())) {
        throw Refused{where + "." + key + " expects a number"};
    }
    return value->get<double>();
}

struct Entry {
    std::string id;
    int exit_status = 0;
    std::string output, long_output, perf_data;
    double start_time = 0, end_time = 0, execution_time = 0;
    bool timed_out = false;

    bool same_as(const engine::ActionResult& r) const {
        return r.id == id && r.exit_status == exit_status && r.output == output &&
               r.long_output == long_output && r.perf_data == perf_data &&
               r.start_time == start_time && r.end_time == end_time &&
               r.execution_time == execution_time && r.timed_out == timed_out;
    }
};

// One entry checked in the reference order.
Entry read_entry(const json& entry, std::size_t i) {
    const std::string where = "results[" + std::to_string(i) + "]";
    if (!entry.is_object()) {
        throw Refused{where + " expects an object, got " +
                      entry.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 200)};
    }
    Entry out;
    out.id = text_of(entry, "id", where);
    if (out.id.empty()) {
        throw Refused{where + ".id is missing: every result names the action it answers"};
    }
    const json* status = member(entry, "exit_status");
    if (status == nullptr) {
        status = member(entry, "return_code");
    }
    if (status == nullptr || !status->is_number_integer() || status->get<long long>() < 0 ||
        status->get<long long>() > 255) {
        throw Refused{where + ".exit_status expects an integer 0..255"};
    }
    out.exit_status = status->get<int>();
    out.output = text_of(entry, "output", where);
    out.long_output = text_of(entry, "long_output", where);
    out.perf_data = text_of(entry, "perf_data", where);
    out.start_time = number_of(entry, "start_time", where);
    out.end_time = number_of(entry, "end_time", where);
    out.execution_time = number_of(entry, "execution_time", where);
    if (const json* t = member(entry, "timed_out")) {
        if (!t->is_boolean()) {
            throw Refused{where + ".timed_out expects true or false"};
        }
        out.timed_out = t->get<bool>();
    }
    return out;
}

// The reference's verdict on the body: its refusal, or "" when it accepts it (then `batch`,
// if given, must hold the same results).
std::string reference(std::string_view body, const scheduler::ResultsBatch* batch) {
    json document = json::parse(body, nullptr, false);
    try {
        if (document.is_discarded()) {
            throw Refused{"put_results: the body is not JSON"};
        }
        if (!document.is_object()) {
            throw Refused{"put_results: the body expects an object"};
        }
        const json* results = member(document, "results");
        if (results == nullptr || !results->is_array()) {
            throw Refused{"put_results: \"results\" expects an array of results"};
        }
        for (std::size_t i = 0; i < results->size(); ++i) {
            Entry entry = read_entry((*results)[i], i);
            if (batch != nullptr) {
                require(i < batch->results.size() && entry.same_as(batch->results[i]));
            }
        }
        require(batch == nullptr || batch->results.size() == results->size());
    } catch (const Refused& refused) {
        return refused.message;
    }
    return {};
}

void check_results(const std::string& body) {
    try {
        scheduler::ResultsBatch batch = scheduler::parse_results(body);
        require(reference(body, &batch).empty());
    } catch (const core::Error& e) {
        require(e.kind() == core::ErrorKind::invalid_input);
        require(reference(body, nullptr) == e.what());
    }
}

void check_commands(const std::string& body) {
    try {
        for (const auto& entry : scheduler::parse_commands(body)) {
            require(entry.error.empty() || !entry.line.empty());
        }
    } catch (const core::Error& e) {
        require(e.kind() == core::ErrorKind::invalid_input);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string body(reinterpret_cast<const char*>(data), size);
    check_results(body);
    check_commands(body);
    return 0;
}
