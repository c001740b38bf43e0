// POST /put_results read without a JSON DOM: nlohmann's SAX parser calls ResultsReader for
// each token, which fills engine::ActionResult directly and copies the strings the engine
// reads into the batch's own buffer. A DOM here cost a std::map per result and most of the
// scheduler's malloc/free under load.
//
// The contract is the DOM reader's: the whole body must parse, then the first fault in
// document order (the body, "results", then each result's fields in a fixed order) refuses
// the whole batch with a message naming it; null fields are as absent, unknown keys ignored,
// a repeated key counts by its last value.
#include <array>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>

#include "scheduler/wire.hpp"

namespace yagura::scheduler {

namespace {

using nlohmann::json;

// The fields of a result the engine reads; `unknown` for every other key.
enum class Field : std::uint8_t {
    id,
    exit_status,
    return_code,  // Shinken's name for exit_status
    output,
    long_output,
    perf_data,
    start_time,
    end_time,
    execution_time,
    timed_out,
    unknown,
};
constexpr std::size_t kFields = static_cast<std::size_t>(Field::unknown);

Field field_named(std::string_view key) {
    static constexpr std::array<std::string_view, kFields> kNames = {
        "id",        "exit_status", "return_code", "output",         "long_output",
        "perf_data", "start_time",  "end_time",    "execution_time", "timed_out"};
    for (std::size_t i = 0; i < kFields; ++i) {
        if (kNames[i] == key) {
            return static_cast<Field>(i);
        }
    }
    return Field::unknown;
}

// One field's value as read: its JSON type and what the checks need of it.
struct Value {
    enum class Type : std::uint8_t { absent, string, integer, number, boolean, other };
    Type type = Type::absent;  // null reads as absent
    std::size_t offset = 0;    // string: where its text starts in the batch's buffer
    std::size_t length = 0;
    std::int64_t integer = 0;  // integer: clamped to int64 (only 0..255 is ever accepted)
    double number = 0;         // integer and number
    bool flag = false;         // boolean

    bool is_number() const { return type == Type::integer || type == Type::number; }
};

// Where the reader is: which container holds the next token.
enum class Place : std::uint8_t {
    top,      // before the body's value
    body,     // inside the body's object
    results,  // inside the "results" array
    result,   // inside one result object
    skipped,  // inside a container nobody reads (nested values, unknown keys)
    done,     // after the body
};

// The first fault found, and where: messages are written once parsing ended.
struct Fault {
    enum class Kind : std::uint8_t {
        none,
        body_not_object,
        results_not_array,
        entry_not_object,
        entry
    };
    Kind kind = Kind::none;
    std::size_t index = 0;  // the result at fault (entry_*)
    std::string message;    // entry: the whole message
};

class ResultsReader {
public:
    explicit ResultsReader(ResultsBatch& batch) : batch_(batch) {}

    // The nlohmann SAX interface (json::sax_parse). Returning false stops the parse: only a
    // syntax error does, so a syntax error anywhere wins over any other fault, as with a DOM.
    bool null() { return value(Value{}); }
    bool boolean(bool flag) {
        Value v;
        v.type = Value::Type::boolean;
        v.flag = flag;
        return value(v);
    }
    bool number_integer(std::int64_t n) { return value(integer(n, static_cast<double>(n))); }
    bool number_unsigned(std::uint64_t n) {
        constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        return value(integer(static_cast<std::int64_t>(std::min(n, kMax)), static_cast<double>(n)));
    }
    bool number_float(double n, const std::string& /*text*/) {
        Value v;
        v.type = Value::Type::number;
        v.number = n;
        return value(v);
    }
    bool string(std::string& text) {
        Value v;
        v.type = Value::Type::string;
        if (place_ == Place::result && keeps_text(field_)) {
            v.offset = batch_.text.size();
            v.length = text.size();
            batch_.text.insert(batch_.text.end(), text.begin(), text.end());
        }
        return value(v);
    }
    bool binary(json::binary_t& /*bytes*/) { return other(); }  // not in JSON text
    bool start_object(std::size_t /*size*/) { return open(true); }
    bool start_array(std::size_t /*size*/) { return open(false); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(std::string& name) {
        if (place_ == Place::body) {
            body_key_is_results_ = name == "results";
        } else if (place_ == Place::result) {
            field_ = field_named(name);
        }
        return true;
    }
    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const nlohmann::detail::exception& /*error*/) {
        return false;
    }

    // After a complete parse: the first fault, or nothing.
    const Fault& fault() const { return fault_; }
    // False when "results" is absent or null.
    bool saw_results_array() const { return saw_results_array_; }

    // Points every result's texts into the batch's buffer, now that it is complete.
    void bind_texts() {
        const char* base = batch_.text.data();
        auto view = [base](const Value& v) {
            return v.type == Value::Type::string ? std::string_view(base + v.offset, v.length)
                                                 : std::string_view();
        };
        for (std::size_t i = 0; i < batch_.results.size(); ++i) {
            const TextRefs& refs = refs_[i];
            engine::ActionResult& r = batch_.results[i];
            r.id = view(refs.id);
            r.output = view(refs.output);
            r.long_output = view(refs.long_output);
            r.perf_data = view(refs.perf_data);
        }
    }

private:
    static Value integer(std::int64_t n, double as_double) {
        Value v;
        v.type = Value::Type::integer;
        v.integer = n;
        v.number = as_double;
        return v;
    }

    static bool keeps_text(Field f) {
        return f == Field::id || f == Field::output || f == Field::long_output ||
               f == Field::perf_data;
    }

    bool other() {
        Value v;
        v.type = Value::Type::other;
        return value(v);
    }

    // A scalar value, or the start of a container seen as a value of its parent.
    bool value(const Value& v) {
        switch (place_) {
            case Place::top:
                fail_body_not_object();
                place_ = Place::done;
                break;
            case Place::body:
                if (body_key_is_results_) {
                    start_results();
                    if (v.type != Value::Type::absent) {  // null is as absent
                        fail_results_not_array();
                    }
                }
                break;
            case Place::results:
                fail_entry_not_object(index_++);
                break;
            case Place::result:
                if (field_ != Field::unknown) {
                    fields_[static_cast<std::size_t>(field_)] = v;
                }
                break;
            case Place::skipped:
            case Place::done:
                break;
        }
        return true;
    }

    bool open(bool object) {
        if (place_ == Place::skipped) {
            ++skipped_depth_;
            return true;
        }
        Place next = Place::skipped;
        if (place_ == Place::top && object) {
            next = Place::body;
        } else if (place_ == Place::body && body_key_is_results_ && !object) {
            start_results();
            saw_results_array_ = true;
            next = Place::results;
        } else if (place_ == Place::results && object) {
            fields_ = {};
            next = Place::result;
        } else {
            other();  // a container where a scalar or another container belongs
        }
        if (next == Place::skipped) {
            skipped_from_ = place_;
            skipped_depth_ = 1;
        }
        place_ = next;
        return true;
    }

    bool close() {
        switch (place_) {
            case Place::skipped:
                if (--skipped_depth_ == 0) {
                    place_ = skipped_from_;
                }
                break;
            case Place::result:
                finish_result(index_++);
                place_ = Place::results;
                break;
            case Place::results:
                place_ = Place::body;
                break;
            default:
                place_ = Place::done;
        }
        return true;
    }

    // A "results" key starts over, as a DOM keeps the last value of a repeated key.
    void start_results() {
        saw_results_array_ = false;
        batch_.results.clear();
        batch_.text.clear();
        refs_.clear();
        index_ = 0;
        fault_ = Fault{};
    }

    void fail_body_not_object() { fault_.kind = Fault::Kind::body_not_object; }
    void fail_results_not_array() { fault_.kind = Fault::Kind::results_not_array; }
    void fail_entry_not_object(std::size_t index) {
        if (fault_.kind == Fault::Kind::none) {
            fault_.kind = Fault::Kind::entry_not_object;
            fault_.index = index;
        }
    }

    void finish_result(std::size_t index) {
        if (fault_.kind != Fault::Kind::none) {
            return;  // the batch is refused already: no need to read further results
        }
        std::string fault = check_result();
        if (!fault.empty()) {
            fault_.kind = Fault::Kind::entry;
            fault_.index = index;
            fault_.message = "results[" + std::to_string(index) + "]" + fault;
            return;
        }
        batch_.results.push_back(result());
    }

    const Value& at(Field f) const { return fields_[static_cast<std::size_t>(f)]; }

    const Value& status() const {
        const Value& v = at(Field::exit_status);
        return v.type == Value::Type::absent ? at(Field::return_code) : v;
    }

    // The fault of the current result as ".field expects ...", or "". The order of the
    // checks is the message's contract: id, exit_status, the texts, the times, timed_out.
    std::string check_result() const {
        using Type = Value::Type;
        const Value& id = at(Field::id);
        if (id.type != Type::absent && id.type != Type::string) {
            return ".id expects a string";
        }
        if (id.length == 0) {
            return ".id is missing: every result names the action it answers";
        }
        const Value& exit = status();
        if (exit.type != Type::integer || exit.integer < 0 || exit.integer > 255) {
            return ".exit_status expects an integer 0..255";
        }
        for (Field f : {Field::output, Field::long_output, Field::perf_data}) {
            if (at(f).type != Type::absent && at(f).type != Type::string) {
                return "." + std::string(name(f)) + " expects a string";
            }
        }
        for (Field f : {Field::start_time, Field::end_time, Field::execution_time}) {
            if (at(f).type != Type::absent &&
                (!at(f).is_number() || !std::isfinite(at(f).number))) {
                return "." + std::string(name(f)) + " expects a number";
            }
        }
        if (at(Field::timed_out).type != Type::absent &&
            at(Field::timed_out).type != Type::boolean) {
            return ".timed_out expects true or false";
        }
        return {};
    }

    static std::string_view name(Field f) {
        switch (f) {
            case Field::output:
                return "output";
            case Field::long_output:
                return "long_output";
            case Field::perf_data:
                return "perf_data";
            case Field::start_time:
                return "start_time";
            case Field::end_time:
                return "end_time";
            default:
                return "execution_time";
        }
    }

    // The checked result; its texts are offsets until the buffer stops growing.
    engine::ActionResult result() {
        engine::ActionResult r;
        r.exit_status = static_cast<int>(status().integer);
        r.start_time = at(Field::start_time).number;
        r.end_time = at(Field::end_time).number;
        r.execution_time = at(Field::execution_time).number;
        r.timed_out = at(Field::timed_out).flag;
        refs_.push_back(
            {at(Field::id), at(Field::output), at(Field::long_output), at(Field::perf_data)});
        return r;
    }

private:
    struct TextRefs {
        Value id, output, long_output, perf_data;
    };

    ResultsBatch& batch_;
    Place place_ = Place::top;
    Place skipped_from_ = Place::top;  // where a skipped container started
    std::size_t skipped_depth_ = 0;
    bool body_key_is_results_ = false;
    bool saw_results_array_ = false;
    Field field_ = Field::unknown;
    std::array<Value, kFields> fields_{};  // the current result's fields
    std::size_t index_ = 0;                // the current entry of "results"
    std::vector<TextRefs> refs_;           // per accepted result
    Fault fault_;
};

[[noreturn]] void refuse(const std::string& message) {
    throw core::Error(core::ErrorKind::invalid_input, message);
}

// The entry as a DOM prints it, for the message: the error path can afford the parse.
std::string quote_entry(const std::string& body, std::size_t index) {
    json document = json::parse(body, nullptr, false);
    const json& entry = document["results"][index];
    return entry.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 200);
}

}  // namespace

ResultsBatch parse_results(const std::string& body) {
    ResultsBatch batch;
    batch.text.reserve(body.size());  // unescaped strings are never longer than their JSON
    ResultsReader reader(batch);
    if (!json::sax_parse(body, &reader)) {
        refuse("put_results: the body is not JSON");
    }
    const Fault& fault = reader.fault();
    switch (fault.kind) {
        case Fault::Kind::body_not_object:
            refuse("put_results: the body expects an object");
        case Fault::Kind::results_not_array:
            refuse("put_results: \"results\" expects an array of results");
        case Fault::Kind::entry_not_object:
            refuse("results[" + std::to_string(fault.index) + "] expects an object, got " +
                   quote_entry(body, fault.index));
        case Fault::Kind::entry:
            refuse(fault.message);
        case Fault::Kind::none:
            break;
    }
    if (!reader.saw_results_array()) {
        refuse("put_results: \"results\" expects an array of results");
    }
    reader.bind_texts();
    return batch;
}

}  // namespace yagura::scheduler
